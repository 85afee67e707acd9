#!/usr/bin/env node
// @ts-check
// npm run kserve:vendor -- DIR [--commit SHA] [--release X.Y.Z] [--out DIR]
// Refreshes third_party/kserve/ from a KServe checkout (it has config/crd/full/) or from a folder laid out like
// third_party/kserve/ itself, then prints which files were added, changed or removed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const valueFlags = new Set(['--commit', '--release', '--out']);
const source = args.find((a, i) => !a.startsWith('--') && !valueFlags.has(args[i - 1]));
const outDir = path.resolve(option('--out') ?? path.join(root, 'third_party', 'kserve'));
const CRD_FILE = /^serving\.kserve\.io_.+\.ya?ml$/;

function fail(message) {
  console.error(`kserve:vendor: ${message}`);
  process.exit(1);
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function crdFiles(dirs) {
  return dirs.filter((dir) => fs.existsSync(dir))
    .flatMap(walk)
    .filter((file) => CRD_FILE.test(path.basename(file)))
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

/** Maps each vendored file name (relative to the output folder) to the file it comes from. */
function checkoutLayout(dir) {
  const files = new Map();
  for (const file of crdFiles([path.join(dir, 'config', 'crd', 'full')])) files.set(`crds/${path.basename(file)}`, file);
  files.set('swagger.json', path.join(dir, 'pkg', 'openapi', 'swagger.json'));
  files.set('runtimes/kserve-huggingfaceserver.yaml', path.join(dir, 'config', 'runtimes', 'kserve-huggingfaceserver.yaml'));
  files.set('runtimes/inferenceservice-configmap.yaml', path.join(dir, 'config', 'configmap', 'inferenceservice.yaml'));
  files.set('LICENSE', path.join(dir, 'LICENSE'));
  const versionFile = path.join(dir, 'python', 'VERSION');
  const release = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : undefined;
  let commit;
  try {
    commit = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = undefined;
  }
  return { files, release, commit };
}

function folderLayout(dir) {
  const files = new Map();
  for (const file of crdFiles([path.join(dir, 'crds'), path.join(dir, 'crds-new-kinds')])) {
    files.set(`crds/${path.basename(file)}`, file);
  }
  files.set('swagger.json', path.join(dir, 'swagger.json'));
  for (const name of ['kserve-huggingfaceserver.yaml', 'inferenceservice-configmap.yaml']) {
    files.set(`runtimes/${name}`, path.join(dir, 'runtimes', name));
  }
  files.set('LICENSE', path.join(dir, 'LICENSE'));
  const readme = fs.existsSync(path.join(dir, 'README.md')) ? fs.readFileSync(path.join(dir, 'README.md'), 'utf8') : '';
  return {
    files,
    release: /^- Release: v?(\S+)/m.exec(readme)?.[1],
    commit: /^- Commit: ([0-9a-f]{7,40})/m.exec(readme)?.[1],
  };
}

function readme(release, commit, files) {
  const crds = [...files.keys()].filter((name) => name.startsWith('crds/')).map((name) => `  - \`${name}\``);
  return [
    '# KServe API data',
    '',
    'Files copied unchanged from KServe, under its Apache-2.0 license (`LICENSE` here). The extension generates its',
    'bundled schemas from them (`npm run schemas`), and the test cluster loads the CRDs.',
    '',
    `- Release: v${release}`,
    `- Commit: ${commit}`,
    '- Files, with their place in the KServe repository:',
    '  - `crds/`: `config/crd/full/**/serving.kserve.io_*.yaml`',
    ...crds,
    '  - `swagger.json`: `pkg/openapi/swagger.json`',
    '  - `runtimes/kserve-huggingfaceserver.yaml`: `config/runtimes/kserve-huggingfaceserver.yaml`',
    '  - `runtimes/inferenceservice-configmap.yaml`: `config/configmap/inferenceservice.yaml`',
    '  - `LICENSE`: `LICENSE`',
    '',
    'Refresh with `npm run kserve:vendor -- PATH_TO_KSERVE_CHECKOUT`, then `npm run schemas`.',
    '',
  ].join('\n');
}

function main() {
  if (!source) fail('usage: npm run kserve:vendor -- DIR [--commit SHA] [--release X.Y.Z]');
  const dir = path.resolve(/** @type {string} */ (source));
  if (!fs.existsSync(dir)) fail(`${dir} does not exist`);
  if (dir === outDir) fail('the source is the vendored folder itself');
  const layout = fs.existsSync(path.join(dir, 'config', 'crd', 'full')) ? checkoutLayout(dir) : folderLayout(dir);
  const release = option('--release') ?? layout.release;
  const commit = option('--commit') ?? layout.commit;
  if (!release || !commit) fail(`cannot tell the KServe release and commit of ${dir}: pass --release and --commit`);
  const missing = [...layout.files].filter(([, from]) => !fs.existsSync(from)).map(([, from]) => from);
  if (missing.length) fail(`missing in the source:\n  ${missing.join('\n  ')}`);
  if (![...layout.files.keys()].some((name) => name.startsWith('crds/'))) fail(`no serving.kserve.io CRDs in ${dir}`);

  const next = new Map([...layout.files].map(([name, from]) => [name, fs.readFileSync(from)]));
  next.set('README.md', Buffer.from(readme(release, commit, layout.files)));
  const previous = fs.existsSync(outDir)
    ? new Map(walk(outDir).map((file) => [path.relative(outDir, file).split(path.sep).join('/'), fs.readFileSync(file)]))
    : new Map();

  const report = [];
  for (const [name, bytes] of next) {
    const before = previous.get(name);
    if (!before) report.push(`added    ${name} (${bytes.length} bytes)`);
    else if (!before.equals(bytes)) report.push(`changed  ${name} (${before.length} -> ${bytes.length} bytes)`);
  }
  for (const name of previous.keys()) if (!next.has(name)) report.push(`removed  ${name}`);

  fs.rmSync(outDir, { recursive: true, force: true });
  for (const [name, bytes] of next) {
    fs.mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
    fs.writeFileSync(path.join(outDir, name), bytes);
  }
  console.log(`KServe v${release} (${commit}) -> ${path.relative(root, outDir) || outDir}`);
  console.log(report.length ? report.join('\n') : 'no changes');
  if (report.some((line) => / (crds\/|swagger\.json)/.test(line))) console.log('next: npm run schemas');
}

main();
