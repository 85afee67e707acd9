// @ts-check
// The one build command: src/extension.ts -> dist/extension.js, the validation worker -> dist/validationWorker.js,
// and each large library -> dist/vendor/<name>.js (CommonJS, Node, `vscode` external).
//
// The extension's own code imports those libraries through small stand-ins that load dist/vendor/<name>.js on the
// first use of one of its exports, so activating the extension (every YAML file opened does) parses only its own
// code; the Kubernetes client, undici, ajv and yaml are read when a feature first needs them.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);

/** Package name -> file name under dist/vendor/. */
export const VENDOR = {
  '@kubernetes/client-node': 'kubernetes-client',
  undici: 'undici',
  ajv: 'ajv',
  yaml: 'yaml',
  'eventsource-parser': 'eventsource-parser',
};

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: production ? 'none' : 'inline',
  metafile: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** The value names `src/` imports from `pkg` (`import type` and inline `type` names left out). */
function importedNames(pkg) {
  const names = new Set();
  const files = fs.readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const pattern = new RegExp(`^import\\s+(?!type\\b)([^;]*?)\\s+from\\s+'${pkg.replace(/[/.]/g, '\\$&')}';`, 'gm');
  for (const file of files) {
    for (const [, clause] of fs.readFileSync(path.join(root, 'src', file), 'utf8').matchAll(pattern)) {
      const [defaultName, named] = clause.includes('{') ? clause.split('{') : [clause, ''];
      if (defaultName.replace(',', '').trim()) names.add('default');
      for (const name of named.replace('}', '').split(',').map((n) => n.trim()).filter(Boolean)) {
        if (!name.startsWith('type ')) names.add(name.split(/\s+as\s+/)[0]);
      }
    }
  }
  return names;
}

/** Each vendor file exports what `src/` imports from its library and nothing else, so the rest is left out. */
async function vendorEntry(pkg) {
  const runtime = new Set(Object.keys(await import(pkg)));
  const names = [...importedNames(pkg)].filter((n) => runtime.has(n)).sort();
  return names.map((n) => `export { ${n} } from ${JSON.stringify(pkg)};`).join('\n');
}

/** @type {esbuild.Plugin} */
const vendorEntries = {
  name: 'vendor-entries',
  setup(build) {
    build.onResolve({ filter: /^vendor:/ }, (args) => ({ path: args.path.slice('vendor:'.length), namespace: 'vendor-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'vendor-entry' }, async (args) => ({
      contents: await vendorEntry(args.path), resolveDir: root, loader: 'js',
    }));
  },
};

/**
 * Replaces each library import of the extension's code with a stand-in: its own export names (taken from the built
 * vendor file), each read from dist/vendor/<name>.js when first used.
 * @param {Record<string, { names: string[]; esModule: boolean }>} shapes
 * @returns {esbuild.Plugin}
 */
function lazyVendor(shapes) {
  const filter = new RegExp(`^(${Object.keys(VENDOR).map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-vendor',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-vendor' }));
      build.onResolve({ filter: /^\.\/vendor\// }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (args) => {
        const { names, esModule } = shapes[args.path];
        const file = `./vendor/${VENDOR[/** @type {keyof typeof VENDOR} */ (args.path)]}.js`;
        return {
          loader: 'js',
          contents: [
            'let loaded;',
            `const load = () => (loaded ??= require(${JSON.stringify(file)}));`,
            `const names = ${JSON.stringify(names)};`,
            'module.exports = new Proxy({}, {',
            `  get: (_, key) => (key === '__esModule' ? ${esModule} : load()[key]),`,
            '  has: (_, key) => names.includes(key),',
            '  ownKeys: () => names,',
            '  getOwnPropertyDescriptor: (_, key) => (names.includes(key)',
            '    ? { enumerable: true, configurable: true, get: () => load()[key] } : undefined),',
            '});',
          ].join('\n'),
        };
      });
    },
  };
}

async function buildVendor() {
  const entryPoints = Object.fromEntries(Object.entries(VENDOR).map(([pkg, file]) => [`vendor/${file}`, `vendor:${pkg}`]));
  const result = await esbuild.build({ ...common, entryPoints, outdir: 'dist', plugins: [vendorEntries] });
  /** @type {Record<string, { names: string[]; esModule: boolean }>} */
  const shapes = {};
  for (const [pkg, file] of Object.entries(VENDOR)) {
    const built = path.join(root, 'dist', 'vendor', `${file}.js`);
    delete require.cache[built];
    const exported = require(built);
    shapes[pkg] = { names: Object.keys(exported).filter((n) => n !== '__esModule'), esModule: exported.__esModule === true };
  }
  return { result, shapes };
}

/** @param {Record<string, { names: string[]; esModule: boolean }>} shapes */
function extensionOptions(shapes) {
  return {
    ...common,
    entryPoints: { extension: 'src/extension.ts', validationWorker: 'src/infra/validation/validationWorker.ts' },
    outdir: 'dist',
    plugins: [lazyVendor(shapes)],
  };
}

const vendor = await buildVendor();
if (watch) {
  const ctx = await esbuild.context(extensionOptions(vendor.shapes));
  await ctx.watch();
  console.log('watching src/ ...');
} else {
  const result = await esbuild.build(extensionOptions(vendor.shapes));
  for (const built of [result, vendor.result]) {
    for (const [file, output] of Object.entries(built.metafile?.outputs ?? {})) {
      if (output.entryPoint) console.log(`${file} ${(output.bytes / 1024).toFixed(0)} KiB${production ? ' (minified)' : ''}`);
    }
  }
}
