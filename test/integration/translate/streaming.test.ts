import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { assemble, planTranslation } from '../../../src/core/translate/chunking';
import { textBudget } from '../../../src/core/translate/tokenBudget';
import { generateOutputText } from '../../simulator';
import { prose, seeded } from '../../unit/translate/random';
import {
  closeAllEditors,
  openEditor,
  select,
  selectAll,
  simulatedEndpoint,
  translateSelection,
  undoUntil,
  useSettings,
  waitFor,
  type SimulatedEndpoint,
} from './helpers';

const ORIGINAL = 'The house is wonderful.';
const PREFIX = 'translate English to German: ';

describe('translate: streaming into the editor', function () {
  this.timeout(60_000);
  let endpoint: SimulatedEndpoint;

  beforeEach(async () => {
    endpoint = await simulatedEndpoint({ legacySpecialTokens: true }, { 'translate.maxTokens': 64, 'translate.maxConcurrency': 4 });
  });

  afterEach(async () => {
    await endpoint.restore();
    await closeAllEditors();
  });

  it("turns the docs' example into the simulator's German, without </s>, in one undo step", async () => {
    const editor = await openEditor(ORIGINAL);
    selectAll(editor);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Das Haus ist wunderbar.');
    const [request] = endpoint.simulator.requests;
    assert.deepEqual(request.body, { model: 't5', prompt: `${PREFIX}${ORIGINAL}`, stream: true, max_tokens: 64 });
    assert.ok(outcome.edits >= 1);
    assert.equal(await undoUntil(editor, ORIGINAL, 1), 1, 'one undo restores the original');
  });

  it('keeps typing after a translation in an undo step of its own', async () => {
    const editor = await openEditor(ORIGINAL);
    selectAll(editor);
    assert.equal((await translateSelection()).status, 'completed');
    const end = editor.document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('type', { text: ' Ja!' });
    assert.equal(editor.document.getText(), 'Das Haus ist wunderbar. Ja!');
    assert.equal(await undoUntil(editor, 'Das Haus ist wunderbar.', 1), 1, 'the first undo takes back only the typing');
    assert.equal(await undoUntil(editor, ORIGINAL, 1), 1, 'the second takes back the whole translation');
  });

  it('writes a fast stream with far fewer edits than chunks', async () => {
    endpoint.simulator.setScenario({ kind: 'manyChunks', count: 2000 });
    const editor = await openEditor(ORIGINAL);
    selectAll(editor);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.ok(editor.document.getText().startsWith('tok0 tok1 tok2'));
    assert.ok(editor.document.getText().endsWith('tok1999'));
    assert.ok(outcome.edits < 500, `${outcome.edits} edits for 2000 chunks`);
    assert.equal(await undoUntil(editor, ORIGINAL, 1), 1);
  });

  it('translates each of several selections in place and undoes them together', async () => {
    const text = 'How are you?\nkeep this line\nThe house is wonderful.\n';
    const editor = await openEditor(text);
    select(editor, 'How are you?', ORIGINAL);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Wie geht es Ihnen?\nkeep this line\nDas Haus ist wunderbar.\n');
    assert.equal(endpoint.simulator.requests.length, 2);
    assert.equal(await undoUntil(editor, text, 1), 1);
  });

  it('splits a 5,000-word selection into requests that fit, and reassembles them in order', async () => {
    const restore = await useSettings({ 'translate.maxTokens': 256 });
    try {
      const text = `\n  ${prose(seeded(2024), 5000)}\n\n`;
      const editor = await openEditor(text);
      // The document normalizes mixed line endings, so the expectation starts from its text.
      const original = editor.document.getText();
      selectAll(editor);
      const outcome = await translateSelection();
      assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
      const plan = planTranslation(original, textBudget(PREFIX, 256));
      assert.ok(plan.parts.length > 20);
      assert.equal(endpoint.simulator.requests.length, plan.parts.length);
      const expected = assemble(plan, plan.parts.map((part) => generateOutputText(PREFIX + part)));
      assert.equal(editor.document.getText(), expected);
      assert.ok(editor.document.getText().startsWith('\n  [de] '), 'leading whitespace kept');
      assert.ok(editor.document.getText().endsWith('\n\n'), 'trailing whitespace kept');
      assert.equal(await undoUntil(editor, original, 1), 1);
    } finally {
      await restore();
    }
  });

  it('keeps the user\'s edits elsewhere in the document, and its place, while streaming', async () => {
    endpoint.simulator.setScenario({ kind: 'slowChunks', delayMs: 60 });
    const editor = await openEditor(`Header\n${ORIGINAL}\nFooter`);
    select(editor, ORIGINAL);
    const running = translateSelection();
    await waitFor(() => editor.document.getText().includes('Das '), 'the first piece');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('type', { text: 'Typed above. ' });
    const lastLine = editor.document.lineCount - 1;
    const end = editor.document.lineAt(lastLine).range.end;
    editor.selection = new vscode.Selection(end, end);
    await vscode.commands.executeCommand('type', { text: ' and below' });
    const outcome = await running;
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Typed above. Header\nDas Haus ist wunderbar.\nFooter and below');
  });

  it('keeps streaming into a document whose editor was replaced by another one', async () => {
    endpoint.simulator.setScenario({ kind: 'slowChunks', delayMs: 50 });
    const editor = await openEditor(`${ORIGINAL}\n`);
    selectAll(editor);
    const running = translateSelection();
    await waitFor(() => editor.document.getText().startsWith('Das'), 'the first piece');
    await openEditor('another document');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document === editor.document), 'the source is hidden');
    const outcome = await running;
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Das Haus ist wunderbar.\n');
  });

  it('stops cleanly when its document is closed', async () => {
    endpoint.simulator.setScenario({ kind: 'slowChunks', delayMs: 80 });
    const editor = await openEditor(ORIGINAL);
    selectAll(editor);
    const running = translateSelection();
    await waitFor(() => editor.document.getText().startsWith('Das'), 'the first piece');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const outcome = await running;
    assert.equal(outcome.status, 'cancelled');
    assert.equal(endpoint.api.isTranslating, false);
  });
});
