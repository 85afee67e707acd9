/**
 * Token arithmetic of the simulated T5-small.
 *
 * Prompt side, `countTokens(text)`: a T5-ish estimate that clients can reproduce.
 *  - a run of letters, digits and combining marks is one token per started 10 code points
 *    ("wonderful" → 1, "Donaudampfschifffahrt" → 3);
 *  - every Han, Hiragana, Katakana or Hangul character is one token;
 *  - every other non-space code point (punctuation, symbols, each code point of an emoji) is one token;
 *  - whitespace is free.
 * The docs' prompt "translate English to German: The house is wonderful." counts 10.
 * A request fails when countTokens(prompt) + max_tokens > MAX_MODEL_LENGTH.
 *
 * Completion side: output is emitted in pieces (a word, or one CJK character, with the whitespace after it),
 * and one piece counts as one token for `max_tokens` and `usage.completion_tokens`.
 */

export const MAX_MODEL_LENGTH = 512;
export const DEFAULT_MAX_TOKENS = 16;

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const WORD_CHARACTER = String.raw`(?:(?![${CJK}])[\p{L}\p{N}\p{M}])`;
const CODE_POINTS_PER_WORD_TOKEN = 10;

const TOKEN_UNIT = new RegExp(String.raw`[${CJK}]|${WORD_CHARACTER}+|\S`, 'gu');
const OUTPUT_PIECE = new RegExp(String.raw`(?:[${CJK}]|(?:(?![${CJK}])\S)+)\s*`, 'gu');

export function countTokens(text: string): number {
  let tokens = 0;
  for (const [unit] of text.matchAll(TOKEN_UNIT)) {
    const codePoints = [...unit].length;
    tokens += codePoints > 1 ? Math.ceil(codePoints / CODE_POINTS_PER_WORD_TOKEN) : 1;
  }
  return tokens;
}

/** Splits output text into streamed pieces; joining the pieces gives back the text minus leading whitespace. */
export function splitIntoPieces(text: string): string[] {
  return [...text.matchAll(OUTPUT_PIECE)].map(([piece]) => piece);
}
