import { estimateTokens } from './tokenBudget';

/**
 * A text cut into parts to translate and the exact whitespace around them. Joining the segments,
 * with each `translate` segment replaced by its translation, rebuilds the layout of the original:
 * leading/trailing whitespace, paragraph breaks and the spaces between split sentences are kept verbatim.
 */
export type Segment = { readonly kind: 'keep'; readonly text: string } | { readonly kind: 'translate'; readonly text: string; readonly index: number };

export interface TranslationPlan {
  readonly segments: readonly Segment[];
  /** The texts to translate, in order (`parts[i]` is the segment with `index === i`). */
  readonly parts: readonly string[];
}

/** Blank lines (possibly holding spaces) separate paragraphs; the spaces around them belong to the separator. */
const PARAGRAPH_BREAK = /[ \t]*\r?\n(?:[ \t]*\r?\n)+[ \t]*/g;
/** Whitespace after a sentence end (with closing quotes/brackets), or nothing after a CJK full stop. */
const SENTENCE_END = /(?<=[.!?…]["'”’»)\]]*)\s+|(?<=[。！？]["'”’」』)\]]*)\s*/gu;
const WHITESPACE = /\s+/gu;

interface Piece {
  text: string;
  /** Whitespace that followed this piece in the original ('' for the last one). */
  after: string;
}

/** Splits `text` on every match of `separator`, keeping each separator with the piece before it. */
function splitKeeping(text: string, separator: RegExp): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(separator)) {
    if (match.index === last && match[0] === '') continue;
    const end = match.index + match[0].length;
    if (match.index === 0 || end === text.length) continue;
    pieces.push({ text: text.slice(last, match.index), after: match[0] });
    last = end;
  }
  pieces.push({ text: text.slice(last), after: '' });
  return pieces.filter((piece, i, all) => piece.text !== '' || i === all.length - 1);
}

function graphemes(text: string): Piece[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...segmenter.segment(text)].map(({ segment }) => ({ text: segment, after: '' }));
}

/**
 * Packs consecutive pieces into groups whose estimate stays within `budget`. Separators inside a group stay in
 * its text; the separator between two groups is returned as a `keep` segment.
 * A piece over budget is split further by `finer` (sentences → words → graphemes).
 */
function pack(pieces: Piece[], budget: number, finer: ((text: string) => Piece[])[]): Piece[] {
  const groups: Piece[] = [];
  let text = '';
  let cost = 0;
  let pendingSeparator = '';
  const close = (after: string) => {
    if (text !== '') groups.push({ text, after });
    text = '';
    cost = 0;
  };
  for (const piece of pieces) {
    const pieceCost = estimateTokens(piece.text);
    if (pieceCost > budget && finer.length > 0) {
      close(pendingSeparator);
      const [next, ...rest] = finer;
      const inner = pack(next(piece.text), budget, rest);
      inner[inner.length - 1] = { ...inner[inner.length - 1], after: piece.after };
      groups.push(...inner);
      pendingSeparator = '';
      continue;
    }
    if (text !== '' && cost + pieceCost > budget) close(pendingSeparator);
    else text += pendingSeparator;
    text += piece.text;
    cost += pieceCost;
    pendingSeparator = piece.after;
  }
  close(pendingSeparator);
  return groups;
}

const bySentence = (text: string) => splitKeeping(text, SENTENCE_END);
const byWord = (text: string) => splitKeeping(text, WHITESPACE);

/** Cuts `text` into parts of at most `budget` estimated tokens, on paragraph, then sentence, then word boundaries. */
export function planTranslation(text: string, budget: number): TranslationPlan {
  const leading = /^\s*/u.exec(text)?.[0] ?? '';
  const core = text.slice(leading.length).replace(/\s+$/u, '');
  const trailing = text.slice(leading.length + core.length);
  const segments: Segment[] = [];
  const parts: string[] = [];
  const keep = (value: string) => {
    if (value === '') return;
    const previous = segments[segments.length - 1];
    if (previous?.kind === 'keep') segments[segments.length - 1] = { kind: 'keep', text: previous.text + value };
    else segments.push({ kind: 'keep', text: value });
  };
  keep(leading);
  if (core !== '') {
    for (const paragraph of splitKeeping(core, PARAGRAPH_BREAK)) {
      const groups = estimateTokens(paragraph.text) <= budget ? [{ text: paragraph.text, after: '' }] : pack(bySentence(paragraph.text), budget, [byWord, graphemes]);
      for (const group of groups) {
        segments.push({ kind: 'translate', text: group.text, index: parts.length });
        parts.push(group.text);
        keep(group.after);
      }
      keep(paragraph.after);
    }
  }
  keep(trailing);
  return { segments, parts };
}

/** Rebuilds the text from a plan and one translation per part. */
export function assemble(plan: TranslationPlan, translations: readonly string[]): string {
  return plan.segments.map((segment) => (segment.kind === 'keep' ? segment.text : (translations[segment.index] ?? ''))).join('');
}
