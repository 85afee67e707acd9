// Sums up the activation samples that bench/host/activation.bench.ts appended, one fresh extension host each.
//   node out/bench/activation.js SAMPLES_FILE
import fs from 'node:fs';
import { ms, percentile, printTable } from './format';

interface Sample {
  /** Evaluating dist/extension.js plus the activate() call: what the extension itself costs. */
  readonly activationMs: number;
  readonly evaluationMs: number;
  /** `extension.activate()` as the caller sees it, VS Code's own scheduling included. */
  readonly wallMs: number;
  readonly loadedAtActivation: readonly string[];
  readonly bundleBytes: number;
  readonly chunks: readonly { readonly file: string; readonly bytes: number; readonly evaluationMs: number }[];
  readonly heapMb: number;
}

const TARGET_MS = 50;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const median = (values: number[]) => percentile(values, 50);

export function summarize(samples: readonly Sample[]): boolean {
  const activation = median(samples.map((s) => s.activationMs));
  const eager = median(samples.map((s) => s.activationMs + s.chunks.reduce((sum, c) => sum + c.evaluationMs, 0)));
  const loaded = [...new Set(samples.flatMap((s) => s.loadedAtActivation))];
  printTable(`Activation in code-server (median of ${samples.length} fresh extension hosts)`, ['metric', 'value', 'ratio'], [
    ['activation: evaluating dist/extension.js + activate()', ms(activation), `${(activation / eager).toFixed(2)}× baseline`],
    ['  of which evaluating dist/extension.js', ms(median(samples.map((s) => s.evaluationMs))), ''],
    ['extension.activate() as a caller waits for it (VS Code scheduling included)', ms(median(samples.map((s) => s.wallMs))), ''],
    ['baseline: the same activation with every library loaded up front', ms(eager), '1.00×'],
    ['target', `≤ ${TARGET_MS} ms`, activation <= TARGET_MS ? 'met' : 'MISSED'],
    ['libraries loaded by activation', loaded.length ? loaded.join(', ') : 'none', ''],
    ['extension host heap after activation', `${median(samples.map((s) => s.heapMb)).toFixed(1)} MB`, ''],
  ]);
  const files = samples[0]?.chunks.map((c) => c.file) ?? [];
  printTable('Bundle chunks: size and evaluation time on first use (median)', ['chunk', 'size', 'evaluation'], [
    ['dist/extension.js (evaluated at activation)', kib(samples[0]?.bundleBytes ?? 0), 'in activate() above'],
    ...files.map((file) => {
      const times = samples.map((s) => s.chunks.find((c) => c.file === file)?.evaluationMs ?? NaN);
      return [`dist/vendor/${file}`, kib(samples[0].chunks.find((c) => c.file === file)!.bytes), ms(median(times))];
    }),
  ]);
  return samples.length >= 5 && activation <= TARGET_MS && loaded.length === 0;
}

if (require.main === module) {
  const file = process.argv[2];
  const samples = fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Sample);
  process.exitCode = summarize(samples) ? 0 : 1;
}
