import * as fs from 'node:fs';
import * as path from 'node:path';
import { SchemaSet } from '../../../src/core/authoring/schemaSet';
import { JsonSchema, SchemaIndex } from '../../../src/core/authoring/schemas/types';
import { TextEdit, TextRange } from '../../../src/core/authoring/types';
import { ManifestValidator, ValidatorOptions } from '../../../src/core/authoring/validator';
import { ValidationScheduler } from '../../../src/app/authoring/validationScheduler';

/** The repository root (tests run from out/test/unit/authoring). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const fixtures = path.join(repoRoot, 'test', 'fixtures', 'manifests');
/** KServe's own CRDs, swagger.json and runtimes, vendored in the repository. */
export const kserveDataDir = path.join(repoRoot, 'third_party', 'kserve');

export function bundledSchemas(): SchemaSet {
  const dir = path.join(repoRoot, 'schemas');
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as SchemaIndex;
  return new SchemaSet(index, (info) => JSON.parse(fs.readFileSync(path.join(dir, info.file), 'utf8')) as JsonSchema);
}

const shared = bundledSchemas();

export function validator(options: Partial<ValidatorOptions> = {}): ManifestValidator {
  return new ManifestValidator(shared, { schema: true, lint: true, syntax: true, ...options });
}

/** The validation path the extension runs: chunk by chunk, time-sliced. */
export function scheduler(from: Partial<ValidatorOptions> | ManifestValidator = {}): ValidationScheduler {
  return new ValidationScheduler(from instanceof ManifestValidator ? from : validator(from));
}

export function schemas(): SchemaSet {
  return shared;
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(fixtures, name), 'utf8');
}

/** `line:character-line:character`, zero-based like VS Code positions. */
export function at(text: string, range: TextRange): string {
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return `${line}:${offset - (before.lastIndexOf('\n') + 1)}`;
  };
  return `${position(range.start)}-${position(range.end)}`;
}

/** Compact view of a validation: `[code, range, message]`. */
export async function summarize(text: string, options: Partial<ValidatorOptions> = {}): Promise<[string, string, string][]> {
  return (await scheduler(options).validate(text))!.diagnostics.map((d) => [d.code, at(text, d.range), d.message]);
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start - a.range.start)
    .reduce((acc, e) => acc.slice(0, e.range.start) + e.newText + acc.slice(e.range.end), text);
}

/** Expands a VS Code snippet body with its default placeholder values. */
export function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  let text = body.replace(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g, (_m, n: string, first: string) => { defaults.set(n, first); return first; });
  for (let i = 0; i < 5; i++) {
    text = text.replace(/\$\{(\d+):([^{}]*)\}/g, (_m, n: string, value: string) => { defaults.set(n, value); return value; });
  }
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_m, a?: string, b?: string) => defaults.get(a ?? b ?? '') ?? '');
}
