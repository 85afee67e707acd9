#!/usr/bin/env node
// Unit tests in plain Node: every out/test/unit/**/*.test.js. Prints "unit: N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const unitDir = path.join(root, 'out/test/unit');
const filter = process.argv[2];
const files = fs.readdirSync(unitDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.js') && (!filter || f.includes(filter)))
  .sort();
const mocha = new Mocha({ ui: 'bdd', reporter: 'dot', timeout: 20_000 });
files.forEach((f) => mocha.addFile(path.join(unitDir, f)));
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const passed = runner.stats?.passes ?? 0;
  console.log(`unit: ${passed} passed, ${failures} failed`);
  process.exitCode = failures > 0 || passed === 0 ? 1 : 0;
});
