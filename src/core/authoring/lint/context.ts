import { Document, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { rangeOf } from '../documents';
import { findPair } from '../nodes';
import { ManifestDiagnostic, QuickFix, TextEdit, TextRange } from '../types';

/** What a lint rule sees: one KServe document, its chunk's text (offsets are relative to it) and its kind. */
export interface LintContext {
  document: Document;
  text: string;
  kind: string;
  /** Whether the document, with its apiVersion changed to `apiVersion`, has no schema errors. */
  validatesAs?: (apiVersion: string) => boolean;
}

export type LintRule = (context: LintContext) => ManifestDiagnostic[];

export function warning(code: string, range: TextRange, message: string, fixes: QuickFix[] = []): ManifestDiagnostic {
  return { range, message, severity: 'warning', code: `lint.${code}`, ...(fixes.length ? { fixes } : {}) };
}

/** The mapping at `path`, if every step is a mapping entry. */
export function mapAt(document: Document, path: readonly string[]): YAMLMap<Node, Node | null> | undefined {
  let node: unknown = document.contents;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    node = findPair(node, key)?.value;
  }
  return isMap(node) ? (node as YAMLMap<Node, Node | null>) : undefined;
}

export function scalarEntry(map: YAMLMap<unknown, unknown>, key: string): Scalar | undefined {
  const value = findPair(map, key)?.value;
  return isScalar(value) ? value : undefined;
}

/** Calls `visit` for every mapping in the document. */
export function forEachMap(document: Document, visit: (map: YAMLMap<Node, Node | null>) => void): void {
  const walk = (node: unknown, depth: number) => {
    if (depth > 64) return;
    if (isMap(node)) {
      visit(node as YAMLMap<Node, Node | null>);
      for (const pair of node.items as Pair<Node, Node | null>[]) walk(pair.value, depth + 1);
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  walk(document.contents, 0);
}

/** The whole lines a node occupies, including a leading `- ` of a list item and the final line break. */
export function lineSpan(text: string, range: TextRange): TextRange {
  let start = range.start;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = range.end;
  while (end > range.start && /\s/.test(text[end - 1])) end--;
  while (end < text.length && text[end] !== '\n') end++;
  return { start, end: Math.min(text.length, end + 1) };
}

export function replaceNode(node: Node, newText: string): TextEdit {
  return { range: rangeOf(node), newText };
}

/**
 * Removes a block mapping entry or block list item by deleting the lines it spans; undefined when something else
 * shares those lines (flow collections), where deleting lines would lose text.
 */
export function deleteLines(text: string, from: Node, to: Node | null = from): TextEdit | undefined {
  const range = { start: rangeOf(from).start, end: rangeOf(to ?? from).end };
  const span = lineSpan(text, range);
  const before = text.slice(span.start, range.start);
  const after = text.slice(Math.min(range.end, span.end), span.end);
  if (!/^\s*(-\s+)?$/.test(before) || !/^\s*(#.*)?\n?$/.test(after)) return undefined;
  return { range: span, newText: '' };
}

/** The column a node starts at. */
export function columnOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  return offset - start;
}
