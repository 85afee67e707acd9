import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { routesOf } from '../../src/core/kserve/openaiRoutes';
import type { AddressInfo, Socket } from 'node:net';
import { validateChatBody } from './chatRequest';
import { handleGeneration, type GenerationSettings, type ModelStatus } from './generationHandler';
import { GenerationSlots } from './generationSlots';
import { sendEmpty, sendJson, sendText } from './httpReplies';
import { CHAT_FORMAT, COMPLETIONS_FORMAT, type ApiFormat } from './payloads';
import { validateCompletionBody } from './requestValidation';
import { matchRoute, modelRoutes, type Route, type RouteCall, vllmRoutes } from './routes';
import { RequestLog } from './requestLog';
import { parseScenario, ScenarioState } from './scenarios';
import type {
  ChunkWrittenListener,
  ModelSpec,
  RecordedRequest,
  Scenario,
  ScenarioKind,
  Simulator,
  SimulatorOptions,
} from './types';

const CONTROL_PREFIX = '/__simulator/';

/** Accepts a Host header value, a bare host name or a URL such as an InferenceService's status.url. */
function hostnameOf(hostHeader: string): string {
  if (hostHeader.includes('://')) return new URL(hostHeader).hostname.toLowerCase();
  const withoutPort = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
  return withoutPort.trim().toLowerCase();
}

function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  return match?.[1].trim();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parsedOrRaw(rawBody: string): unknown {
  if (rawBody === '') return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

class KServeSimulator implements Simulator {
  url = '';
  port = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly closing = new AbortController();
  private readonly scenarios = new ScenarioState();
  private readonly log = new RequestLog();
  private readonly chunkListeners = new Set<ChunkWrittenListener>();
  private readonly models: Map<string, ModelSpec>;
  private readonly settings: GenerationSettings;
  private readonly routes: Route[];
  private readonly workers: GenerationSlots;
  private idCounter = 0;
  private closed: Promise<void> | undefined;

  constructor(private readonly options: SimulatorOptions) {
    this.models = new Map((options.models ?? [{ name: 't5', ready: true }]).map((model) => [model.name, { ...model }]));
    const api = options.api ?? 'kserve';
    this.settings = {
      backend: options.backend ?? (api === 'vllm' ? 'vllm' : 'huggingface'),
      api,
      legacySpecialTokens: options.legacySpecialTokens ?? false,
      chunkDelayMs: options.chunkDelayMs ?? 0,
      firstTokenMs: options.firstTokenMs ?? 0,
      requestLatencyMs: options.requestLatencyMs ?? 0,
    };
    this.workers = new GenerationSlots(options.capacity ?? (this.settings.backend === 'huggingface' ? 1 : Infinity));
    const registry = {
      models: () => [...this.models.values()],
      status: (name: string) => this.modelStatus(name),
      startedAt: Math.floor(Date.now() / 1000),
    };
    const routes = routesOf(api);
    this.routes = [
      { method: 'POST', pattern: new RegExp(`^${routes.completions}$`), action: (call) => this.generate(call, COMPLETIONS_FORMAT) },
      { method: 'POST', pattern: new RegExp(`^${routes.chatCompletions}$`), action: (call) => this.generate(call, CHAT_FORMAT) },
      ...(api === 'vllm' ? vllmRoutes(registry) : modelRoutes(registry)),
    ];
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
  }

  get requests(): readonly RecordedRequest[] {
    return this.log.entries;
  }

  get scenario(): Scenario {
    return this.scenarios.scenario;
  }

  setScenario(scenario: Scenario | ScenarioKind): void {
    this.scenarios.set(scenario);
  }

  setModelReady(name: string, ready: boolean): void {
    this.models.set(name, { name, ready });
  }

  clearRequests(): void {
    this.log.clear();
  }

  waitForRequests(count: number, timeoutMs: number): Promise<readonly RecordedRequest[]> {
    return this.log.waitFor(count, timeoutMs);
  }

  onChunkWritten(listener: ChunkWrittenListener): () => void {
    this.chunkListeners.add(listener);
    return () => this.chunkListeners.delete(listener);
  }

  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.closing.abort();
      this.log.cancelWaits('simulator closed');
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
    return this.closed;
  }

  private modelStatus(name: string): ModelStatus {
    const model = this.models.get(name);
    return model === undefined ? 'unknown' : model.ready ? 'ready' : 'notReady';
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const clientGone = new AbortController();
    res.on('close', () => clientGone.abort());
    const signal = AbortSignal.any([this.closing.signal, clientGone.signal]);
    try {
      const rawBody = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://simulator').pathname;
      if (path.startsWith(CONTROL_PREFIX)) {
        this.control(req.method ?? 'GET', path, rawBody, res);
        return;
      }
      const recorded = this.log.record(req, path, rawBody, parsedOrRaw(rawBody));
      if (this.refusedAtTheEdge(req, res)) return;
      const routed = this.routedPath(path);
      if (routed === undefined) return sendEmpty(res, 404, { server: 'istio-envoy' });
      const matched = matchRoute(this.routes, req.method ?? 'GET', routed);
      if (matched === undefined) return sendJson(res, 404, { detail: 'Not Found' });
      if (matched === 'wrongMethod') return sendJson(res, 405, { detail: 'Method Not Allowed' });
      await matched.route.action({ res, name: matched.name, rawBody, body: recorded.body, signal, requestIndex: recorded.index });
    } catch (error) {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: `simulator failure: ${String(error)}` });
    }
  }

  /** The path the model server sees: without the gateway's path prefix, or undefined when the prefix is missing. */
  private routedPath(path: string): string | undefined {
    const prefix = this.options.pathPrefix?.replace(/\/+$/, '');
    if (!prefix) return path;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return undefined;
    return path.slice(prefix.length) || '/';
  }

  /** What an Istio ingress (unknown Host) or an auth proxy (bearer token) answers before the model sees anything. */
  private refusedAtTheEdge(req: IncomingMessage, res: ServerResponse): boolean {
    const { requireHost, requireBearer } = this.options;
    if (requireHost !== undefined && hostnameOf(req.headers.host ?? '') !== hostnameOf(requireHost)) {
      sendEmpty(res, 404, { server: 'istio-envoy' });
      return true;
    }
    if (requireBearer !== undefined) {
      const token = bearerTokenOf(req.headers.authorization);
      if (token === undefined) {
        sendText(res, 401, 'Jwt is missing', 'text/plain');
        return true;
      }
      if (token !== requireBearer) {
        sendText(res, 403, this.options.echoRefusedToken ? `RBAC: access denied for token ${token}` : 'RBAC: access denied', 'text/plain');
        return true;
      }
    }
    return false;
  }

  private generate(call: RouteCall, format: ApiFormat): Promise<void> {
    return handleGeneration({
      ...call,
      format,
      validate: format === CHAT_FORMAT ? validateChatBody : validateCompletionBody,
      scenario: this.scenarios.take(),
      settings: this.settings,
      defaultModelName: this.models.keys().next().value ?? 't5',
      modelStatus: (name) => this.modelStatus(name),
      workers: this.workers,
      nextId: (prefix) => `${prefix}${String(++this.idCounter).padStart(6, '0')}`,
      chunkWritten: (seq, text) => {
        const writtenAt = process.hrtime.bigint();
        for (const listener of this.chunkListeners) listener(seq, writtenAt, { requestIndex: call.requestIndex, text });
      },
    });
  }

  /** The simulator's own routes; exempt from Host/bearer checks and not logged. */
  private control(method: string, path: string, rawBody: string, res: ServerResponse): void {
    const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
    if (route === 'GET scenario') return sendJson(res, 200, this.scenario);
    if (route === 'POST scenario') {
      const scenario = parseScenario(parsedOrRaw(rawBody));
      if (typeof scenario === 'string') return sendJson(res, 400, { error: scenario });
      this.setScenario(scenario);
      return sendJson(res, 200, this.scenario);
    }
    if (route === 'GET requests') return sendJson(res, 200, this.requests);
    if (route === 'DELETE requests') {
      this.clearRequests();
      return sendEmpty(res, 204);
    }
    if (route === 'POST models') {
      const model = parsedOrRaw(rawBody) as Partial<ModelSpec> | undefined;
      if (typeof model?.name !== 'string' || typeof model.ready !== 'boolean') {
        return sendJson(res, 400, { error: 'expected {"name": string, "ready": boolean}' });
      }
      this.setModelReady(model.name, model.ready);
      return sendJson(res, 200, [...this.models.values()]);
    }
    sendJson(res, 404, { error: `unknown simulator control route ${route}` });
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const simulator = new KServeSimulator(options);
  await simulator.listen();
  return simulator;
}
