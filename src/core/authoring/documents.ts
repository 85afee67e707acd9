import { Document, isMap, isScalar, isSeq, Node, parseAllDocuments, Scalar, YAMLParseError } from 'yaml';
import { TextRange } from './types';

/** A stretch of the file that starts at a `---` line (or the start of the file) and is parsed on its own. */
export interface Chunk {
  /** Offset of the chunk in the file. */
  base: number;
  text: string;
}

/** One YAML document, with node ranges relative to its chunk (`base`). */
export interface ParsedDocument {
  base: number;
  document: Document.Parsed;
  /** The `apiVersion` and `kind` scalars, when the document is a mapping that has them. */
  apiVersion?: Scalar;
  kind?: Scalar;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/**
 * Splits a file at `---` lines. YAML forbids a document marker at the start of a line inside any scalar, so a split
 * there never cuts a value in two. Directives (`%YAML`) belong to the document after them, so a file that has any
 * is kept whole.
 */
export function splitChunks(text: string): Chunk[] {
  if (/^%/m.test(text)) return [{ base: 0, text }];
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) if (match.index > 0) starts.push(match.index);
  return starts.map((start, i) => ({ base: start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}

// The yaml library's own duplicate-key check compares each key with every earlier one of its mapping (quadratic in
// the keys of one mapping: seconds for a few thousand); duplicateKeyErrors does the same check in linear time.
const PARSE_OPTIONS = { prettyErrors: false, keepSourceTokens: false, uniqueKeys: false } as const;

export function parseChunk(chunk: Chunk): ParsedDocument[] {
  return parseAllDocuments(chunk.text, PARSE_OPTIONS).map((document) => {
    document.errors.push(...duplicateKeyErrors(document));
    const parsed: ParsedDocument = { base: chunk.base, document: document as Document.Parsed };
    const contents = document.contents;
    if (isMap(contents)) {
      for (const pair of contents.items) {
        if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
        if (pair.key.value === 'apiVersion') parsed.apiVersion = pair.value;
        else if (pair.key.value === 'kind') parsed.kind = pair.value;
      }
    }
    return parsed;
  });
}

/** The source range of a node; empty at `fallback` when there is none. */
export function rangeOf(node: Node | null | undefined, fallback = 0): TextRange {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: fallback, end: fallback };
}

/**
 * One DUPLICATE_KEY error, as the yaml library words it, for each scalar key that repeats an earlier key of the same
 * mapping. Scalar keys are equal when their values are (1 and "1" differ), as with the library's own check.
 */
export function duplicateKeyErrors(document: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          const identity = typeof key.value === 'object' && key.value !== null ? String(key.value) : key.value;
          if (seen.has(identity) && key.range) {
            errors.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
          }
          seen.add(identity);
        }
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push(item);
    }
  }
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}
