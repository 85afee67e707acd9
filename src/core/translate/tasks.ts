/** A T5 task: the prefix that tells the model what to do with the text that follows. */
export interface T5Task {
  readonly label: string;
  readonly prefix: string;
}

export const TRANSLATE_TO_GERMAN: T5Task = { label: 'Translate English to German', prefix: 'translate English to German: ' };

export const BUILT_IN_TASKS: readonly T5Task[] = [
  TRANSLATE_TO_GERMAN,
  { label: 'Translate English to French', prefix: 'translate English to French: ' },
  { label: 'Translate English to Romanian', prefix: 'translate English to Romanian: ' },
  { label: 'Summarize', prefix: 'summarize: ' },
];

/** The task as a chat instruction: `translate English to German: ` → `Translate English to German.` */
export function taskInstruction(prefix: string): string {
  const task = prefix.trim().replace(/:$/, '').trim();
  return task ? `${task[0].toUpperCase()}${task.slice(1)}. Answer with the result only.` : '';
}

/** Makes a custom prefix end in ": " the way T5's training prefixes do ("cola sentence" → "cola sentence: "). */
export function normalizeTaskPrefix(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') return '';
  return trimmed.endsWith(':') ? `${trimmed} ` : `${trimmed}: `;
}
