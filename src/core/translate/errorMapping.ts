import { ErrorCode } from '../errorCodes';
import { describeNetworkCode, errorCodes, formatError, isAbortError, isTlsCode, UserFacingError } from '../errors';
import { errorMessageOf, HttpStatusError, StreamFailure } from './inferenceErrors';

/** What the message needs to know about the request that failed. */
export interface FailureContext {
  /** The URL the request went to. */
  readonly url: string;
  readonly hostHeader?: string;
  readonly model: string;
  readonly source: 'inferenceService' | 'settings';
  readonly hasToken: boolean;
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
  /** The discovered way the request took ("via port-forward to …"), when there was one. */
  readonly route?: string;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const quoted = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

function addressSetting(ctx: FailureContext): string {
  return ctx.source === 'inferenceService' ? 'kserve.ingress.url (or the InferenceService URL)' : 'kserve.endpoint.url';
}

function modelNameFix(ctx: FailureContext): string {
  return ctx.source === 'settings'
    ? 'Set kserve.endpoint.model to the name the runtime serves (its --model_name, usually the InferenceService name).'
    : "Check the runtime's --model_name in the InferenceService, or choose another translation target.";
}

/** The model name is not among those the endpoint serves; `served` lists the ones it does. */
export class ModelNotServedError extends UserFacingError {
  constructor(
    message: string,
    readonly served: readonly string[],
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(message, 'modelNotFound', detail, options);
  }
}

/**
 * Explains a failed readiness check (`GET /openai/v1/models/{name}`, 503 for any failure) with the names from
 * `GET /openai/v1/models`: a wrong model name, or a served model that is not ready. Without the names (the list
 * failed too), the status alone decides.
 */
export function describeModelCheck(err: HttpStatusError, served: readonly string[] | undefined, ctx: FailureContext): UserFacingError {
  if (err.status !== 503 || served === undefined || served.length === 0) return fromStatus(err, ctx);
  const detail = `${ctx.url} → ${err.status}; the endpoint serves ${served.map((name) => `"${name}"`).join(', ')}`;
  if (served.includes(ctx.model)) {
    return new UserFacingError(
      `Model "${ctx.model}" is served but not ready yet (HTTP 503). Wait until the InferenceService is Ready in the KServe explorer, then try again.`,
      'modelNotReady', detail, { cause: err },
    );
  }
  return modelNotServed(served, ctx, detail, err);
}

/** The model name is not among those the endpoint lists (`GET …/v1/models`). */
export function modelNotServed(served: readonly string[], ctx: FailureContext, detail: string, cause?: unknown): ModelNotServedError {
  const names = served.slice(0, 5).map((name) => `"${quoted(name)}"`).join(', ') + (served.length > 5 ? `, and ${served.length - 5} more` : '');
  const serves = served.length ? `it serves ${names}` : 'it lists no models';
  return new ModelNotServedError(`The endpoint serves no model named "${ctx.model}"; ${serves}. ${modelNameFix(ctx)}`, served, detail, { cause });
}

function fromStatus(err: HttpStatusError, ctx: FailureContext): UserFacingError {
  const serverMessage = errorMessageOf(err.body);
  const said = serverMessage ? `: ${quoted(serverMessage)}` : err.body.trim() && !/html/i.test(err.contentType) ? `: ${quoted(err.body.trim())}` : '';
  const http = `HTTP ${err.status}${said}`;
  const origin = new URL(ctx.url).origin;
  const detail = `${ctx.url} → ${err.status} ${err.contentType || 'without content type'}${err.server ? ` from ${err.server}` : ''}${serverMessage ? `: ${quoted(serverMessage)}` : ''}`;
  const make = (message: string, code: ErrorCode) => new UserFacingError(message, code, detail, { cause: err });
  switch (err.status) {
    case 404:
      if (serverMessage && /model/i.test(serverMessage)) {
        return make(`Model "${ctx.model}" was not found on the endpoint (${http}). ${modelNameFix(ctx)}`, 'modelNotFound');
      }
      if (ctx.hostHeader) {
        return make(
          `Nothing at ${origin} answers for host ${ctx.hostHeader} (HTTP 404 from the gateway). Check that the InferenceService exists and that kserve.endpoint.hostHeader (or its URL) is right.`,
          'routeNotFound',
        );
      }
      return make(
        `The server at ${origin} has no OpenAI completions route (HTTP 404). Set ${addressSetting(ctx)} to the InferenceService's base address, without a path.`,
        'routeNotFound',
      );
    case 503:
      return make(
        `Model "${ctx.model}" is not ready yet (${http}). Wait until the InferenceService is Ready in the KServe explorer, then try again.`,
        'modelNotReady',
      );
    case 500:
      if (serverMessage && /maximum context length/i.test(serverMessage)) {
        return make(
          `The request is too long for the model (${http}). Lower kserve.translate.maxTokens so that the text and the answer fit in the model's 512 tokens.`,
          'contextTooLong',
        );
      }
      return make(`The model server failed to generate text (${http}). Check the predictor's logs, then try again.`, 'serverError');
    case 400:
    case 422:
      return make(
        `The model server rejected the request as invalid (${http}). Check that the endpoint runs KServe's OpenAI-compatible runtime and that the model name "${ctx.model}" is right.`,
        'badRequest',
      );
    case 401:
      return make(
        ctx.hasToken
          ? `The endpoint did not accept the stored token (${http}). Run "KServe: Set Endpoint Token" to replace it.`
          : `The endpoint requires a token (${http}). Run "KServe: Set Endpoint Token" to store one.`,
        'unauthorized',
      );
    case 403:
      return make(
        `The endpoint denied access (${http}). Check that your token grants access to this InferenceService, or replace it with "KServe: Set Endpoint Token".`,
        'forbidden',
      );
    case 502:
    case 504:
      return make(`The gateway in front of the model could not reach it (${http}). Check that the predictor is running, then try again.`, 'gatewayError');
    case 429:
      return make(`The endpoint is rate-limiting requests (${http}). Wait a moment, or lower kserve.translate.maxConcurrency.`, 'rateLimited');
    default:
      return make(`The endpoint answered ${http}. Check ${addressSetting(ctx)} and the model's logs.`, 'httpError');
  }
}

/** Silence mid-stream: a slow model, or a KServe Hugging Face server that is stuck after a failed generation. */
function stalledMessage(ctx: FailureContext): string {
  return (
    `The model stopped sending text for ${seconds(ctx.idleTimeoutMs)}, so the stream was abandoned. ` +
    "KServe's Hugging Face server (v0.16 to v0.19) stops answering after a generation fails, until it restarts: check the predictor's logs, and restart it if it is stuck. " +
    'If the model is just slow, raise kserve.endpoint.idleTimeoutSeconds.'
  );
}

function fromStream(err: StreamFailure, ctx: FailureContext): UserFacingError {
  const detail = `${ctx.url}: ${err.message}`;
  const make = (message: string, code: ErrorCode) => new UserFacingError(message, code, detail, { cause: err });
  switch (err.kind) {
    case 'incomplete':
      return make(
        "The model's answer stopped before it was complete (the stream ended without [DONE]); the server probably failed while generating. Check the predictor's logs, then try again.",
        'streamIncomplete',
      );
    case 'errorEvent':
      return make(`The model server reported an error while streaming: ${quoted(err.message)}. Check the predictor's logs, then try again.`, 'streamError');
    case 'notEventStream': {
      const what = err.contentType ? `"${err.contentType.split(';')[0]}"` : 'a body without a content type';
      const login = /html/i.test(err.contentType) ? ' (probably a login page or a proxy in front of the model)' : '';
      return make(
        `The endpoint answered with ${what} instead of an event stream${login}. Check ${addressSetting(ctx)}, and store a token with "KServe: Set Endpoint Token" if the endpoint needs one.`,
        'notEventStream',
      );
    }
    case 'stalled':
      return make(stalledMessage(ctx), 'timeout');
    case 'oversized':
      return make(
        `The endpoint sent far more than a translation (${err.message}), so the stream was stopped. Check that ${addressSetting(ctx)} points at KServe's OpenAI-compatible route.`,
        'streamTooLarge',
      );
    case 'malformed':
      return make(
        `The endpoint sent events that are not OpenAI completion chunks (${quoted(err.message)}). Check that ${addressSetting(ctx)} points at KServe's OpenAI-compatible route.`,
        'malformedStream',
      );
  }
}

function fromNetwork(codes: string[], err: unknown, ctx: FailureContext): UserFacingError | undefined {
  const url = new URL(ctx.url);
  const has = (...wanted: string[]) => codes.find((code) => wanted.includes(code));
  const detail = `${ctx.url}: ${codes.join(', ')} ${err instanceof Error ? err.message : String(err)}`;
  const make = (message: string, code: ErrorCode) => new UserFacingError(message, code, detail, { cause: err });
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) {
    return make(
      `Connecting to ${url.origin} timed out after ${seconds(ctx.connectTimeoutMs)}. Check the address and your network (VPN, proxy), or raise kserve.endpoint.connectTimeoutSeconds.`,
      'timeout',
    );
  }
  if (has('UND_ERR_HEADERS_TIMEOUT')) {
    return make(
      `The endpoint accepted the connection but did not answer within ${seconds(ctx.idleTimeoutMs)}. The model may be overloaded or starting; try again, or raise kserve.endpoint.idleTimeoutSeconds.`,
      'timeout',
    );
  }
  if (has('UND_ERR_BODY_TIMEOUT')) return make(stalledMessage(ctx), 'timeout');
  if (has('ECONNREFUSED')) {
    return make(
      `Could not connect to ${url.origin}: the connection was refused. Start the endpoint (or its kubectl port-forward), or fix ${addressSetting(ctx)}.`,
      'connectionRefused',
    );
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME')) {
    return make(`Could not resolve the host name ${url.hostname}. Check ${addressSetting(ctx)} and your DNS or VPN.`, 'dnsFailure');
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL')) {
    return make(`${url.hostname} cannot be reached from this machine. Check your network or VPN, and ${addressSetting(ctx)}.`, 'networkUnreachable');
  }
  if (codes.some((code) => code.startsWith('ERR_SSL_') && /WRONG_VERSION|PACKET_LENGTH/.test(code))) {
    return make(
      `TLS failed for ${url.host}: the server does not speak TLS on that port. Use http:// instead of https:// in ${addressSetting(ctx)}.`,
      'tlsFailure',
    );
  }
  const tls = codes.find(isTlsCode);
  if (tls) {
    const reason = describeNetworkCode(tls);
    return make(
      `TLS verification failed for ${url.host}: ${reason}. If the endpoint uses a private CA, set kserve.endpoint.caFile to its PEM file (kserve.endpoint.insecureSkipTlsVerify is for testing only).`,
      'tlsFailure',
    );
  }
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE')) {
    return make(
      `The connection to ${url.origin} was closed unexpectedly. Check that the endpoint (and any proxy or port-forward) is up, then try again.`,
      'connectionReset',
    );
  }
  return undefined;
}

/**
 * Maps anything a request can throw to a message that names the cause and the remedy.
 * Cancellation is passed through unchanged so callers can tell it apart.
 */
export function describeInferenceFailure(err: unknown, ctx: FailureContext): unknown {
  if (isAbortError(err) || err instanceof UserFacingError) return err;
  if (err instanceof HttpStatusError) return fromStatus(err, ctx);
  if (err instanceof StreamFailure) return fromStream(err, ctx);
  const network = fromNetwork(errorCodes(err), err, ctx);
  if (network) return ctx.route ? new UserFacingError(`${network.message} The request went ${ctx.route}.`, network.code, network.detail, { cause: err }) : network;
  return new UserFacingError(`The request to ${new URL(ctx.url).origin} failed: ${formatError(err)}`, 'requestFailed', String(err), { cause: err });
}
