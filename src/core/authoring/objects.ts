import { Document } from 'yaml';
import { parseChunk, rangeOf, splitChunks } from './documents';
import { keyRange, locate, PathSegment, valueRange } from './nodes';
import { ManifestDiagnostic, shiftRange, TextRange } from './types';

interface FoundDocument {
  document: Document.Parsed;
  base: number;
}

/** The `index`-th YAML document of the file (counting every document, as the validator does). */
export function documentAt(text: string, index: number): FoundDocument | undefined {
  let seen = 0;
  for (const chunk of splitChunks(text)) {
    const documents = parseChunk(chunk);
    if (index < seen + documents.length) return { document: documents[index - seen].document, base: chunk.base };
    seen += documents.length;
  }
  return undefined;
}

/** The document as a plain object for the API server; undefined when it is not a mapping or does not parse. */
export function documentObject(text: string, index: number): Record<string, unknown> | undefined {
  const found = documentAt(text, index);
  if (!found || found.document.errors.length > 0) return undefined;
  const value = found.document.toJS({ maxAliasCount: 1000 }) as unknown;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `spec.containers[0].name`, `metadata.labels[app]`, `.spec.predictor.foo` → path segments. */
export function parseFieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const match of field.replace(/^\./, '').matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) out.push(match[1]);
    else out.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return out;
}

export interface ServerCauseLike {
  field?: string;
  message: string;
}

/**
 * The API server's objections as diagnostics on the fields they name (the nearest existing ancestor when the field
 * itself is missing), or on the document's `kind` when no field is named.
 */
export function serverDiagnostics(text: string, index: number, causes: ServerCauseLike[], message: string): ManifestDiagnostic[] {
  const found = documentAt(text, index);
  if (!found) return [];
  const anchor = shiftRange(kindRange(found.document), found.base);
  const list = causes.length > 0 ? causes : [{ field: fieldInMessage(message), message }];
  return list.map((cause) => {
    const range = cause.field ? fieldRange(found.document, parseFieldPath(cause.field)) : undefined;
    const prefix = cause.field && !cause.message.includes(cause.field) ? `${cause.field}: ` : '';
    return {
      range: range ? shiftRange(range, found.base) : anchor,
      message: `API server: ${prefix}${cause.message}`,
      severity: 'error' as const,
      code: 'server.rejected',
    };
  });
}

function fieldRange(document: Document, path: PathSegment[]): TextRange | undefined {
  for (let length = path.length; length > 0; length--) {
    const located = locate(document, path.slice(0, length));
    if (!located) continue;
    if (length < path.length) return keyRange(located) ?? valueRange(located);
    return located.node?.range && located.node.range[1] > located.node.range[0] ? valueRange(located) : keyRange(located) ?? valueRange(located);
  }
  return undefined;
}

function kindRange(document: Document): TextRange {
  const kind = locate(document, ['kind']);
  return kind ? valueRange(kind) : rangeOf(document.contents ?? null);
}

/** Structural-merge errors name the field inside the message: `.spec.predictor.foo: field not declared in schema`. */
function fieldInMessage(message: string): string | undefined {
  return /(?:^|[\s:])\.?((?:spec|metadata)(?:\.[\w/-]+|\[[^\]]*\])*)(?=:)/.exec(message)?.[1];
}
