import type { ModelApi } from '../../src/core/kserve/openaiRoutes';

export type SimulatedBackend = 'huggingface' | 'vllm';

export interface ModelSpec {
  name: string;
  ready: boolean;
}

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to a single ready model named `t5`. */
  models?: ModelSpec[];
  /** Like an Istio ingress: any other Host header gets 404 with an empty body. The port part is ignored. */
  requireHost?: string;
  /**
   * Like a gateway with KServe's ingress `pathTemplate`: only paths under this prefix reach the model, with the
   * prefix rewritten away; others get the gateway's empty 404. The log keeps the path as received.
   */
  pathPrefix?: string;
  /** Like a careless proxy: the 403 body quotes the bearer token it refused. */
  echoRefusedToken?: boolean;
  /** Like an auth proxy: no bearer token gets 401, a different one 403. */
  requireBearer?: string;
  /** Defaults to 'huggingface', or 'vllm' with `api: 'vllm'`. */
  backend?: SimulatedBackend;
  /**
   * Which server's routes: KServe's model server (`/openai/v1/…`, default) or vLLM's own OpenAI server, as an
   * LLMInferenceService runs it (`/v1/completions`, `/v1/chat/completions`, `/v1/models`, `/health`).
   */
  api?: ModelApi;
  /** Servers before KServe v0.16 left `</s>` on the last streamed piece (Hugging Face backend, streaming only). */
  legacySpecialTokens?: boolean;
  /** Pause before every streamed chunk. */
  chunkDelayMs?: number;
  /** Pause in the worker before the first piece: the model's time to first token. */
  firstTokenMs?: number;
  /**
   * Generations at once; the others wait in the server's queue (a streaming request gets its 200 and headers at
   * once, then silence until its turn). Defaults to 1 for the Hugging Face backend, which generates on one worker
   * thread, and to no limit for vLLM.
   */
  capacity?: number;
  /** Pause before the first byte of every completion response. */
  requestLatencyMs?: number;
}

interface ScenarioLimit {
  /** Apply to the next N completion requests only, then fall back to `ok`. */
  times?: number;
}

/**
 * Behaviour of the completion routes (completions and chat completions); other routes are not affected.
 * Options left out take the values in SCENARIO_DEFAULTS.
 */
export type Scenario = ScenarioLimit &
  (
    | { kind: 'ok' }
    /** 404 `{"error":"Model with name X does not exist."}` */
    | { kind: 'status404' }
    /** 503 `{"error":"Model with name X is not ready."}` */
    | { kind: 'status503' }
    /** 500 OpenAIError */
    | { kind: 'error500'; message?: string }
    /** 422 `{"detail":[...]}` reporting a missing prompt */
    | { kind: 'error422' }
    /** Streams `afterChunks` chunks, then closes the connection without `[DONE]`; non-streaming requests get no response. */
    | { kind: 'cutBeforeDone'; afterChunks?: number }
    /** Streams `afterChunks` chunks, then `data: {"error":{...}}` and `[DONE]`; non-streaming requests get a 500 OpenAIError. */
    | { kind: 'errorEvent'; afterChunks?: number; message?: string }
    /** 200 with a text/html page, like a login page served by a proxy. */
    | { kind: 'nonSse'; body?: string }
    /** Waits `delayMs` before every chunk (non-streaming: before the response, once per piece). */
    | { kind: 'slowChunks'; delayMs?: number }
    /** Streams `afterChunks` chunks, then stays silent with the connection open; non-streaming requests get no response. */
    | { kind: 'stallAfter'; afterChunks?: number }
    /** Reads the request and never sends headers. */
    | { kind: 'hang' }
    /** Waits `latencyMs` before the first byte. */
    | { kind: 'fixedLatency'; latencyMs?: number }
    /** Answers with `count` pieces "tok0 ", "tok1 ", ... written as fast as the client reads. */
    | { kind: 'manyChunks'; count?: number }
  );

export type ScenarioKind = Scenario['kind'];

export interface RecordedRequest {
  /** Position in the log, starting at 0. */
  index: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path with the query string, as received. */
  url: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

export interface ChunkWrittenInfo {
  /** Index of the request in `requests`. */
  requestIndex: number;
  /** The text piece carried by the chunk ('' for usage or error events). */
  text: string;
}

/** `seq` counts the chunks of one stream from 0; `writtenAt` is `process.hrtime.bigint()` right after `res.write`. */
export type ChunkWrittenListener = (seq: number, writtenAt: bigint, info: ChunkWrittenInfo) => void;

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  setScenario(scenario: Scenario | ScenarioKind): void;
  readonly scenario: Scenario;
  setModelReady(name: string, ready: boolean): void;
  clearRequests(): void;
  /** Resolves with the log once it holds at least `count` requests; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs: number): Promise<readonly RecordedRequest[]>;
  /** Returns a function that removes the listener. */
  onChunkWritten(listener: ChunkWrittenListener): () => void;
  /** Stops listening, destroys open sockets and cancels every pending wait. */
  close(): Promise<void>;
}
