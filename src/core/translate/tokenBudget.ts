import { UserFacingError } from '../errors';

/** T5-small's maximum sequence length: prompt and answer together. */
export const T5_MAX_TOKENS = 512;
/** Below this many tokens of room for text, splitting would produce uselessly small requests. */
export const MIN_TEXT_BUDGET = 16;

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const TOKEN_UNIT = new RegExp(String.raw`[${CJK}]|(?:(?![${CJK}])[\p{L}\p{N}\p{M}])+|\S`, 'gu');
const CODE_POINTS_PER_WORD_TOKEN = 3;

/**
 * An upper bound for the number of SentencePiece tokens T5 needs for `text`, without its vocabulary:
 * a run of letters/digits costs one token per started 3 code points (real T5 averages about 4 or more
 * characters per token on English), every CJK character and every other visible code point (punctuation,
 * each code point of an emoji) one token; whitespace is free. The estimate is subadditive: the estimate of
 * two texts joined is at most the sum of their estimates, so parts can be summed.
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [unit] of text.matchAll(TOKEN_UNIT)) {
    const codePoints = unit.length === 1 ? 1 : [...unit].length;
    tokens += Math.ceil(codePoints / CODE_POINTS_PER_WORD_TOKEN);
  }
  return tokens;
}

/**
 * How many estimated tokens of text one request may carry so that prefix + text + end-of-sequence + max_tokens
 * fit the model, and so that a translation of about the same length fits max_tokens.
 */
export function textBudget(taskPrefix: string, maxTokens: number, modelMaxTokens = T5_MAX_TOKENS): number {
  const room = modelMaxTokens - maxTokens - estimateTokens(taskPrefix) - 1;
  const budget = Math.min(room, maxTokens);
  if (budget < MIN_TEXT_BUDGET) {
    const reason =
      room < MIN_TEXT_BUDGET
        ? `max_tokens ${maxTokens} leaves only ${Math.max(0, room)} of the model's ${modelMaxTokens} tokens for the task prefix and your text`
        : `max_tokens ${maxTokens} is too small for a useful answer`;
    throw new UserFacingError(
      `Cannot split the text into requests: ${reason}. Set kserve.translate.maxTokens between ${MIN_TEXT_BUDGET} and ${Math.floor(modelMaxTokens / 2)}.`,
      'maxTokensOutOfRange',
    );
  }
  return budget;
}
