import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TranslateApi, TranslationOutcome } from '../../../src/features/translate';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { activateExtension, waitFor } from '../../support/extension';

export { waitFor };

const EXTENSION_LOG = path.join('kserve-toolkit.kserve-toolkit', 'KServe.log');

/** Sets `kserve.*` user settings; the returned function puts the previous values back. */
export async function useSettings(values: Record<string, unknown>): Promise<() => Promise<void>> {
  const config = vscode.workspace.getConfiguration('kserve');
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, config.inspect(key)?.globalValue]));
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
  return async () => {
    const current = vscode.workspace.getConfiguration('kserve');
    for (const [key, value] of Object.entries(previous)) await current.update(key, value, vscode.ConfigurationTarget.Global);
  };
}

/** Opens an untitled document with `text` in the active column. */
export async function openEditor(text: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content: text, language });
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

/** Selects the first occurrence of each of `texts` (several give a multi-selection). */
export function select(editor: vscode.TextEditor, ...texts: string[]): void {
  const full = editor.document.getText();
  editor.selections = texts.map((text) => {
    const at = full.indexOf(text);
    assert.ok(at >= 0, `"${text}" is not in the document`);
    return new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + text.length));
  });
}

export function selectAll(editor: vscode.TextEditor): void {
  const document = editor.document;
  editor.selection = new vscode.Selection(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
}

export function translateSelection(): Thenable<TranslationOutcome> {
  return vscode.commands.executeCommand<TranslationOutcome>('kserve.translateSelection');
}

/** Closes every editor without saving, so untitled test documents do not pile up. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Undoes in the active editor until the text is `expected` or `maxSteps` undos were done; returns the number used. */
export async function undoUntil(editor: vscode.TextEditor, expected: string, maxSteps = 3): Promise<number> {
  for (let steps = 1; steps <= maxSteps; steps++) {
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    if (editor.document.getText() === expected) return steps;
  }
  return Number.POSITIVE_INFINITY;
}

/** The extension's LogOutputChannel file, as the workbench writes it. */
export async function readExtensionLog(mustContain: string): Promise<string> {
  return waitFor(
    () => {
      const file = findFile(process.env.KSERVE_TEST_LOG_DIR ?? os.tmpdir(), EXTENSION_LOG, 6);
      const text = file ? fs.readFileSync(file, 'utf8') : '';
      return text.includes(mustContain) ? text : undefined;
    },
    `the KServe log file to contain "${mustContain}"`,
    15_000,
    100,
  );
}

function findFile(root: string, suffix: string, depth: number): string | undefined {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const candidates = entries
    .filter((e) => e.isDirectory() && !['chrome', 'extensions', 'node_modules', 'xdg'].includes(e.name))
    .map((e) => path.join(root, e.name));
  const direct = path.join(root, suffix);
  if (fs.existsSync(direct)) return direct;
  if (depth === 0) return undefined;
  for (const dir of candidates.sort().reverse()) {
    const found = findFile(dir, suffix, depth - 1);
    if (found) return found;
  }
  return undefined;
}

/** A simulator started in this extension host, with the endpoint settings pointing at it. */
export interface SimulatedEndpoint {
  readonly simulator: Simulator;
  readonly api: TranslateApi;
  restore(): Promise<void>;
}

export async function simulatedEndpoint(options: SimulatorOptions = {}, settings: Record<string, unknown> = {}): Promise<SimulatedEndpoint> {
  const api = (await activateExtension()).translate;
  const simulator = await startSimulator(options);
  const restoreSettings = await useSettings({
    'endpoint.url': simulator.url,
    'endpoint.hostHeader': undefined,
    'endpoint.model': undefined,
    'ingress.url': undefined,
    'translate.output': undefined,
    'translate.onCancel': undefined,
    ...settings,
  });
  await api.useInferenceService(undefined);
  if (!('endpoint.url' in settings)) await waitFor(() => api.activeEndpoint?.baseUrl === simulator.url, 'the endpoint settings to apply');
  return {
    simulator,
    api,
    restore: async () => {
      await restoreSettings();
      await simulator.close();
    },
  };
}
