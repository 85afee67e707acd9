import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TranslationOutcome } from '../../../src/features/translate';
import { closeAllEditors, openEditor, select, simulatedEndpoint, translateSelection, undoUntil, useSettings, waitFor, type SimulatedEndpoint } from './helpers';

const ORIGINAL = 'Intro line.\nThe house is wonderful.\nLast line.';
const SELECTED = 'The house is wonderful.';

describe('translate: output modes, cancelling and T5 tasks', function () {
  this.timeout(60_000);
  let endpoint: SimulatedEndpoint;

  beforeEach(async () => {
    endpoint = await simulatedEndpoint();
  });

  afterEach(async () => {
    await endpoint.restore();
    await closeAllEditors();
  });

  /** Starts a slow translation and cancels it once some text is in `document`. */
  async function cancelMidStream(editor: vscode.TextEditor, cancel: () => Thenable<unknown>): Promise<TranslationOutcome> {
    endpoint.simulator.setScenario({ kind: 'slowChunks', delayMs: 80 });
    const running = translateSelection();
    await waitFor(() => editor.document.getText().includes('Das '), 'the first piece');
    assert.equal(endpoint.api.isTranslating, true);
    await cancel();
    return running;
  }

  it('insertBelow keeps the original and writes the translation on the next line', async () => {
    await useSettings({ 'translate.output': 'insertBelow' });
    const editor = await openEditor(ORIGINAL);
    select(editor, SELECTED);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Intro line.\nThe house is wonderful.\nDas Haus ist wunderbar.\nLast line.');
    assert.equal(await undoUntil(editor, ORIGINAL, 1), 1);
  });

  it('newDocument writes into a new editor beside and leaves the source alone', async () => {
    await useSettings({ 'translate.output': 'newDocument' });
    const editor = await openEditor(ORIGINAL);
    select(editor, SELECTED);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), ORIGINAL);
    const output = vscode.workspace.textDocuments.find((d) => d.uri.toString() === outcome.document?.toString());
    assert.ok(output && output !== editor.document);
    assert.equal(output.getText(), 'Das Haus ist wunderbar.');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === output), 'the new document is shown');
  });

  it('newDocument closes its empty editor again when the request fails', async () => {
    await useSettings({ 'translate.output': 'newDocument' });
    endpoint.simulator.setScenario({ kind: 'cutBeforeDone', afterChunks: 2 });
    const editor = await openEditor(ORIGINAL);
    select(editor, SELECTED);
    const outcome = await translateSelection();
    assert.equal(outcome.error?.code, 'streamIncomplete');
    await waitFor(() => !vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === outcome.document?.toString()), 'the output editor to close');
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  it('cancel mid-stream (Cancel Translation command) restores the document', async () => {
    const editor = await openEditor(ORIGINAL);
    select(editor, SELECTED);
    const outcome = await cancelMidStream(editor, () => vscode.commands.executeCommand('kserve.cancelStreaming'));
    assert.equal(outcome.status, 'cancelled');
    assert.equal(editor.document.getText(), ORIGINAL);
    assert.equal(endpoint.api.isTranslating, false);
  });

  it('Escape is bound to cancel while a stream runs', async () => {
    const pkg = vscode.extensions.getExtension('kserve-toolkit.kserve-toolkit')?.packageJSON;
    const binding = pkg.contributes.keybindings.find((k: { command: string }) => k.command === 'kserve.cancelStreaming');
    assert.equal(binding.key, 'escape');
    assert.match(binding.when, /kserve\.translating/);
  });

  it('cancel with insertBelow and onCancel=keepMarked keeps the partial text, marked incomplete', async () => {
    await useSettings({ 'translate.output': 'insertBelow', 'translate.onCancel': 'keepMarked' });
    const editor = await openEditor(ORIGINAL);
    select(editor, SELECTED);
    const outcome = await cancelMidStream(editor, () => vscode.commands.executeCommand('kserve.cancelStreaming'));
    assert.equal(outcome.status, 'cancelled');
    const lines = editor.document.getText().split('\n');
    assert.deepEqual([lines[0], lines[1], lines[3]], ['Intro line.', SELECTED, 'Last line.']);
    assert.match(lines[2], /^Das .*\[translation incomplete: cancelled\]$/);
  });

  it('a stream cut mid-way with insertBelow and keepMarked keeps what arrived, marked, and still says why', async () => {
    await useSettings({ 'translate.output': 'insertBelow', 'translate.onCancel': 'keepMarked' });
    endpoint.simulator.setScenario({ kind: 'cutBeforeDone', afterChunks: 2 });
    const editor = await openEditor(ORIGINAL);
    select(editor, SELECTED);
    const outcome = await translateSelection();
    assert.equal(outcome.error?.code, 'streamIncomplete');
    assert.equal(editor.document.getText().split('\n')[2], 'Das Haus [translation incomplete: the stream ended early]');
    assert.ok(editor.document.getText().startsWith(`Intro line.\n${SELECTED}\n`), 'the original is never touched');
  });

  it('Run T5 Task sends the chosen prefix', async () => {
    const editor = await openEditor('The house is wonderful.');
    select(editor, 'The house is wonderful.');
    const outcome = await vscode.commands.executeCommand<TranslationOutcome>('kserve.runT5Task', { prefix: 'translate English to French:' });
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'La maison est merveilleuse.');
    assert.equal((endpoint.simulator.requests[0].body as { prompt: string }).prompt, 'translate English to French: The house is wonderful.');
  });

  it('Run T5 Task remembers the last custom prefix', async () => {
    const restore = await useSettings({ 'translate.customTask': undefined });
    try {
      const editor = await openEditor('Good morning.');
      select(editor, 'Good morning.');
      const outcome = await vscode.commands.executeCommand<TranslationOutcome>('kserve.runT5Task', { custom: 'translate English to Spanish' });
      assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
      assert.equal(editor.document.getText(), '[es] Good morning.');
      assert.equal(vscode.workspace.getConfiguration('kserve').get('translate.customTask'), 'translate English to Spanish:');
    } finally {
      await restore();
    }
  });
});
