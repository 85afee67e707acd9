/**
 * Body validation with the error entries FastAPI + pydantic v2 produce (the 422 `{"detail": [...]}` body).
 * Lax coercions follow pydantic: "16" is a valid integer, "true"/"1"/"yes" valid booleans, 16.0 a valid integer.
 */
import { countTokens, DEFAULT_MAX_TOKENS } from './tokens';

export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

export interface PromptInput {
  text: string;
  tokenCount: number;
}

/** A validated completions or chat completions request. */
export interface GenerationRequest {
  model: string;
  prompts: PromptInput[];
  /** null when the client sent `"max_tokens": null` (the server then fills the context). */
  maxTokens: number | null;
  stream: boolean;
  stop: string[];
  includeUsage: boolean;
  /** The OpenAIError message for a parameter the T5 server rejects, checked after the context length. */
  unsupported: string | undefined;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

type Checker = (value: unknown, loc: (string | number)[]) => ValidationIssue[];

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

export function issue(type: string, loc: (string | number)[], msg: string, input: unknown, ctx?: Record<string, unknown>) {
  return ctx ? { type, loc, msg, input, ctx } : { type, loc, msg, input };
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function integer(range: { ge?: number; le?: number } = {}): Checker {
  return (value, loc) => {
    const numeric = asNumber(value);
    if (numeric === undefined) {
      return typeof value === 'string'
        ? [issue('int_parsing', loc, 'Input should be a valid integer, unable to parse string as an integer', value)]
        : [issue('int_type', loc, 'Input should be a valid integer', value)];
    }
    if (!Number.isInteger(numeric)) {
      return [issue('int_from_float', loc, 'Input should be a valid integer, got a number with a fractional part', value)];
    }
    return checkRange(numeric, value, loc, range);
  };
}

function float(range: { ge?: number; le?: number } = {}): Checker {
  return (value, loc) => {
    const numeric = asNumber(value);
    if (numeric === undefined) {
      return typeof value === 'string'
        ? [issue('float_parsing', loc, 'Input should be a valid number, unable to parse string as a number', value)]
        : [issue('float_type', loc, 'Input should be a valid number', value)];
    }
    return checkRange(numeric, value, loc, range);
  };
}

function checkRange(numeric: number, input: unknown, loc: (string | number)[], range: { ge?: number; le?: number }) {
  if (range.ge !== undefined && numeric < range.ge) {
    return [issue('greater_than_equal', loc, `Input should be greater than or equal to ${range.ge}`, input, { ge: range.ge })];
  }
  if (range.le !== undefined && numeric > range.le) {
    return [issue('less_than_equal', loc, `Input should be less than or equal to ${range.le}`, input, { le: range.le })];
  }
  return [];
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return undefined;
}

const boolean: Checker = (value, loc) => {
  if (toBoolean(value) !== undefined) return [];
  return typeof value === 'string'
    ? [issue('bool_parsing', loc, 'Input should be a valid boolean, unable to interpret input', value)]
    : [issue('bool_type', loc, 'Input should be a valid boolean', value)];
};

const text: Checker = (value, loc) =>
  typeof value === 'string' ? [] : [issue('string_type', loc, 'Input should be a valid string', value)];

const stopSequences: Checker = (value, loc) => {
  if (typeof value === 'string') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => text(item, [...loc, 'list[str]', index]));
  return [
    issue('string_type', [...loc, 'str'], 'Input should be a valid string', value),
    issue('list_type', [...loc, 'list[str]'], 'Input should be a valid list', value),
  ];
};

const streamOptions: Checker = (value, loc) => {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    return [issue('model_attributes_type', loc, 'Input should be a valid dictionary or object to extract fields from', value)];
  }
  const includeUsage = (value as Record<string, unknown>).include_usage;
  return includeUsage === undefined || includeUsage === null ? [] : boolean(includeUsage, [...loc, 'include_usage']);
};

function isIntegerList(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => Number.isInteger(item));
}

function promptInputs(prompt: unknown): PromptInput[] | undefined {
  if (typeof prompt === 'string') return [{ text: prompt, tokenCount: countTokens(prompt) }];
  if (!Array.isArray(prompt)) return undefined;
  if (prompt.every((item) => typeof item === 'string')) {
    return prompt.map((item: string) => ({ text: item, tokenCount: countTokens(item) }));
  }
  if (isIntegerList(prompt)) return [{ text: prompt.join(' '), tokenCount: prompt.length }];
  if (prompt.every(isIntegerList)) return prompt.map((ids) => ({ text: ids.join(' '), tokenCount: ids.length }));
  return undefined;
}

const promptChecker: Checker = (value, loc) =>
  promptInputs(value)
    ? []
    : [
        issue('string_type', [...loc, 'str'], 'Input should be a valid string', value),
        issue('list_type', [...loc, 'list[str]'], 'Input should be a valid list', value),
      ];

const OPTIONAL_FIELDS: Record<string, Checker> = {
  max_tokens: integer({ ge: 0 }),
  stream: boolean,
  echo: boolean,
  n: integer({ ge: 1, le: 128 }),
  best_of: integer({ ge: 0, le: 20 }),
  temperature: float({ ge: 0, le: 2 }),
  top_p: float({ ge: 0, le: 1 }),
  seed: integer(),
  frequency_penalty: float({ ge: -2, le: 2 }),
  presence_penalty: float({ ge: -2, le: 2 }),
  stop: stopSequences,
  stream_options: streamOptions,
  suffix: text,
  user: text,
};

export function parseJsonBody(rawBody: string): ValidationResult<unknown> {
  if (rawBody.trim() === '') {
    return { ok: false, issues: [issue('missing', ['body'], 'Field required', null)] };
  }
  try {
    return { ok: true, value: JSON.parse(rawBody) as unknown };
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    const where = position === undefined ? 0 : Number(position);
    return {
      ok: false,
      issues: [issue('json_invalid', ['body', where], 'JSON decode error', {}, { error: 'Expecting value' })],
    };
  }
}

export function requireObject(body: unknown): ValidationResult<Record<string, unknown>> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return { ok: true, value: body as Record<string, unknown> };
  }
  return {
    ok: false,
    issues: [issue('model_attributes_type', ['body'], 'Input should be a valid dictionary or object to extract fields from', body)],
  };
}

export function validateFields(
  body: Record<string, unknown>,
  required: Record<string, Checker>,
  optional: Record<string, Checker> = OPTIONAL_FIELDS,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [field, check] of Object.entries(required)) {
    issues.push(...(field in body ? check(body[field], ['body', field]) : [issue('missing', ['body', field], 'Field required', body)]));
  }
  for (const [field, check] of Object.entries(optional)) {
    const value = body[field];
    if (value !== undefined && value !== null) issues.push(...check(value, ['body', field]));
  }
  return issues;
}

export const MODEL_FIELD: Record<string, Checker> = { model: text };

function unsupportedCompletionParameter(body: Record<string, unknown>): string | undefined {
  if ((optionalNumber(body.frequency_penalty) ?? 0) > 0) return "'frequency_penalty' is not supported";
  if ((optionalNumber(body.best_of) ?? 1) > 1) return "'best_of' > 1 is not supported";
  if ((optionalNumber(body.n) ?? 1) > 1) return "'n' > 1 is not supported";
  if (toBoolean(body.echo)) return "'echo' is not supported by encoder-decoder models";
  return undefined;
}

export function optionalNumber(value: unknown): number | null {
  return value === undefined || value === null ? null : (asNumber(value) ?? null);
}

/** The fields both OpenAI routes share, read from an already validated body. */
export function generationSettings(body: Record<string, unknown>) {
  const stop = body.stop;
  const streamOptionsValue = body.stream_options as Record<string, unknown> | null | undefined;
  return {
    maxTokens: body.max_tokens === undefined ? DEFAULT_MAX_TOKENS : optionalNumber(body.max_tokens),
    stream: toBoolean(body.stream) ?? false,
    stop: typeof stop === 'string' ? [stop] : Array.isArray(stop) ? (stop as string[]) : [],
    includeUsage: toBoolean(streamOptionsValue?.include_usage) ?? false,
  };
}

export function validateCompletionBody(body: Record<string, unknown>): ValidationResult<GenerationRequest> {
  const issues = validateFields(body, { ...MODEL_FIELD, prompt: promptChecker });
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      model: body.model as string,
      prompts: promptInputs(body.prompt) ?? [],
      ...generationSettings(body),
      unsupported: unsupportedCompletionParameter(body),
    },
  };
}

export { integer as integerChecker, text as textChecker };
export type { Checker };
