import { Dispatcher, request } from 'undici';
import { isAbortError } from '../../core/errors';
import { IDisposable } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { ActivityClock, watchForStall } from '../../core/translate/activityClock';
import { ModelApi, RequestStyle } from '../../core/kserve/openaiRoutes';
import { completionsUrl, modelsUrl, modelUrl } from '../../core/translate/endpoint';
import { HttpStatusError, servedModelNames, StreamFailure } from '../../core/translate/inferenceErrors';
import { CompletionEventDecoder } from './completionEvents';
import { DispatcherPool, TransportSettings } from './dispatchers';

/** Where one request goes and how it authenticates. */
export interface ModelAddress {
  readonly baseUrl: string;
  readonly hostHeader?: string;
  readonly model: string;
  /** Sent as `Authorization: Bearer …`; never logged. */
  readonly token?: string;
  readonly api?: ModelApi;
  readonly style?: RequestStyle;
}

export interface CompletionParams {
  /** The whole prompt, for completions. */
  readonly prompt: string;
  /** For the chat style: the task as the system message and the text as the user's (else the prompt is the user's). */
  readonly chat?: { readonly instruction: string; readonly text: string };
  readonly maxTokens: number;
  /** Shared by the requests of one run; the stream is abandoned once it has been idle for the idle timeout. */
  readonly activity?: ActivityClock;
}

export interface ModelCheck {
  readonly status: number;
  readonly elapsedMs: number;
}

const MAX_ERROR_BODY = 64 * 1024;

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

async function readCapped(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= limit) break;
    }
  } catch {
    // The status line already says what went wrong; a broken error body adds nothing.
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}

const headerText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : (value ?? ''));

/**
 * The HTTP side of KServe's OpenAI-compatible endpoint, on undici: streams completions as text pieces and
 * checks readiness. Logs method, URL, status and timings; request/response text only when `logBodies()`.
 */
export class InferenceClient implements IDisposable {
  private readonly pool = new DispatcherPool();

  constructor(
    private readonly logger: Logger,
    private readonly logBodies: () => boolean = () => false,
  ) {}

  /** Drops pooled connections, e.g. after TLS or proxy settings changed. */
  resetConnections(): void {
    this.pool.clear();
  }

  dispose(): void {
    this.pool.dispose();
  }

  /**
   * POSTs a streaming completion and yields its text pieces as they arrive. Throws HttpStatusError for a non-200
   * answer, StreamFailure for a body that is not a complete event stream, and network errors as undici raises them.
   */
  async *streamCompletion(target: ModelAddress, transport: TransportSettings, params: CompletionParams, signal?: AbortSignal): AsyncGenerator<string, void, undefined> {
    const url = completionsUrl(target);
    const payload = JSON.stringify(requestBody(target, params));
    const started = performance.now();
    const describe = this.describeRequest('POST', url, target);
    if (this.logBodies()) this.logger.info(`${describe} request body: ${payload}`);
    let firstPieceMs: number | undefined;
    let pieces = 0;
    let text = '';
    let response: Dispatcher.ResponseData | undefined;
    const activity = params.activity ?? new ActivityClock();
    const stalled = new AbortController();
    let watch: { stop(): void } | undefined;
    const requestSignal = signal ? AbortSignal.any([signal, stalled.signal]) : stalled.signal;
    try {
      response = await request(url, {
        method: 'POST',
        headers: this.headers(target, { 'content-type': 'application/json', accept: 'text/event-stream' }),
        body: payload,
        dispatcher: this.pool.get(new URL(url), transport),
        signal: requestSignal,
        headersTimeout: transport.idleTimeoutMs,
        // Once the headers are in, silence is judged by the run's activity clock, not per request.
        bodyTimeout: 0,
      });
      const contentType = headerText(response.headers['content-type']);
      if (response.statusCode !== 200) {
        const body = await readCapped(response.body, MAX_ERROR_BODY);
        throw new HttpStatusError(response.statusCode, body, contentType, headerText(response.headers.server));
      }
      if (!/^text\/event-stream\b/i.test(contentType.trim())) {
        const body = await readCapped(response.body, 2048);
        throw new StreamFailure('notEventStream', `200 with Content-Type "${contentType}": ${body.slice(0, 200)}`, contentType);
      }
      activity.touch();
      watch = watchForStall(activity, transport.idleTimeoutMs, () =>
        stalled.abort(new StreamFailure('stalled', `no text for ${transport.idleTimeoutMs} ms`)));
      const decoder = new CompletionEventDecoder();
      try {
        for await (const chunk of response.body) {
          for (const piece of decoder.feed(chunk as Buffer)) {
            activity.touch();
            firstPieceMs ??= performance.now() - started;
            pieces++;
            if (this.logBodies()) text += piece;
            yield piece;
          }
          if (decoder.done) break;
        }
      } catch (err) {
        throw this.bodyError(err, signal);
      }
      for (const piece of decoder.end()) {
        pieces++;
        yield piece;
      }
      this.logger.info(
        `${describe} → 200, first piece ${firstPieceMs === undefined ? '-' : `${firstPieceMs.toFixed(0)} ms`}, ${pieces} pieces in ${(performance.now() - started).toFixed(0)} ms`,
      );
      if (this.logBodies()) this.logger.info(`${describe} response text: ${JSON.stringify(text)}`);
    } catch (err) {
      const failure = signal?.aborted ? abortReason(signal) : stalled.signal.aborted ? stalled.signal.reason : err;
      const outcome = isAbortError(failure) ? 'cancelled' : `failed: ${failureSummary(failure)}`;
      this.logger.warn(`${describe} ${outcome} after ${(performance.now() - started).toFixed(0)} ms (${pieces} pieces)`);
      throw failure;
    } finally {
      watch?.stop();
      if (response && !response.body.destroyed) response.body.destroy();
    }
  }

  /**
   * `GET /openai/v1/models/{model}`: KServe's readiness route. It answers 200 (body `null`) when the model is ready
   * and 503 for every failure, an unknown model included. Resolves on 200, else throws HttpStatusError.
   */
  async checkModel(target: ModelAddress, transport: TransportSettings, signal?: AbortSignal): Promise<ModelCheck> {
    const url = modelUrl(target);
    if (!url) throw new Error(`${target.api ?? 'kserve'} servers have no readiness route: list the models instead`);
    const { status, elapsedMs } = await this.getJson(url, target, transport, signal);
    return { status, elapsedMs };
  }

  /** `GET /openai/v1/models`: the names the server serves, ready or not. */
  async listModels(target: ModelAddress, transport: TransportSettings, signal?: AbortSignal): Promise<string[]> {
    const { body } = await this.getJson(modelsUrl(target), target, transport, signal);
    return servedModelNames(body);
  }

  private async getJson(url: string, target: ModelAddress, transport: TransportSettings, signal?: AbortSignal) {
    const describe = this.describeRequest('GET', url, target);
    const started = performance.now();
    try {
      const response = await request(url, {
        method: 'GET',
        headers: this.headers(target, { accept: 'application/json' }),
        dispatcher: this.pool.get(new URL(url), transport),
        signal,
        headersTimeout: transport.idleTimeoutMs,
        bodyTimeout: transport.idleTimeoutMs,
      });
      const body = await readCapped(response.body, MAX_ERROR_BODY);
      const elapsedMs = performance.now() - started;
      this.logger.info(`${describe} → ${response.statusCode} in ${elapsedMs.toFixed(0)} ms`);
      if (response.statusCode !== 200) {
        throw new HttpStatusError(response.statusCode, body, headerText(response.headers['content-type']), headerText(response.headers.server));
      }
      return { status: response.statusCode, elapsedMs, body };
    } catch (err) {
      if (!(err instanceof HttpStatusError)) {
        this.logger.warn(`${describe} failed after ${(performance.now() - started).toFixed(0)} ms: ${failureSummary(err)}`);
      }
      throw signal?.aborted ? abortReason(signal) : err;
    }
  }

  private headers(target: ModelAddress, extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (target.hostHeader) headers.host = target.hostHeader;
    if (target.token) headers.authorization = `Bearer ${target.token}`;
    return headers;
  }

  private describeRequest(method: string, url: string, target: ModelAddress): string {
    const via = [target.hostHeader ? `Host: ${target.hostHeader}` : '', target.token ? 'with Authorization header' : ''].filter(Boolean).join(', ');
    return `${method} ${url}${via ? ` (${via})` : ''}`;
  }

  /** A failure while reading a 200 body: cancellation and idle timeouts stay as they are, anything else cut the stream. */
  private bodyError(err: unknown, signal: AbortSignal | undefined): unknown {
    if (signal?.aborted) return abortReason(signal);
    if (err instanceof StreamFailure || isAbortError(err)) return err;
    if ((err as { code?: string }).code === 'UND_ERR_BODY_TIMEOUT') return err;
    const code = (err as { code?: string }).code;
    return new StreamFailure('incomplete', `the connection broke before [DONE]: ${code ?? ''} ${(err as Error).message ?? String(err)}`.trim());
  }
}

/**
 * The request body. vLLM is asked for its usage chunk (`choices: []` before `[DONE]`); KServe's server ignores
 * `stream_options`, so it is not sent there.
 */
export function requestBody(target: Pick<ModelAddress, 'model' | 'api' | 'style'>, params: Pick<CompletionParams, 'prompt' | 'chat' | 'maxTokens'>) {
  const common = { model: target.model, stream: true, max_tokens: params.maxTokens, ...(target.api === 'vllm' ? { stream_options: { include_usage: true } } : {}) };
  if (target.style !== 'chat') return { ...common, prompt: params.prompt };
  const messages = params.chat
    ? [{ role: 'system', content: params.chat.instruction }, { role: 'user', content: params.chat.text }].filter((m) => m.content !== '')
    : [{ role: 'user', content: params.prompt }];
  return { ...common, messages };
}

function failureSummary(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  const message = err instanceof Error ? err.message : String(err);
  const cause = (err as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const causeText = cause ? ` (cause: ${String(cause.code ?? '')} ${String(cause.message ?? '')})` : '';
  return `${typeof code === 'string' ? `${code} ` : ''}${message}${causeText}`.trim();
}
