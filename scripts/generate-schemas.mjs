#!/usr/bin/env node
// @ts-check
// npm run schemas: writes one JSON Schema per KServe kind into schemas/, plus schemas/index.json.
//   node scripts/generate-schemas.mjs [CRD_DIR] [--cluster [--context NAME]] [--swagger FILE] [--openapi FILE]
//                                     [--out DIR] [--check]
// CRDs come from CRD_DIR (default third_party/kserve/crds, KServe's own files vendored in the repo), or with
// --cluster from the current kubeconfig context, which also supplies core Kubernetes descriptions (/openapi/v2).
// Field descriptions come from KServe's swagger.json. --check compares instead of writing (exit 1 when stale).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const valueFlags = new Set(['--context', '--swagger', '--openapi', '--out']);
const positional = args.filter((a, i) => !a.startsWith('--') && !valueFlags.has(args[i - 1]));

const kserveData = path.join(root, 'third_party', 'kserve');
const outDir = path.resolve(option('--out') ?? path.join(root, 'schemas'));
const swaggerFile = option('--swagger') ?? path.join(kserveData, 'swagger.json');

/** Compiles the TypeScript generator (src/core/authoring/schemas, src/infra/kube) into a temporary module. */
async function loadGenerator() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kserve-schemas-'));
  const outfile = path.join(dir, 'generator.cjs');
  try {
    await esbuild.build({
      stdin: {
        contents: [
          "export * from './src/core/authoring/schemas/index';",
          "export { KServeApi } from './src/infra/kube/kserveApi';",
          "export { KubeConfig } from '@kubernetes/client-node';",
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'error',
      mainFields: ['module', 'main'],
    });
    return createRequire(import.meta.url)(outfile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readCrdFolder(dir) {
  if (!fs.existsSync(dir)) throw new Error(`CRD folder ${dir} does not exist (pass a folder of CRD files).`);
  const files = fs.readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  return files.flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))
    .map((doc) => doc.toJS({ maxAliasCount: -1 }))
    .filter((object) => object?.kind === 'CustomResourceDefinition'));
}

function readJson(file) {
  return file && fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

async function main() {
  const generator = await loadGenerator();
  let crds;
  let core = readJson(option('--openapi'));
  let source;
  if (flag('--cluster')) {
    const kubeConfig = new generator.KubeConfig();
    kubeConfig.loadFromDefault();
    if (option('--context')) kubeConfig.setCurrentContext(option('--context'));
    source = `cluster context ${kubeConfig.getCurrentContext()}`;
    const api = new generator.KServeApi({ contextName: kubeConfig.getCurrentContext(), namespace: 'default', kubeConfig });
    try {
      crds = await api.kserveCrds();
      core = core ?? await api.openApiV2();
    } finally {
      api.dispose();
    }
  } else {
    const dir = path.resolve(positional[0] ?? path.join(kserveData, 'crds'));
    source = path.relative(root, dir) || dir;
    crds = readCrdFolder(dir);
  }
  const kserve = readJson(swaggerFile);
  const { index, schemas } = generator.generateSchemas(crds, { kserve, core });
  if (index.kinds.length === 0) throw new Error(`no ${generator.KSERVE_GROUP} CRDs found in ${source}`);

  const files = new Map([...schemas].map(([file, schema]) => [file, generator.serializeSchema(schema)]));
  files.set('index.json', `${JSON.stringify(index, null, 2)}\n`);
  if (flag('--check')) {
    const stale = [...files].filter(([file, text]) => readOr(path.join(outDir, file)) !== text).map(([file]) => file);
    if (stale.length) {
      console.error(`schemas/ is out of date (${stale.join(', ')}): run npm run schemas`);
      process.exit(1);
    }
    console.log(`schemas/ is up to date (${files.size} files)`);
    return;
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of fs.readdirSync(outDir)) {
    if (file.endsWith('.json') && !files.has(file)) fs.rmSync(path.join(outDir, file));
  }
  for (const [file, text] of files) fs.writeFileSync(path.join(outDir, file), text);
  console.log(`schemas from ${source}${kserve ? ' + swagger.json' : ''}${core ? ' + core OpenAPI' : ''}:`);
  for (const kind of index.kinds) {
    for (const { file, version } of [kind, ...(kind.otherVersions ?? [])]) {
      const size = Buffer.byteLength(files.get(file));
      const defs = Object.keys(schemas.get(file).$defs ?? {}).length;
      console.log(`  ${file.padEnd(40)} ${kind.group}/${version} ${(size / 1024).toFixed(1).padStart(7)} KiB, ${defs} shared definitions`);
    }
  }
}

function readOr(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

main().catch((err) => {
  console.error(`generate-schemas: ${err?.message ?? err}`);
  process.exit(1);
});
