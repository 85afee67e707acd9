// @ts-check
// What the validation benches share: the bundled schemas, the editor's validation path, and yaml-language-server set
// up with the same schema.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { SchemaSet } = require('../out/src/core/authoring/schemaSet.js');
const { ManifestValidator } = require('../out/src/core/authoring/validator.js');
const { ValidationScheduler } = require('../out/src/app/authoring/validationScheduler.js');

export const index = JSON.parse(fs.readFileSync(path.join(root, 'schemas/index.json'), 'utf8'));
/** @param {{ file: string }} info */
export const loadSchema = (info) => JSON.parse(fs.readFileSync(path.join(root, 'schemas', info.file), 'utf8'));
export const VALIDATOR_OPTIONS = { schema: true, lint: true, syntax: true };
export { SchemaSet, ManifestValidator };

/** The editor's validation path: chunk by chunk, yielding between slices. */
export const validateWith = (validator) => { const scheduler = new ValidationScheduler(validator); return (text) => scheduler.validate(text); };

/** @param {() => unknown} fn */
export async function timeAsync(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * yaml-language-server's doValidation with the bundled schema of `kind`, or the reason it cannot run here.
 * @param {string} kind
 * @returns {Promise<{ validate: (text: string, name: string) => Promise<unknown[]> } | { error: Error }>}
 */
export async function yamlLanguageServer(kind) {
  try {
    const yls = require('yaml-language-server');
    const { TextDocument } = require('vscode-languageserver-textdocument');
    const info = index.kinds.find((k) => k.kind === kind);
    const schema = loadSchema(info);
    const uri = `file:///schemas/${info.file}`;
    const service = yls.getLanguageService({
      schemaRequestService: async (requested) => (requested === uri ? JSON.stringify(schema) : Promise.reject(new Error(`no ${requested}`))),
      workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).toString() },
    });
    service.configure({ validate: true, hover: false, completion: false, format: false, isKubernetes: false,
      schemas: [{ uri, fileMatch: ['*.yaml'], schema }] });
    let version = 0;
    /** @param {string} text @param {string} name */
    const validate = (text, name) => service.doValidation(TextDocument.create(`file:///${name}.yaml`, 'yaml', ++version, text), false);
    return { validate };
  } catch (err) {
    return { error: err instanceof Error ? err : new Error(String(err)) };
  }
}
