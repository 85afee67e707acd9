import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findOutsideReferences } from './outsidePaths';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const BINARY = /\.(png|jpe?g|gif|ico|vsix|woff2?)$/;

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter((file) => file && !BINARY.test(file) && !file.startsWith('third_party/')
    && file !== 'package-lock.json');
}

describe('repository: stands alone', () => {
  it('no tracked file refers to a path outside the repository', function () {
    if (!fs.existsSync(path.join(repoRoot, '.git'))) this.skip();
    const files = trackedFiles();
    assert.ok(files.length > 100, `only ${files.length} tracked files`);
    const found = files.flatMap((file) => {
      const full = path.join(repoRoot, file);
      return fs.existsSync(full) ? findOutsideReferences(file, fs.readFileSync(full, 'utf8')) : [];
    });
    assert.deepEqual(found.map((f) => `${f.file}:${f.line}: ${f.text}`), []);
  });

  it('vendors KServe\'s data with its license and source commit', () => {
    const dir = path.join(repoRoot, 'third_party', 'kserve');
    assert.equal(fs.readdirSync(path.join(dir, 'crds')).filter((f) => f.endsWith('.yaml')).length, 12);
    for (const file of ['LICENSE', 'swagger.json', 'runtimes/kserve-huggingfaceserver.yaml',
      'runtimes/inferenceservice-configmap.yaml']) {
      assert.ok(fs.statSync(path.join(dir, file)).size > 0, file);
    }
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    assert.match(readme, /^- Release: v0\.20\.\d+$/m);
    assert.match(readme, /^- Commit: [0-9a-f]{40}$/m);
  });

  it('keeps the vendored folder out of the VSIX', () => {
    const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
    assert.equal(ignore[0], '**', 'the VSIX is an allow-list');
    assert.ok(!ignore.some((line) => line.startsWith('!') && line.includes('third_party')));
  });
});

describe('repository: outside-path finder', () => {
  // Written with ^^ for '..' and @ for the workspace folder, so that this file does not trip its own check.
  const finds = (file: string, line: string) =>
    findOutsideReferences(file, line.replace(/\^\^/g, '..').replace(/@/g, '/work')).length > 0;

  it('flags paths that climb above the root', () => {
    assert.ok(finds('scripts/x.mjs', "const d = path.join(root, '^^', 'shared', 'kserve');"));
    assert.ok(finds('test/cluster/p.mjs', "path.resolve(scriptDir, '^^', '^^', '^^', 'shared')"));
    assert.ok(finds('test/unit/a/h.ts', "path.join(repoRoot, '^^', 'shared')"));
    assert.ok(finds('README.md', 'see ^^/shared/kserve/NOTES.md'));
    assert.ok(finds('test/cluster/README.md', 'read from `<repo>/^^/shared/kserve`'));
    assert.ok(finds('bench/run.mjs', "import x from '^^/^^/other/x.mjs';"));
    assert.ok(finds('test/x.ts', "const p = '@/shared/kserve';"));
  });

  it('accepts paths that stay inside, compiled twins included', () => {
    assert.ok(!finds('test/unit/a/h.ts', "path.resolve(__dirname, '^^', '^^', '^^', '^^')"));
    assert.ok(!finds('test/unit/a/h.ts', "import { x } from '^^/^^/^^/src/core/x';"));
    assert.ok(!finds('scripts/x.mjs', "path.join(root, 'third_party', 'kserve')"));
    assert.ok(!finds('test/cluster/p.mjs', "path.resolve(scriptDir, '^^', '^^', 'third_party')"));
    assert.ok(!finds('src/a.ts', 'const range = text.slice(a, b); // ...and more'));
  });
});
