import { createHash } from 'node:crypto';
import { HttpMethod, KubeConfig, RequestContext } from '@kubernetes/client-node';
import { Agent, Dispatcher, fetch, ProxyAgent } from 'undici';
import { IDisposable } from '../../core/lifecycle';
import { WatchEvent } from '../../core/explorer/watchCache';
import { CredentialGate, CredentialOptions } from './credentials';
import { authPluginError, errorFromFailure, errorFromStatus, KubeError, KubeStatus, RequestDescription } from './errors';
import { Limiter } from './limiter';

export type Query = Record<string, string | number | boolean | undefined>;

export interface JsonRequest {
  readonly describe: Omit<RequestDescription, 'server'>;
  readonly query?: Query;
  readonly body?: unknown;
  readonly contentType?: string;
  /** Instead of `application/json`, e.g. to ask for PartialObjectMetadata. */
  readonly accept?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface WatchRequest {
  readonly describe: Omit<RequestDescription, 'server'>;
  readonly query: Query;
  readonly accept?: string;
  readonly signal: AbortSignal;
  /** The stream is abandoned when nothing arrives for this long (a half-open connection looks like a quiet watch). */
  readonly idleTimeoutMs: number;
  readonly onOpen?: () => void;
  readonly onEvent: (event: WatchEvent) => void;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_CONCURRENT_REQUESTS = 8;

/**
 * JSON requests and watch streams against one cluster context, authenticated through @kubernetes/client-node
 * (tokens, client certificates, exec and OIDC plugins). Connections are pooled per TLS identity.
 */
export class KubeClient implements IDisposable {
  readonly server: string;
  private readonly limiter = new Limiter(MAX_CONCURRENT_REQUESTS);
  private dispatcher: { fingerprint: string; value: Dispatcher | undefined } | undefined;
  private readonly retired: Dispatcher[] = [];
  private disposed = false;

  private readonly credentials: CredentialGate;

  constructor(readonly kubeConfig: KubeConfig, pluginTimeoutMs?: number) {
    this.server = kubeConfig.getCurrentCluster()?.server ?? '(no cluster)';
    this.credentials = new CredentialGate(kubeConfig, pluginTimeoutMs);
  }

  async requestJson<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, request: JsonRequest): Promise<T> {
    const describe = { ...request.describe, server: this.server };
    return this.limiter.run(async () => {
      const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      const { headers, dispatcher } = await this.connection(describe);
      if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
      if (request.accept) headers.Accept = request.accept;
      try {
        const response = await fetch(this.url(path, request.query), {
          method, headers, dispatcher, signal,
          body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
        });
        const text = await response.text();
        const json = parseJson(text);
        if (!response.ok) throw errorFromStatus(response.status, json as KubeStatus | undefined, describe);
        return json as T;
      } catch (err) {
        throw errorFromFailure(err, describe);
      }
    });
  }

  /** A text answer (pod logs), at most `maxBytes` of it; errors map like `requestJson`'s. */
  async requestText(path: string, request: Omit<JsonRequest, 'body' | 'contentType'> & { readonly maxBytes: number }): Promise<string> {
    let text = '';
    await this.streamText(path, { ...request, onText: (piece) => { text += piece; } });
    return text;
  }

  /**
   * Reads a text stream (a followed log) piece by piece until the server ends it or `signal` aborts; stops reading
   * after `maxBytes`. Resolves either way; fails for an error answer or a broken connection.
   */
  async streamText(path: string, request: Omit<JsonRequest, 'body' | 'contentType'> & { readonly maxBytes: number; readonly onText: (text: string) => void }): Promise<void> {
    const describe = { ...request.describe, server: this.server };
    const signal = request.timeoutMs ? AbortSignal.any([request.signal ?? new AbortController().signal, AbortSignal.timeout(request.timeoutMs)]) : request.signal;
    const { headers, dispatcher } = await this.connection(describe);
    headers.Accept = '*/*';
    try {
      const response = await fetch(this.url(path, request.query), { headers, dispatcher, signal });
      if (!response.ok || !response.body) throw errorFromStatus(response.status, parseJson(await response.text()) as KubeStatus | undefined, describe);
      const decoder = new TextDecoder();
      let read = 0;
      for await (const chunk of response.body) {
        const bytes = chunk as Uint8Array;
        read += bytes.byteLength;
        request.onText(decoder.decode(bytes, { stream: true }));
        if (read >= request.maxBytes) break;
      }
    } catch (err) {
      if (signal?.aborted && !request.signal?.aborted) throw errorFromFailure(new DOMException('timed out', 'TimeoutError'), describe);
      if (request.signal?.aborted) return;
      throw errorFromFailure(err, describe);
    }
  }

  /** Streams one watch until the server ends it (resolves) or it fails (rejects; a watch ERROR event rejects too). */
  async watch(path: string, request: WatchRequest): Promise<void> {
    const describe = { ...request.describe, server: this.server };
    const local = new AbortController();
    const signal = AbortSignal.any([request.signal, local.signal]);
    let idleTimedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idleTimedOut = true;
        local.abort();
      }, request.idleTimeoutMs);
    };
    try {
      touch();
      const { headers, dispatcher } = await this.connection(describe);
      if (request.accept) headers.Accept = request.accept;
      const response = await fetch(this.url(path, { ...request.query, watch: true }), { headers, dispatcher, signal });
      if (response.status !== 200 || !response.body) {
        throw errorFromStatus(response.status, parseJson(await response.text()) as KubeStatus | undefined, describe);
      }
      request.onOpen?.();
      const decoder = new TextDecoder();
      let buffered = '';
      for await (const chunk of response.body) {
        touch();
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) this.dispatchWatchLine(line, describe, request.onEvent);
        }
      }
    } catch (err) {
      if (idleTimedOut && !request.signal.aborted) {
        throw errorFromFailure(new DOMException(`no data for ${request.idleTimeoutMs} ms`, 'TimeoutError'), describe);
      }
      throw errorFromFailure(err, describe);
    } finally {
      clearTimeout(timer);
      local.abort();
    }
  }

  dispose(): void {
    this.disposed = true;
    const all = [...this.retired.splice(0), this.dispatcher?.value];
    this.dispatcher = undefined;
    for (const d of all) void d?.close().catch(() => undefined);
  }

  private dispatchWatchLine(line: string, describe: RequestDescription, onEvent: (event: WatchEvent) => void): void {
    const event = parseJson(line) as WatchEvent | undefined;
    if (!event?.type) return;
    if (event.type === 'ERROR') {
      const status = event.object as unknown as KubeStatus;
      throw errorFromStatus(status?.code ?? 500, status, describe);
    }
    onEvent(event);
  }

  private url(path: string, query: Query = {}): URL {
    const url = new URL(this.server.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    return url;
  }

  /** Credentials for this request (plugins refresh them) and a pooled dispatcher for the TLS identity they imply. */
  private async connection(describe: RequestDescription): Promise<{ headers: Record<string, string>; dispatcher: Dispatcher | undefined }> {
    if (this.disposed) throw new DOMException('client disposed', 'AbortError');
    let options: CredentialOptions;
    try {
      options = await this.credentials.apply();
    } catch (err) {
      throw err instanceof KubeError ? err : authPluginError(err, this.kubeConfig.getCurrentUser()?.name);
    }
    const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers as Record<string, string>) };
    if (options.auth) headers.Authorization = `Basic ${Buffer.from(options.auth).toString('base64')}`;
    const tls = {
      ca: options.ca, cert: options.cert, key: options.key, pfx: options.pfx, passphrase: options.passphrase,
      rejectUnauthorized: options.rejectUnauthorized, servername: options.servername,
    };
    const cluster = this.kubeConfig.getCurrentCluster();
    let dispatcherOptions;
    try {
      dispatcherOptions = this.kubeConfig.createDispatcherOptions(cluster, tls as never);
    } catch (err) {
      throw errorFromFailure(err, describe);
    }
    const fingerprint = digest(dispatcherOptions);
    if (this.dispatcher?.fingerprint !== fingerprint) {
      if (this.dispatcher?.value) this.retired.push(this.dispatcher.value);
      this.dispatcher = { fingerprint, value: await this.createDispatcher(dispatcherOptions) };
    }
    return { headers, dispatcher: this.dispatcher.value };
  }

  private async createDispatcher(options: ReturnType<KubeConfig['createDispatcherOptions']>): Promise<Dispatcher | undefined> {
    switch (options.type) {
      case 'agent':
        return new Agent({ connect: options.connect });
      case 'proxy':
        return new ProxyAgent({ uri: options.uri, requestTls: options.requestTls, connect: options.connect });
      case 'socks': {
        const context = new RequestContext(this.server, HttpMethod.GET);
        await this.kubeConfig.applySecurityAuthentication(context);
        return context.getDispatcher() as Dispatcher | undefined;
      }
      default:
        return undefined;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function digest(value: unknown): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && v.type === 'Buffer' && Array.isArray(v.data)) return createHash('sha256').update(Buffer.from(v.data)).digest('hex');
    return v;
  }));
  return hash.digest('hex');
}
