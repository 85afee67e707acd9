import {
  generationSettings,
  issue,
  MODEL_FIELD,
  optionalNumber,
  validateFields,
  type Checker,
  type GenerationRequest,
  type ValidationIssue,
  type ValidationResult,
} from './requestValidation';
import { countTokens } from './tokens';

type Message = { role: string; content: unknown };

function contentIssues(content: unknown, loc: (string | number)[]): ValidationIssue[] {
  if (content === undefined || content === null || typeof content === 'string') return [];
  if (Array.isArray(content)) {
    return content.flatMap((part, index) =>
      typeof part === 'object' && part !== null && typeof (part as Record<string, unknown>).text === 'string'
        ? []
        : [issue('string_type', [...loc, index, 'text'], 'Input should be a valid string', part)],
    );
  }
  return [issue('string_type', [...loc, 'str'], 'Input should be a valid string', content)];
}

const messagesChecker: Checker = (value, loc) => {
  if (!Array.isArray(value)) return [issue('list_type', loc, 'Input should be a valid list', value)];
  return value.flatMap((message, index) => {
    const where = [...loc, index];
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return [issue('model_attributes_type', where, 'Input should be a valid dictionary or object to extract fields from', message)];
    }
    const fields = message as Record<string, unknown>;
    if (typeof fields.role !== 'string') {
      return [issue('missing', [...where, 'role'], 'Field required', message)];
    }
    return contentIssues(fields.content, [...where, 'content']);
  });
};

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part: { text: string }) => part.text).join('\n');
  return '';
}

/**
 * The simulated model answers the last user message (the last message when there is no user message), following
 * the first sentence of a system message as its task: "Translate English to German. …" + "Hi" is
 * "translate English to German: Hi".
 */
function promptOf(messages: Message[]): string {
  const userMessages = messages.filter((message) => message.role === 'user');
  const answered = userMessages.at(-1) ?? messages.at(-1);
  const text = answered ? contentText(answered.content) : '';
  const system = contentText(messages.find((message) => message.role === 'system')?.content).trim();
  const task = /^[^.!?]+/.exec(system)?.[0].trim();
  return task ? `${task[0].toLowerCase()}${task.slice(1)}: ${text}` : text;
}

export function validateChatBody(body: Record<string, unknown>): ValidationResult<GenerationRequest> {
  const issues = validateFields(body, { ...MODEL_FIELD, messages: messagesChecker });
  if (issues.length > 0) return { ok: false, issues };
  const prompt = promptOf(body.messages as Message[]);
  return {
    ok: true,
    value: {
      model: body.model as string,
      prompts: [{ text: prompt, tokenCount: countTokens(prompt) }],
      ...generationSettings(body),
      unsupported: (optionalNumber(body.n) ?? 1) > 1 ? "'n' > 1 is not supported" : undefined,
    },
  };
}
