/**
 * Deterministic "generation" of the simulated T5.
 *
 * Prompts in KNOWN_OUTPUTS (compared after trimming) answer with their fixed text.
 *
 * Any other prompt echoes its text, in order, behind a marker naming the task:
 *  - "translate <A> to <B>: <text>" → "[<b>] <text>", <b> a short language code (German → de, unknown
 *    languages → their first two letters, lower-cased);
 *  - "summarize: <text>"           → "[summary] <text>";
 *  - anything else                 → "[t5] <text>".
 * <text> is trimmed; whitespace inside it (newlines included) is kept, so a client that translates a document
 * in several requests can prove it reassembled the parts in order. An empty <text> produces no output at all.
 * The marker is a piece of its own and counts against max_tokens like every other piece.
 */

export const DOCS_EXAMPLE_PROMPT = 'translate English to German: The house is wonderful.';

export const KNOWN_OUTPUTS: Readonly<Record<string, string>> = Object.freeze({
  [DOCS_EXAMPLE_PROMPT]: 'Das Haus ist wunderbar.',
  'translate English to French: The house is wonderful.': 'La maison est merveilleuse.',
  'translate English to Romanian: The house is wonderful.': 'Casa este minunată.',
  'translate English to German: Kind regards from Munich.': 'Liebe Grüße aus München.',
  'translate English to German: How are you?': 'Wie geht es Ihnen?',
  'translate English to French: Good morning, how are you?': 'Bonjour, comment allez-vous ?',
  'translate English to German: I like pizza 🍕 and sushi 寿司.': 'Ich mag Pizza 🍕 und Sushi 寿司.',
  'summarize: The tower is 324 metres tall, about the same height as an 81-storey building. It was the tallest man-made structure in the world for 41 years.':
    'the tower is 324 metres tall, about the same height as an 81-storey building.',
});

const LANGUAGE_CODES: ReadonlyMap<string, string> = new Map([
  ['german', 'de'],
  ['french', 'fr'],
  ['romanian', 'ro'],
  ['english', 'en'],
  ['spanish', 'es'],
  ['italian', 'it'],
  ['japanese', 'ja'],
  ['chinese', 'zh'],
]);

const TRANSLATE_PREFIX = /^\s*translate\s+[^:\n]+?\s+to\s+([^:\n]+?)\s*:/iu;
const SUMMARIZE_PREFIX = /^\s*summarize\s*:/iu;

function languageCode(language: string): string {
  const lowerCased = language.trim().toLowerCase();
  return LANGUAGE_CODES.get(lowerCased) ?? [...lowerCased].slice(0, 2).join('');
}

function splitTask(prompt: string): { marker: string; text: string } {
  const translate = TRANSLATE_PREFIX.exec(prompt);
  if (translate) {
    return { marker: `[${languageCode(translate[1])}]`, text: prompt.slice(translate[0].length) };
  }
  const summarize = SUMMARIZE_PREFIX.exec(prompt);
  if (summarize) {
    return { marker: '[summary]', text: prompt.slice(summarize[0].length) };
  }
  return { marker: '[t5]', text: prompt };
}

/** The complete, untruncated output text for a prompt. */
export function generateOutputText(prompt: string): string {
  const trimmedPrompt = prompt.trim();
  if (Object.hasOwn(KNOWN_OUTPUTS, trimmedPrompt)) {
    return KNOWN_OUTPUTS[trimmedPrompt];
  }
  const { marker, text } = splitTask(prompt);
  const trimmed = text.trim();
  return trimmed === '' ? '' : `${marker} ${trimmed}`;
}
