import type { FinishReason } from './generation';
import type { SimulatedBackend } from './types';

export const SYSTEM_FINGERPRINT = 'kserve-simulator';

export interface ResponseIdentity {
  id: string;
  created: number;
  model: string;
  backend: SimulatedBackend;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface FinishedChoice {
  text: string;
  finishReason: FinishReason;
  stopSequence: string | null;
}

export interface StreamedPiece {
  text: string;
  isFirst: boolean;
  /** null while more pieces follow on the vLLM backend. */
  finishReason: FinishReason | null;
  stopSequence: string | null;
}

/** Response shapes of one OpenAI route (completions or chat completions). */
export interface ApiFormat {
  idPrefix: string;
  fullResponse(identity: ResponseIdentity, choices: FinishedChoice[], usage: Usage): object;
  chunk(identity: ResponseIdentity, piece: StreamedPiece): object;
  usageChunk(identity: ResponseIdentity, usage: Usage): object;
}

export function usageOf(promptTokens: number, completionTokens: number): Usage {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** Newer Hugging Face servers add null `stop_reason`/`token_ids`; vLLM names the stop sequence that fired. */
function backendChoiceFields(backend: SimulatedBackend, stopSequence: string | null): object {
  return backend === 'huggingface' ? { stop_reason: null, token_ids: null } : { stop_reason: stopSequence };
}

function header(identity: ResponseIdentity, object: string) {
  return { id: identity.id, object, created: identity.created, model: identity.model };
}

export const COMPLETIONS_FORMAT: ApiFormat = {
  idPrefix: 'sim-cmpl-',
  fullResponse: (identity, choices, usage) => ({
    ...header(identity, 'text_completion'),
    choices: choices.map((choice, index) => ({
      index,
      text: choice.text,
      logprobs: null,
      finish_reason: choice.finishReason,
      ...backendChoiceFields(identity.backend, choice.stopSequence),
    })),
    usage,
    system_fingerprint: SYSTEM_FINGERPRINT,
  }),
  chunk: (identity, piece) => ({
    ...header(identity, 'text_completion'),
    choices: [
      {
        index: 0,
        text: piece.text,
        logprobs: null,
        finish_reason: piece.finishReason,
        ...backendChoiceFields(identity.backend, piece.stopSequence),
      },
    ],
    system_fingerprint: SYSTEM_FINGERPRINT,
    usage: null,
  }),
  usageChunk: (identity, usage) => ({ ...header(identity, 'text_completion'), choices: [], usage }),
};

export const CHAT_FORMAT: ApiFormat = {
  idPrefix: 'sim-chatcmpl-',
  fullResponse: (identity, choices, usage) => ({
    ...header(identity, 'chat.completion'),
    choices: choices.map((choice, index) => ({
      index,
      message: { role: 'assistant', content: choice.text },
      logprobs: null,
      finish_reason: choice.finishReason,
      ...backendChoiceFields(identity.backend, choice.stopSequence),
    })),
    usage,
    system_fingerprint: SYSTEM_FINGERPRINT,
  }),
  chunk: (identity, piece) => ({
    ...header(identity, 'chat.completion.chunk'),
    choices: [
      {
        index: 0,
        delta: piece.isFirst ? { role: 'assistant', content: piece.text } : { content: piece.text },
        logprobs: null,
        finish_reason: piece.finishReason,
        ...backendChoiceFields(identity.backend, piece.stopSequence),
      },
    ],
    system_fingerprint: SYSTEM_FINGERPRINT,
    usage: null,
  }),
  usageChunk: (identity, usage) => ({ ...header(identity, 'chat.completion.chunk'), choices: [], usage }),
};

export function openAIErrorBody(message: string, code = 500): object {
  return { error: { code: String(code), message, type: 'OpenAIError', param: '' } };
}

/** What vLLM writes into the stream when generation fails after the 200. */
export function streamErrorEventBody(message: string): object {
  return { error: { object: 'error', message, type: 'InternalServerError', param: null, code: 500 } };
}

export function modelNotFoundBody(name: string): object {
  return { error: `Model with name ${name} does not exist.` };
}

/** vLLM's answer to a `model` it does not serve. */
export function vllmModelNotFoundBody(name: string): object {
  return { error: { message: `The model \`${name}\` does not exist.`, type: 'NotFoundError', param: 'model', code: 404 } };
}

export function modelNotReadyBody(name: string): object {
  return { error: `Model with name ${name} is not ready.` };
}
