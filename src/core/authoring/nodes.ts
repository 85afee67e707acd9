import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { rangeOf } from './documents';
import { TextRange } from './types';

export type PathSegment = string | number;

/** What a path leads to in a document: the value node and, for a mapping entry, its pair. */
export interface Located {
  node: Node | null;
  /** The pair holding `node` when its parent is a mapping. */
  pair?: Pair<Node, Node | null>;
  /** The node that contains it (mapping or sequence). */
  parent?: Node;
}

/** Decodes an ajv `instancePath` (JSON Pointer). */
export function pointerToPath(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `spec.predictor.containers[0].name` */
export function displayPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

export function keyText(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return typeof key === 'string' ? key : undefined;
}

export function findPair(map: YAMLMap<unknown, unknown>, key: string): Pair<Node, Node | null> | undefined {
  for (const item of map.items) if (isPair(item) && keyText(item) === key) return item as Pair<Node, Node | null>;
  return undefined;
}

/** Walks `path` from the document root; undefined when some segment is missing. */
export function locate(document: Document, path: readonly PathSegment[]): Located | undefined {
  let current: Located = { node: document.contents as Node | null };
  for (const segment of path) {
    let node = current.node;
    if (isAlias(node)) node = node.resolve(document) ?? null;
    if (isMap(node)) {
      const pair = findPair(node, String(segment));
      if (!pair) return undefined;
      current = { node: pair.value, pair, parent: node };
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (item === undefined) return undefined;
      current = { node: item, parent: node };
    } else {
      return undefined;
    }
  }
  return current;
}

/** The range of the value at `path`, or of its key when the value is empty. */
export function valueRange(located: Located): TextRange {
  if (located.node?.range) return rangeOf(located.node);
  return keyRange(located) ?? { start: 0, end: 0 };
}

export function keyRange(located: Located): TextRange | undefined {
  const key = located.pair?.key;
  return key && isScalar(key) && key.range ? rangeOf(key) : undefined;
}

/** Where to report something about the mapping at `path` as a whole: its key, or its first key for list items. */
export function containerAnchor(document: Document, path: readonly PathSegment[]): TextRange {
  const located = locate(document, path);
  if (located) {
    const key = keyRange(located);
    if (key) return key;
    if (isMap(located.node) && located.node.items.length > 0) {
      const first = located.node.items[0] as Pair<Node, unknown>;
      if (first.key?.range) return rangeOf(first.key);
    }
    if (located.node?.range) return { start: located.node.range[0], end: located.node.range[0] + 1 };
  }
  return { start: 0, end: 0 };
}
