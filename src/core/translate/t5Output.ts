/**
 * Turns the pieces a T5 server streams into text fit for the editor:
 *  - removes special tokens (`</s>`, `<pad>`, `<unk>`, `<extra_id_N>`) even when one is split over two pieces;
 *  - turns SentencePiece word markers (`▁`) into spaces;
 *  - drops whitespace at the very start and the very end of the output (the caller restores the original's);
 *  - where a removed token leaves two whitespace runs touching, keeps only the first.
 * Whitespace is held back until non-space text follows, so the output never ends with whitespace
 * that a later piece would have to take back.
 */
const SPECIAL_TOKEN = /<\/s>|<pad>|<unk>|<extra_id_\d+>/g;
const SENTENCEPIECE_SPACE = /\u2581/g;
const TRAILING_WHITESPACE = /\s+$/u;
const LEADING_WHITESPACE = /^\s+/u;
const FIXED_TOKENS = ['</s>', '<pad>', '<unk>'];

/** True when `tail` (starting with '<') could still grow into a special token. */
export function couldBeSpecialTokenStart(tail: string): boolean {
  if (FIXED_TOKENS.some((token) => token.length > tail.length && token.startsWith(tail))) return true;
  const extra = '<extra_id_';
  if (tail.length <= extra.length) return extra.startsWith(tail);
  return tail.startsWith(extra) && /^\d*$/.test(tail.slice(extra.length));
}

export class T5OutputNormalizer {
  private held = '';
  private pendingWhitespace = '';
  private started = false;
  /** A token was removed right after whitespace: whitespace that follows it is dropped. */
  private collapseWhitespace = false;

  /** Feeds one streamed piece; returns the text that can be shown now (possibly ''). */
  push(piece: string): string {
    const text = this.held + piece.replace(SENTENCEPIECE_SPACE, ' ');
    const lastOpen = text.lastIndexOf('<');
    const keepBack = lastOpen >= 0 && couldBeSpecialTokenStart(text.slice(lastOpen));
    this.held = keepBack ? text.slice(lastOpen) : '';
    return this.clean(keepBack ? text.slice(0, lastOpen) : text);
  }

  /** Ends the stream; returns what was still held back (never trailing whitespace). */
  end(): string {
    const rest = this.held;
    this.held = '';
    const out = this.clean(rest);
    this.pendingWhitespace = '';
    return out;
  }

  private clean(text: string): string {
    let out = '';
    let last = 0;
    for (const match of text.matchAll(SPECIAL_TOKEN)) {
      out += this.emit(text.slice(last, match.index));
      if (this.pendingWhitespace !== '') this.collapseWhitespace = true;
      last = match.index + match[0].length;
    }
    return out + this.emit(text.slice(last));
  }

  private emit(segment: string): string {
    if (segment === '') return '';
    const text = !this.started || this.collapseWhitespace ? segment.replace(LEADING_WHITESPACE, '') : segment;
    const trailing = TRAILING_WHITESPACE.exec(text)?.[0] ?? '';
    const body = text.slice(0, text.length - trailing.length);
    if (body === '') {
      if (this.started) this.pendingWhitespace += trailing;
      return '';
    }
    const out = this.pendingWhitespace + body;
    this.pendingWhitespace = trailing;
    this.started = true;
    this.collapseWhitespace = false;
    return out;
  }
}

/** Normalizes a whole output at once; the same result as streaming it piece by piece. */
export function normalizeT5Output(pieces: Iterable<string>): string {
  const normalizer = new T5OutputNormalizer();
  let out = '';
  for (const piece of pieces) out += normalizer.push(piece);
  return out + normalizer.end();
}
