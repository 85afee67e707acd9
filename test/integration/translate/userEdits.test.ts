import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TranslationOutcome } from '../../../src/features/translate';
import { closeAllEditors, openEditor, select, selectAll, simulatedEndpoint, translateSelection, waitFor, type SimulatedEndpoint } from './helpers';

const ORIGINAL = 'Intro line\nHello world, how are you?\nLast line\n';
const SELECTED = 'Hello world, how are you?';

/** A read-only file system, as VS Code offers for git history or a remote that forbids writes. */
class ReadOnlyFiles implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  constructor(private readonly text: string) {}
  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }
  stat(): vscode.FileStat {
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: this.text.length, permissions: vscode.FilePermission.Readonly };
  }
  readDirectory(): [string, vscode.FileType][] { return []; }
  createDirectory(): void { throw vscode.FileSystemError.NoPermissions(); }
  readFile(): Uint8Array { return new TextEncoder().encode(this.text); }
  writeFile(): void { throw vscode.FileSystemError.NoPermissions(); }
  delete(): void { throw vscode.FileSystemError.NoPermissions(); }
  rename(): void { throw vscode.FileSystemError.NoPermissions(); }
}

describe('translate: the user\'s own edits while a translation streams', function () {
  this.timeout(60_000);
  let endpoint: SimulatedEndpoint;
  let dir: string;

  beforeEach(async () => {
    endpoint = await simulatedEndpoint();
    endpoint.simulator.setScenario({ kind: 'slowChunks', delayMs: 150 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kserve-edits-'));
  });

  afterEach(async () => {
    await endpoint.restore();
    await closeAllEditors();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts translating SELECTED and resolves, with the run, once the first piece is in the document. */
  async function streaming(editor: vscode.TextEditor): Promise<{ running: Thenable<TranslationOutcome>; piece: string }> {
    select(editor, SELECTED);
    const running = translateSelection();
    await waitFor(() => editor.document.getText() !== ORIGINAL, 'the first piece');
    const piece = editor.document.getText().split('\n')[1];
    return { running, piece };
  }

  /** The run stopped for the user's edit, said so, and left the document as the edit made it. */
  async function expectStoppedByEdit(running: Thenable<TranslationOutcome>, editor: vscode.TextEditor, expected: string) {
    const outcome = await running;
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.error?.code, 'editedWhileStreaming');
    assert.match(outcome.error?.message ?? '', /stopped because the text it was writing was changed .*Your change is kept/);
    assert.equal(editor.document.getText(), expected);
    const requests = endpoint.simulator.requests.length;
    await waitFor(() => endpoint.api.isTranslating === false, 'the run to end');
    assert.equal(editor.document.getText(), expected, 'nothing is written afterwards');
    assert.equal(endpoint.simulator.requests.length, requests);
  }

  it('typing inside the streamed text stops the run and keeps what was typed', async () => {
    const editor = await openEditor(ORIGINAL);
    const { running, piece } = await streaming(editor);
    const at = editor.document.getText().indexOf(piece) + 1;
    await editor.edit((edit) => edit.insert(editor.document.positionAt(at), 'TYPED'));
    const afterTyping = editor.document.getText();
    assert.ok(afterTyping.includes('TYPED'), afterTyping);
    await expectStoppedByEdit(running, editor, afterTyping);
  });

  it('an undo mid-stream stops the run, and the document is what the undo left', async () => {
    const editor = await openEditor(ORIGINAL);
    const { running } = await streaming(editor);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === ORIGINAL, 'the undo');
    await expectStoppedByEdit(running, editor, ORIGINAL);
  });

  it('a revert mid-stream stops the run and leaves the file as it is on disk', async () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, ORIGINAL);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const { running } = await streaming(editor);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => !editor.document.isDirty, 'the revert');
    await expectStoppedByEdit(running, editor, ORIGINAL);
    assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL);
  });

  it('refuses a read-only document before anything is sent', async () => {
    const registration = vscode.workspace.registerFileSystemProvider('kserve-readonly', new ReadOnlyFiles(ORIGINAL), { isReadonly: true });
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.parse('kserve-readonly:/notes.txt')));
      selectAll(editor);
      const outcome = await translateSelection();
      assert.equal(outcome.status, 'failed');
      assert.equal(outcome.error?.code, 'readOnly');
      assert.match(outcome.error?.message ?? '', /notes\.txt is read-only.*kserve\.translate\.output to newDocument/);
      assert.equal(endpoint.simulator.requests.length, 0, 'nothing was sent');
      assert.equal(editor.document.getText(), ORIGINAL);
    } finally {
      registration.dispose();
    }
  });

  it('closing the file without saving mid-stream stops the request, and the file on disk is untouched', async () => {
    const file = path.join(dir, 'close.txt');
    fs.writeFileSync(file, ORIGINAL);
    const document = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(document);
    const { running } = await streaming(editor);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const outcome = await running;
    assert.equal(outcome.status, 'cancelled');
    await waitFor(() => endpoint.api.isTranslating === false, 'the run to end');
    assert.equal(endpoint.simulator.requests.length, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), ORIGINAL);
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === file)));
  });
});
