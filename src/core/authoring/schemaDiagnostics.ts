import { capitalize } from '../text';
import type { ErrorObject } from 'ajv';
import { Document, isScalar, Scalar } from 'yaml';
import { containerAnchor, displayPath, keyRange, locate, pointerToPath, valueRange } from './nodes';
import { JsonSchema, QUANTITY_PATTERN } from './schemas/types';
import { closest } from './suggest';
import { ManifestDiagnostic, QuickFix, TextRange } from './types';

const FORMAT_RULES: Record<string, string> = {
  'dns1035-label': 'use lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (at most 63)',
  'dns1123-label': 'use lowercase letters, digits and "-", starting and ending with a letter or digit (at most 63)',
  'dns1123-subdomain': 'use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
};

/**
 * Turns ajv's errors for one document into diagnostics on the exact key or value they are about, up to `limit`:
 * finding a range walks the document, so the errors past the limit are never located.
 */
export function schemaDiagnostics(document: Document, kind: string, errors: ErrorObject[], limit = Infinity): ManifestDiagnostic[] {
  const seen = new Set<string>();
  const out: ManifestDiagnostic[] = [];
  for (const error of errors) {
    if (out.length >= limit) break;
    const id = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const diagnostic = describeError(document, kind, error);
    if (diagnostic) out.push(diagnostic);
  }
  return out;
}

function describeError(document: Document, kind: string, error: ErrorObject): ManifestDiagnostic | undefined {
  const path = pointerToPath(error.instancePath);
  const where = displayPath(path) || kind;
  const schema = (error.parentSchema ?? {}) as JsonSchema;
  const located = locate(document, path);
  const at = (range: TextRange | undefined, message: string, fixes?: QuickFix[]): ManifestDiagnostic => ({
    range: range ?? containerAnchor(document, path), message, severity: 'error', code: `schema.${error.keyword}`,
    ...(fixes?.length ? { fixes } : {}),
  });
  const value = located ? valueRange(located) : undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const field = locate(document, [...path, name]);
      const allowed = Object.keys(schema.properties ?? {});
      const suggestion = closest(name, allowed);
      const range = field ? keyRange(field) : undefined;
      const fixes = suggestion && range ? [{ title: `Rename to "${suggestion}"`, edits: [{ range, newText: suggestion }], preferred: true }] : [];
      return at(range, `Unknown field "${name}" in ${where}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`, fixes);
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const range = path.length === 0 ? rootAnchor(document) : undefined;
      return at(range, `Missing required field "${missing}" in ${where}.`);
    }
    case 'type': {
      const expected = ([] as unknown[]).concat(error.params.type).map(String);
      return at(value, typeMessage(where, schema, expected, error.data), quoteFix(located?.node, expected, schema));
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]) ?? [];
      const suggestion = allowed.length === 1 && typeof allowed[0] === 'string' ? allowed[0]
        : typeof error.data === 'string' ? closest(error.data, allowed.map(String)) : undefined;
      const fixes = suggestion && value ? [{ title: `Change to "${suggestion}"`, edits: [{ range: value, newText: suggestion }], preferred: true }] : [];
      return at(value, `Invalid value ${show(error.data)} for ${where}: expected ${allowed.map((v) => JSON.stringify(v)).join(', ')}.`, fixes);
    }
    case 'pattern': {
      const name = schema['x-kserve-format'] && typeof error.data === 'string' ? validName(error.data) : undefined;
      const fixes = name && value ? [{ title: `Rename to "${name}"`, edits: [{ range: value, newText: name }] }] : [];
      return at(value, patternMessage(where, schema, error.data), fixes);
    }
    case 'maxLength':
    case 'minLength':
      return at(value, `${capitalize(where)} must be ${error.keyword === 'maxLength' ? 'at most' : 'at least'} ${error.params.limit} characters long.`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return at(value, `${capitalize(where)} must be ${error.params.comparison} ${error.params.limit}, got ${show(error.data)}.`);
    case 'minItems':
    case 'maxItems':
      return at(value, `${capitalize(where)} must have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${error.params.limit} item(s).`);
    case 'anyOf':
    case 'oneOf':
      return at(value, `${capitalize(where)} does not match any of the allowed forms.`);
    default:
      return at(value, `${capitalize(where)} is invalid (${error.keyword}).`);
  }
}

function rootAnchor(document: Document): TextRange {
  return containerAnchor(document, ['kind']).end > 0 ? valueRange(locate(document, ['kind'])!) : containerAnchor(document, []);
}

function typeMessage(where: string, schema: JsonSchema, expected: string[], data: unknown): string {
  if (schema['x-kubernetes-int-or-string'] && schema.pattern === QUANTITY_PATTERN) {
    return `Invalid quantity for ${where}: expected an integer or a string such as "500m" or "2Gi", got ${show(data)}.`;
  }
  const wanted = expected.map(typeName).join(' or ');
  if (data === null) return `${capitalize(where)} is empty: expected ${wanted}.`;
  return `Wrong type for ${where}: expected ${wanted}, got ${show(data)}.`;
}

function patternMessage(where: string, schema: JsonSchema, data: unknown): string {
  if (schema.pattern === QUANTITY_PATTERN) {
    return `Invalid quantity ${show(data)} for ${where}: use a number with an optional suffix, such as 500m, 1.5, 2Gi or 1G.`;
  }
  const rule = schema['x-kserve-format'] ? FORMAT_RULES[schema['x-kserve-format']] : undefined;
  if (rule) return `Invalid ${where} ${show(data)}: ${rule}.`;
  return `Invalid value ${show(data)} for ${where}: must match ${schema.pattern}.`;
}

/** A number or boolean where a string is expected: quoting it is certainly what was meant. */
function quoteFix(node: unknown, expected: string[], schema: JsonSchema): QuickFix[] | undefined {
  if (!isScalar(node) || !node.range || !expected.includes('string')) return undefined;
  const scalar = node as Scalar;
  if (typeof scalar.value !== 'number' && typeof scalar.value !== 'boolean') return undefined;
  const source = typeof scalar.source === 'string' ? scalar.source : String(scalar.value);
  if (schema.pattern && !new RegExp(schema.pattern).test(source)) return undefined;
  const range = { start: scalar.range![0], end: scalar.range![1] };
  return [{ title: `Quote the value: "${source}"`, edits: [{ range, newText: JSON.stringify(source) }], preferred: true }];
}

/** A lowercase DNS name close to what was written: `Sklearn_Iris` → `sklearn-iris`. */
function validName(name: string): string | undefined {
  const fixed = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 63);
  return fixed && fixed !== name ? fixed : undefined;
}

function typeName(type: string): string {
  return ({ object: 'a mapping', array: 'a list', integer: 'an integer', number: 'a number', string: 'a string',
    boolean: 'true or false', null: 'nothing' } as Record<string, string>)[type] ?? type;
}

export function show(data: unknown): string {
  if (data === null || data === undefined) return 'nothing';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  const text = typeof data === 'string' ? JSON.stringify(data.length > 60 ? `${data.slice(0, 57)}...` : data) : String(data);
  return typeof data === 'string' ? text : `${typeof data} ${text}`;
}
