import type { ModelApi } from '../../src/core/kserve/openaiRoutes';
import type { ServerResponse } from 'node:http';
import { drained, sleep, untilAborted } from './cancellableWaits';
import { generateChoice, numberedPieces, withLegacySpecialTokens, type GeneratedChoice } from './generation';
import { SCENARIO_DEFAULTS } from './scenarios';
import { SIMULATOR_HEADERS, sendJson, sendText } from './httpReplies';
import {
  modelNotFoundBody,
  vllmModelNotFoundBody,
  modelNotReadyBody,
  openAIErrorBody,
  streamErrorEventBody,
  usageOf,
  type ApiFormat,
  type ResponseIdentity,
  type Usage,
} from './payloads';
import { parseJsonBody, requireObject, type GenerationRequest, type ValidationResult } from './requestValidation';
import { MAX_MODEL_LENGTH } from './tokens';
import type { GenerationSlots } from './generationSlots';
import type { Scenario, SimulatedBackend } from './types';

export type ModelStatus = 'ready' | 'notReady' | 'unknown';

export interface GenerationSettings {
  backend: SimulatedBackend;
  api: ModelApi;
  legacySpecialTokens: boolean;
  chunkDelayMs: number;
  firstTokenMs: number;
  requestLatencyMs: number;
}

export interface GenerationContext {
  res: ServerResponse;
  body: unknown;
  rawBody: string;
  format: ApiFormat;
  validate(body: Record<string, unknown>): ValidationResult<GenerationRequest>;
  scenario: Scenario;
  settings: GenerationSettings;
  /** Aborts when the client goes away or the simulator closes. */
  signal: AbortSignal;
  defaultModelName: string;
  modelStatus(name: string): ModelStatus;
  nextId(prefix: string): string;
  chunkWritten(seq: number, text: string): void;
  workers: GenerationSlots;
}

type Interruption = { kind: 'cutBeforeDone' | 'stallAfter' | 'errorEvent'; afterChunks: number; message: string };

const MISSING_PROMPT_DETAIL = [{ type: 'missing', loc: ['body', 'prompt'], msg: 'Field required', input: {} }];

function interruptionOf(scenario: Scenario): Interruption | undefined {
  switch (scenario.kind) {
    case 'cutBeforeDone':
      return { kind: scenario.kind, afterChunks: scenario.afterChunks ?? SCENARIO_DEFAULTS.cutAfterChunks, message: '' };
    case 'stallAfter':
      return { kind: scenario.kind, afterChunks: scenario.afterChunks ?? SCENARIO_DEFAULTS.stallAfterChunks, message: '' };
    case 'errorEvent':
      return {
        kind: scenario.kind,
        afterChunks: scenario.afterChunks ?? SCENARIO_DEFAULTS.errorEventAfterChunks,
        message: scenario.message ?? SCENARIO_DEFAULTS.errorMessage,
      };
    default:
      return undefined;
  }
}

function requestedModelName(ctx: GenerationContext): string {
  const model = (ctx.body as { model?: unknown } | null)?.model;
  return typeof model === 'string' ? model : ctx.defaultModelName;
}

/** Answers the scenarios that replace the whole response; true when the request is done. */
async function answeredByScenario(ctx: GenerationContext): Promise<boolean> {
  const { res, scenario } = ctx;
  switch (scenario.kind) {
    case 'hang':
      await untilAborted(ctx.signal);
      return true;
    case 'nonSse':
      sendText(res, 200, scenario.body ?? SCENARIO_DEFAULTS.loginPage, 'text/html; charset=utf-8');
      return true;
    case 'status404':
      sendJson(res, 404, modelNotFoundBody(requestedModelName(ctx)));
      return true;
    case 'status503':
      sendJson(res, 503, modelNotReadyBody(requestedModelName(ctx)));
      return true;
    case 'error500':
      sendJson(res, 500, openAIErrorBody(scenario.message ?? SCENARIO_DEFAULTS.errorMessage));
      return true;
    case 'error422':
      sendJson(res, 422, { detail: MISSING_PROMPT_DETAIL });
      return true;
    default:
      return false;
  }
}

function validatedRequest(ctx: GenerationContext): GenerationRequest | undefined {
  const parsed = parseJsonBody(ctx.rawBody);
  const object = parsed.ok ? requireObject(parsed.value) : parsed;
  const validated = object.ok ? ctx.validate(object.value) : object;
  if (!validated.ok) {
    sendJson(ctx.res, 422, { detail: validated.issues });
    return undefined;
  }
  const request = validated.value;
  const status = ctx.modelStatus(request.model);
  if (status !== 'ready') {
    const notFound = ctx.settings.api === 'vllm' ? vllmModelNotFoundBody : modelNotFoundBody;
    sendJson(ctx.res, status === 'unknown' ? 404 : 503, (status === 'unknown' ? notFound : modelNotReadyBody)(request.model));
    return undefined;
  }
  return request;
}

/** The OpenAIError message for a request the T5 server refuses after validation, if any. */
function generationRefusal(request: GenerationRequest, maxTokens: number, promptTokens: number): string | undefined {
  if (request.prompts.length === 0) return 'prompt is required';
  if (promptTokens + maxTokens > MAX_MODEL_LENGTH) {
    return (
      `This model's maximum context length is ${MAX_MODEL_LENGTH} tokens. ` +
      `However, you requested ${promptTokens + maxTokens} tokens (${promptTokens} in the messages, ` +
      `${maxTokens} in the completion). Please reduce the length of the messages or completion.`
    );
  }
  if (request.unsupported) return request.unsupported;
  if (request.stream && request.prompts.length > 1) return 'streaming supports a single prompt only';
  return undefined;
}

export async function handleGeneration(ctx: GenerationContext): Promise<void> {
  const { scenario, settings } = ctx;
  const latency = settings.requestLatencyMs + (scenario.kind === 'fixedLatency' ? (scenario.latencyMs ?? SCENARIO_DEFAULTS.fixedLatencyMs) : 0);
  if (!(await sleep(latency, ctx.signal))) return;
  if (await answeredByScenario(ctx)) return;
  const request = validatedRequest(ctx);
  if (!request) return;

  const promptTokens = Math.max(0, ...request.prompts.map((prompt) => prompt.tokenCount));
  const maxTokens = request.maxTokens ?? Math.max(0, MAX_MODEL_LENGTH - promptTokens);
  const refusal = generationRefusal(request, maxTokens, promptTokens);
  if (refusal) {
    sendJson(ctx.res, 500, openAIErrorBody(refusal));
    return;
  }
  const choices = request.prompts.map((prompt): GeneratedChoice => {
    if (scenario.kind === 'manyChunks') {
      const pieces = numberedPieces(scenario.count ?? SCENARIO_DEFAULTS.manyChunksCount);
      return { pieces, finishReason: 'length', stopSequence: null, naturalEnd: false };
    }
    return generateChoice(prompt.text, maxTokens, request.stop, settings.backend);
  });
  const identity: ResponseIdentity = {
    id: ctx.nextId(ctx.format.idPrefix),
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    backend: settings.backend,
  };
  const totalPromptTokens = request.prompts.reduce((sum, prompt) => sum + prompt.tokenCount, 0);
  const completionTokens = choices.reduce((sum, choice) => sum + choice.pieces.length, 0);
  const usage = usageOf(totalPromptTokens, completionTokens);
  if (request.stream) {
    ctx.res.writeHead(200, { ...SIMULATOR_HEADERS, 'content-type': 'text/event-stream; charset=utf-8' });
    ctx.res.flushHeaders();
  }
  const release = await ctx.workers.acquire(ctx.signal);
  if (!release) return;
  try {
    if (!(await sleep(settings.firstTokenMs, ctx.signal))) return;
    if (request.stream) await streamChoice(ctx, identity, choices[0], request.includeUsage ? usage : undefined);
    else await respondWhole(ctx, identity, choices, usage);
  } finally {
    release();
  }
}

async function respondWhole(
  ctx: GenerationContext,
  identity: ResponseIdentity,
  choices: GeneratedChoice[],
  usage: Usage,
): Promise<void> {
  const { scenario } = ctx;
  const interruption = interruptionOf(scenario);
  if (interruption?.kind === 'cutBeforeDone') {
    ctx.res.destroy();
    return;
  }
  if (interruption?.kind === 'stallAfter') {
    await untilAborted(ctx.signal);
    return;
  }
  if (interruption?.kind === 'errorEvent') {
    sendJson(ctx.res, 500, openAIErrorBody(interruption.message));
    return;
  }
  if (scenario.kind === 'slowChunks') {
    const pieceCount = Math.max(...choices.map((choice) => choice.pieces.length));
    if (!(await sleep((scenario.delayMs ?? SCENARIO_DEFAULTS.slowChunkDelayMs) * pieceCount, ctx.signal))) return;
  }
  const finished = choices.map((choice) => ({
    text: choice.pieces.join(''),
    finishReason: choice.finishReason,
    stopSequence: choice.stopSequence,
  }));
  sendJson(ctx.res, 200, ctx.format.fullResponse(identity, finished, usage));
}

/** Like a crashed server: what was written still arrives, then the connection closes mid-response. */
function dropConnectionAfterPendingWrites(res: ServerResponse): void {
  if (res.socket) res.socket.destroySoon();
  else res.destroy();
}

/** Writes one SSE event; false when the stream can no longer be written to. */
async function writeEvent(res: ServerResponse, data: string, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted || res.destroyed) return false;
  if (res.write(`data: ${data}\n\n`)) return true;
  return drained(res, signal);
}

async function streamChoice(
  ctx: GenerationContext,
  identity: ResponseIdentity,
  choice: GeneratedChoice,
  usage: Usage | undefined,
): Promise<void> {
  const { res, signal, scenario, settings, format } = ctx;
  const huggingface = settings.backend === 'huggingface';
  const pieces = huggingface && settings.legacySpecialTokens ? withLegacySpecialTokens(choice) : choice.pieces;
  const interruption = interruptionOf(scenario);
  const sendCount = interruption ? Math.min(interruption.afterChunks, pieces.length) : pieces.length;
  const delayMs = scenario.kind === 'slowChunks' ? (scenario.delayMs ?? SCENARIO_DEFAULTS.slowChunkDelayMs) : settings.chunkDelayMs;

  for (let seq = 0; seq < sendCount; seq++) {
    if (!(await sleep(delayMs, signal))) return;
    const isLast = seq === pieces.length - 1;
    // Hugging Face reports "length" on every chunk until a stop sequence has fired; vLLM reports only at the end.
    const finishReason = isLast ? choice.finishReason : huggingface ? 'length' : null;
    const chunk = format.chunk(identity, {
      text: pieces[seq],
      isFirst: seq === 0,
      finishReason,
      stopSequence: isLast ? choice.stopSequence : null,
    });
    if (!(await writeEvent(res, JSON.stringify(chunk), signal))) return;
    ctx.chunkWritten(seq, pieces[seq]);
  }
  if (interruption?.kind === 'cutBeforeDone') {
    dropConnectionAfterPendingWrites(res);
    return;
  }
  if (interruption?.kind === 'stallAfter') {
    await untilAborted(signal);
    return;
  }
  if (interruption?.kind === 'errorEvent') {
    if (!(await writeEvent(res, JSON.stringify(streamErrorEventBody(interruption.message)), signal))) return;
  } else if (usage && !huggingface) {
    if (!(await writeEvent(res, JSON.stringify(format.usageChunk(identity, usage)), signal))) return;
  }
  res.end('data: [DONE]\n\n');
}
