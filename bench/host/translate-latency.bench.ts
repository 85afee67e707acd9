import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { TranslationOutcome } from '../../src/features/translate';
import { startSimulator, type Simulator } from '../../test/simulator';
import { activateExtension } from '../../test/support/extension';
import { ms, percentile, printTable } from '../format';

interface Run {
  label: string;
  chunkDelayMs: number;
  chunks: number;
}

/** Streams `chunks` numbered pieces ("tok0 ", "tok1 ", ...) into an editor and measures, per chunk, the time from the
 *  simulator's write to the first document change that contains it. */
async function measure(simulator: Simulator, run: Run): Promise<{ latencies: number[]; edits: number }> {
  simulator.setScenario({ kind: 'manyChunks', count: run.chunks });
  const document = await vscode.workspace.openTextDocument({ content: 'The house is wonderful.', language: 'plaintext' });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  editor.selection = new vscode.Selection(0, 0, 0, document.lineAt(0).text.length);
  const writtenAt = new Map<number, bigint>();
  const latencies: number[] = [];
  let seen = -1;
  const stopWatchingChunks = simulator.onChunkWritten((seq, at) => writtenAt.set(seq, at));
  const changes = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document !== document) return;
    const now = process.hrtime.bigint();
    const last = /tok(\d+)\s*$/.exec(document.getText());
    const newest = last ? Number(last[1]) : -1;
    for (let seq = seen + 1; seq <= newest; seq++) {
      const at = writtenAt.get(seq);
      if (at !== undefined) latencies.push(Number(now - at) / 1e6);
    }
    seen = Math.max(seen, newest);
  });
  try {
    const outcome = await vscode.commands.executeCommand<TranslationOutcome>('kserve.translateSelection');
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(latencies.length, run.chunks, 'every chunk was seen in the document');
    return { latencies, edits: outcome.edits };
  } finally {
    changes.dispose();
    stopWatchingChunks();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** The environment's floor: one bare `TextEditor.edit` from the extension host until the change comes back. */
async function bareEditRoundTrips(count: number): Promise<number[]> {
  const document = await vscode.workspace.openTextDocument({ content: '', language: 'plaintext' });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const changed = new Promise<bigint>((resolve) => {
        const listener = vscode.workspace.onDidChangeTextDocument((e) => {
          if (e.document !== document) return;
          listener.dispose();
          resolve(process.hrtime.bigint());
        });
      });
      const started = process.hrtime.bigint();
      const end = document.positionAt(document.getText().length);
      await editor.edit((b) => b.insert(end, `tok${i} `), { undoStopBefore: false, undoStopAfter: false });
      times.push(Number((await changed) - started) / 1e6);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  return times;
}

describe('translate latency benchmark', function () {
  this.timeout(240_000);

  it('measures added latency per chunk, simulator write to text in the document', async () => {
    const api = await activateExtension();
    const runs: Run[] = [
      { label: 'T5-small pace, a chunk every 20 ms', chunkDelayMs: 20, chunks: 300 },
      { label: 'a chunk every 5 ms (faster than a frame)', chunkDelayMs: 5, chunks: 600 },
      { label: 'unpaced burst (as fast as the server writes)', chunkDelayMs: 0, chunks: 5000 },
    ];
    const config = vscode.workspace.getConfiguration('kserve');
    const floor = await bareEditRoundTrips(100);
    const rows: (string | number)[][] = [
      ['floor: one bare TextEditor.edit round trip (no network, no parsing)', 100, 100, ms(percentile(floor, 50)), ms(percentile(floor, 99)), ms(Math.max(...floor))],
    ];
    for (const run of runs) {
      const simulator = await startSimulator({ chunkDelayMs: run.chunkDelayMs });
      await config.update('endpoint.url', simulator.url, vscode.ConfigurationTarget.Global);
      await config.update('translate.maxTokens', 64, vscode.ConfigurationTarget.Global);
      try {
        await api.translate.useInferenceService(undefined);
        const { latencies, edits } = await measure(simulator, run);
        rows.push([run.label, run.chunks, edits, ms(percentile(latencies, 50)), ms(percentile(latencies, 99)), ms(Math.max(...latencies))]);
      } finally {
        await config.update('endpoint.url', undefined, vscode.ConfigurationTarget.Global);
        await config.update('translate.maxTokens', undefined, vscode.ConfigurationTarget.Global);
        await simulator.close();
      }
    }
    printTable('Added latency per chunk inside VS Code (simulator write → text in the document; target p99 ≤ 16 ms)', ['stream', 'chunks', 'edits', 'p50', 'p99', 'max'], rows);
  });
});
