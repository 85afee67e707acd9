// A small HTTP server speaking the list/watch protocol of the Kubernetes API, for informer unit tests. Tests script
// it: the objects per path, forbidden paths, and watch events pushed to the open watch streams.
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { KServeApi } from '../../../src/infra/kube/kserveApi';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
}

interface Collection {
  objects: Record<string, unknown>[];
  resourceVersion: number;
}

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly collections = new Map<string, Collection>();
  private readonly watches = new Set<{ path: string; res: http.ServerResponse }>();
  private readonly forbidden = new Set<string>();
  private readonly documents = new Map<string, unknown>();
  /** Continue tokens are refused with 410 while set (an expired continue). */
  expireContinueTokens = false;
  /** Every watch is answered with a 410 Gone event at once, as from a server whose watch cache is too small. */
  goneOnEveryWatch = false;
  private server!: http.Server;
  private port = 0;

  static async start(): Promise<FakeApiServer> {
    const fake = new FakeApiServer();
    fake.server = http.createServer((req, res) => fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  kubeConfig(): KubeConfig {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'u', token: 'secret-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'u', namespace: 'team-a' }],
      currentContext: 'fake',
    });
    return config;
  }

  /** A KServeApi on the fake server's context (`fake`, namespace `team-a`). */
  api(): KServeApi {
    return new KServeApi({ contextName: 'fake', namespace: 'team-a', kubeConfig: this.kubeConfig() });
  }

  set(path: string, objects: Record<string, unknown>[], resourceVersion: number): void {
    this.collections.set(path, { objects, resourceVersion });
  }

  /** Answers GET `path` with `body` as it is (discovery documents and other non-list reads). */
  setDocument(path: string, body: unknown): void {
    this.documents.set(path, body);
  }

  forbid(path: string): void {
    this.forbidden.add(path);
  }

  allow(path: string): void {
    this.forbidden.delete(path);
  }

  openWatches(path: string): number {
    return [...this.watches].filter((w) => w.path === path).length;
  }

  /** Writes one watch event line to every open watch on `path`. */
  push(path: string, type: string, object: unknown): void {
    for (const watch of this.watches) if (watch.path === path) watch.res.write(`${JSON.stringify({ type, object })}\n`);
  }

  /** Ends every open watch (as an API server restart does). */
  dropWatches(): void {
    for (const watch of this.watches) watch.res.destroy();
    this.watches.clear();
  }

  /** Stops listening (connections are refused) until `resume()`, like an API server restart. */
  async pause(): Promise<void> {
    this.port = Number(new URL(this.url).port);
    await this.stop();
  }

  async resume(): Promise<void> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.dropWatches();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams });
    const status = (code: number, reason: string, message: string) => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message }));
    };
    if (req.headers.authorization !== 'Bearer secret-token') return status(401, 'Unauthorized', 'Unauthorized');
    if (this.forbidden.has(url.pathname)) {
      return status(403, 'Forbidden', `inferenceservices.serving.kserve.io is forbidden: User "limited" cannot list resource at ${url.pathname}`);
    }
    if (this.documents.has(url.pathname)) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(this.documents.get(url.pathname)));
      return;
    }
    const collection = this.collections.get(url.pathname);
    if (!collection) return status(404, 'NotFound', 'the server could not find the requested resource');
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      if (this.goneOnEveryWatch) {
        const gone = { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' };
        res.end(`${JSON.stringify({ type: 'ERROR', object: gone })}\n`);
        return;
      }
      const watch = { path: url.pathname, res };
      this.watches.add(watch);
      res.on('close', () => this.watches.delete(watch));
      return;
    }
    const limit = Number(url.searchParams.get('limit') ?? collection.objects.length) || collection.objects.length;
    const token = url.searchParams.get('continue');
    if (token && this.expireContinueTokens) return status(410, 'Expired', 'The provided continue parameter is too old');
    const start = token ? Number(token) : 0;
    const items = collection.objects.slice(start, start + limit);
    const more = start + limit < collection.objects.length;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({
      kind: 'List', metadata: { resourceVersion: String(collection.resourceVersion), ...(more ? { continue: String(start + limit) } : {}) }, items,
    }));
  }
}

export function isvcObject(name: string, resourceVersion: number, ready = 'True', namespace = 'team-a'): Record<string, unknown> {
  return {
    apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
    metadata: { name, namespace, resourceVersion: String(resourceVersion), uid: `uid-${name}` },
    spec: { predictor: { model: { modelFormat: { name: 'huggingface' } } } },
    status: { conditions: [{ type: 'Ready', status: ready }] },
  };
}
