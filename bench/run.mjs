#!/usr/bin/env node
// @ts-check
// npm run bench: every bench/*.bench.mjs in plain Node, then the bench/host suite inside a real VS Code.
//   node bench/run.mjs [name-filter]   (the filter matches file names)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const filter = process.argv[2] ?? '';
const plain = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.bench.mjs') && f.includes(filter)).sort();
let failed = 0;
for (const file of plain) {
  console.log(`\n## ${file}`);
  try {
    execFileSync(process.execPath, ['--expose-gc', path.join(root, 'bench', file)], { stdio: 'inherit', cwd: root });
  } catch {
    failed++;
    console.log(`${file} failed`);
  }
}
const hostBenches = fs.readdirSync(path.join(root, 'out/bench/host')).filter((f) => f.endsWith('.bench.js') && f.includes(filter));
const ACTIVATIONS = 5;
if (hostBenches.length > 0) {
  console.log(`\n## inside VS Code: ${hostBenches.join(', ')}`);
  const samples = path.join(root, '.test-results', 'activation-samples.jsonl');
  fs.mkdirSync(path.dirname(samples), { recursive: true });
  fs.rmSync(samples, { force: true });
  const harness = (extra) => execFileSync(process.execPath, [path.join(root, 'test/harness/run-code-server.mjs'), '--suite', '--tests', 'out/bench/host', ...extra],
    { stdio: 'inherit', cwd: root, env: { ...process.env, KSERVE_BENCH_SAMPLES: samples } });
  try {
    // Activation is measured on the bundle as it ships: minified.
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production'], { stdio: 'ignore', cwd: root });
    harness(filter ? ['--grep', filter] : []);
    // Each activation needs a fresh extension host: the first run gave one sample, these give the rest.
    if (hostBenches.some((f) => f.startsWith('activation'))) {
      harness(['--grep', 'activation benchmark', '--repeat', String(ACTIVATIONS - 1)]);
      execFileSync(process.execPath, [path.join(root, 'out/bench/activation.js'), samples], { stdio: 'inherit', cwd: root });
    }
  } catch {
    failed++;
  } finally {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore', cwd: root });
  }
}
process.exit(failed ? 1 : 0);
