/**
 * Where the cursor is in block-style YAML, judged from indentation so that it works while a line is half typed and
 * the document does not parse. Paths use `[]` for "an item of this list".
 */
export interface CursorContext {
  /** Keys (and `[]`) from the document root to the mapping the cursor is in. */
  parentPath: string[];
  mode: 'key' | 'value';
  /** For `value`: the key whose value is being typed. For `key`: the partial key typed so far. */
  key: string;
  /** The partial value typed so far (value mode). */
  partial: string;
  /** Offset (in the text given) where the word being completed starts. */
  replaceStart: number;
  /** Offset where the key of the cursor's line ends (for hover ranges). */
  keyEnd: number;
  /** Column of the keys in the cursor's mapping. */
  keyColumn: number;
  /** Keys already present in the cursor's mapping. */
  siblings: string[];
  /** True when the cursor's line starts a new list item (`- `). */
  startsItem: boolean;
}

interface LineShape {
  /** Columns of the `- ` indicators at the start of the line. */
  dashes: number[];
  /** Column where the key or scalar starts. */
  column: number;
  key?: string;
  /** True for `key:` with nothing after it but a comment: a mapping or list follows. */
  opens: boolean;
  blank: boolean;
}

const KEY = /^((?:[^\s:#'"{[][^:#]*?)|"[^"]*"|'[^']*'):(?:\s+|$)/;

function shape(line: string): LineShape {
  const dashes: number[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ') i++;
    if (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
      dashes.push(i);
      i++;
      continue;
    }
    break;
  }
  const rest = line.slice(i);
  if (!rest.trim() || rest.startsWith('#')) return { dashes, column: i, opens: false, blank: dashes.length === 0 };
  const match = KEY.exec(rest);
  if (!match) return { dashes, column: i, opens: false, blank: false };
  const after = rest.slice(match[0].length).trim();
  return { dashes, column: i, key: unquote(match[1].trim()), opens: after === '' || after.startsWith('#'), blank: false };
}

function unquote(key: string): string {
  return /^(".*"|'.*')$/.test(key) ? key.slice(1, -1) : key;
}

export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lineStart = lineStartBefore(text, offset);
  const lineEndIndex = text.indexOf('\n', offset);
  const lineEnd = lineEndIndex < 0 ? text.length : lineEndIndex;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const before = text.slice(lineStart, offset);
  const current = shape(line);
  const beforeShape = shape(before);
  const rest = before.slice(beforeShape.column);
  let mode: 'key' | 'value';
  let key = '';
  let partial = '';
  let replaceStart: number;
  const valueMatch = /^((?:[^\s:#'"][^:#]*?)|"[^"]*"|'[^']*'):[ \t]+(\S*)$/.exec(rest);
  if (valueMatch) {
    mode = 'value';
    key = unquote(valueMatch[1].trim());
    partial = valueMatch[2];
    replaceStart = offset - partial.length;
  } else if (/^[^\s:#]*$/.test(rest)) {
    mode = 'key';
    key = rest;
    replaceStart = offset - rest.length;
  } else if (current.key !== undefined) {
    mode = 'key';
    key = current.key;
    replaceStart = lineStart + current.column;
  } else {
    return undefined;
  }
  const keyColumn = mode === 'key' && !current.key && !rest ? before.length : beforeShape.column;
  const startsItem = beforeShape.dashes.length > 0;
  const parentPath = ancestors(text, lineStart, keyColumn, beforeShape.dashes);
  if (!parentPath) return undefined;
  return {
    parentPath, mode, key, partial, replaceStart, keyColumn, startsItem,
    keyEnd: lineStart + current.column + (current.key?.length ?? 0),
    siblings: siblingKeys(text, lineStart, lineEnd, keyColumn, startsItem),
  };
}

/** Start of the line that contains `index` (the character before it, when `index` is a line's end). */
function lineStartBefore(text: string, index: number): number {
  return index <= 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1;
}

/** Walks up from the line at `lineStart` to collect the keys whose values contain a key at `column`. */
function ancestors(text: string, lineStart: number, column: number, dashes: number[]): string[] | undefined {
  const reversed: string[] = dashes.map(() => '[]');
  let target = dashes.length ? dashes[0] : column;
  let childIsDash = dashes.length > 0;
  let end = lineStart - 1;
  while (end > 0 && target > 0) {
    const start = lineStartBefore(text, end);
    const line = text.slice(start, end).replace(/\r$/, '');
    end = start - 1;
    if (/^(---|\.\.\.)(\s|$)/.test(line)) break;
    const s = shape(line);
    if (s.blank) continue;
    const entry = s.dashes.length ? s.dashes[0] : s.column;
    const keyIsParent = s.key !== undefined && (s.column < target || (childIsDash && s.column === target));
    if (keyIsParent) {
      if (!s.opens) return undefined;
      reversed.push(s.key!, ...s.dashes.map(() => '[]'));
      target = entry;
      childIsDash = s.dashes.length > 0;
      continue;
    }
    const inItem = s.dashes.filter((d) => d < target);
    if (inItem.length) {
      reversed.push(...inItem.map(() => '[]'));
      target = s.dashes[0];
      childIsDash = true;
    } else if (entry < target) {
      return undefined;
    }
  }
  return reversed.reverse();
}

/** Keys at `column` in the same mapping as the line at `lineStart..lineEnd`. */
function siblingKeys(text: string, lineStart: number, lineEnd: number, column: number, startsItem: boolean): string[] {
  const keys: string[] = [];
  const scan = (from: number, step: 1 | -1) => {
    let position = from;
    for (;;) {
      let start: number;
      let end: number;
      if (step < 0) {
        if (position <= 0) return;
        end = position - 1;
        start = lineStartBefore(text, end);
        position = start;
      } else {
        if (position >= text.length) return;
        start = position + 1;
        const next = text.indexOf('\n', start);
        end = next < 0 ? text.length : next;
        position = end;
      }
      const line = text.slice(start, end).replace(/\r$/, '');
      if (/^(---|\.\.\.)(\s|$)/.test(line)) return;
      const s = shape(line);
      if (s.blank) continue;
      const entry = s.dashes.length ? s.dashes[0] : s.column;
      if (s.dashes.length && s.column === column) {
        if (step > 0) return;
        if (s.key) keys.push(s.key);
        return;
      }
      if (entry < column) return;
      if (s.column === column && s.key) keys.push(s.key);
    }
  };
  if (!startsItem) scan(lineStart, -1);
  scan(lineEnd, 1);
  return keys;
}
