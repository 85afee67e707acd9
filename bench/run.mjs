#!/usr/bin/env node
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
if (hostBenches.length > 0) {
  console.log(`\n## inside VS Code: ${hostBenches.join(', ')}`);
  try {
    const args = [path.join(root, 'test/harness/run-code-server.mjs'), '--suite', '--tests', 'out/bench/host'];
    if (filter) args.push('--grep', filter);
    execFileSync(process.execPath, args, { stdio: 'inherit', cwd: root });
  } catch {
    failed++;
  }
}
process.exit(failed ? 1 : 0);
