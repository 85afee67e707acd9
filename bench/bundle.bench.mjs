// @ts-check
// Bundle and VSIX size: what every user downloads and what VS Code parses on activation.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { printTable } from '../out/bench/format.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const bundle = fs.statSync(path.join(root, 'dist/extension.js')).size;
const vsix = fs.statSync(path.join(root, 'dist/kserve-toolkit.vsix')).size;
const listing = execFileSync('unzip', ['-l', path.join(root, 'dist/kserve-toolkit.vsix')], { encoding: 'utf8' });
const files = (listing.trim().split('\n').at(-1) ?? '').trim().split(/\s+/)[1];
const chunks = fs.readdirSync(path.join(root, 'dist/vendor')).filter((f) => f.endsWith('.js')).sort()
  .map((f) => [`dist/vendor/${f} (minified, read on first use)`, kib(fs.statSync(path.join(root, 'dist/vendor', f)).size)]);
printTable('Bundle size', ['artifact', 'size'], [
  ['dist/extension.js (minified, read at activation)', kib(bundle)],
  ...chunks,
  ['kserve-toolkit.vsix', kib(vsix)],
  ['files in the VSIX', files],
]);
execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
