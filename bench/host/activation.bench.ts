import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../test/support/extension';

/** One activation in a fresh extension host, appended to KSERVE_BENCH_SAMPLES for bench/activation.ts to sum up. */
describe('activation benchmark', () => {
  it('activates without loading any library, and times each library chunk it would otherwise load', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (!extension) throw new Error('extension missing');
    if (extension.isActive) throw new Error('the extension was already active: this host cannot measure activation');
    const started = performance.now();
    // The extension host would require the same file: doing it here first splits evaluation from activate().
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- timed the way the extension host loads it
    require(path.join(extension.extensionPath, 'dist', 'extension.js'));
    const evaluationMs = performance.now() - started;
    const api = await extension.activate() as { activatedInMs: number };
    const wallMs = performance.now() - started;
    const activationMs = evaluationMs + api.activatedInMs;
    const vendorDir = path.join(extension.extensionPath, 'dist', 'vendor');
    const loadedAtActivation = Object.keys(require.cache).filter((file) => file.startsWith(vendorDir)).map((file) => path.basename(file));
    const chunks = fs.readdirSync(vendorDir).filter((f) => f.endsWith('.js')).sort().map((file) => {
      const chunkStarted = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- timed the way the stand-ins load it
      require(path.join(vendorDir, file));
      return { file, bytes: fs.statSync(path.join(vendorDir, file)).size, evaluationMs: performance.now() - chunkStarted };
    });
    const sample = {
      activationMs,
      evaluationMs,
      wallMs,
      loadedAtActivation,
      bundleBytes: fs.statSync(path.join(extension.extensionPath, 'dist', 'extension.js')).size,
      chunks,
      heapMb: process.memoryUsage().heapUsed / 1024 / 1024,
    };
    const out = process.env.KSERVE_BENCH_SAMPLES;
    if (out) fs.appendFileSync(out, `${JSON.stringify(sample)}\n`);
    if (loadedAtActivation.length > 0) throw new Error(`activation loaded ${loadedAtActivation.join(', ')}`);
  });
});
