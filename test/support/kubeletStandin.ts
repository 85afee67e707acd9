// Plays the kubelet of one Node on loopback, so that the real kube-apiserver's pod log and port-forward paths work
// with no kubelet: the API server finds it through the Node's status (InternalIP and kubeletEndpoint port) and calls
// its HTTPS API. Serves `containerLogs` (tail, previous, timestamps, limitBytes, follow) from logs the test writes,
// and `portForward` as a v4.channel.k8s.io websocket relayed to a local TCP port.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

interface ContainerLog {
  /** Lines of the running instance; `timestamps` prefixes them with when they were written. */
  current: { at: string; text: string }[];
  previous: { at: string; text: string }[];
  followers: Set<{ write: (line: { at: string; text: string }) => void }>;
}

export interface StandinRequest {
  readonly path: string;
  readonly query: URLSearchParams;
}

export class KubeletStandin {
  readonly requests: StandinRequest[] = [];
  private readonly logs = new Map<string, ContainerLog>();
  /** `namespace/pod` → the local port its forwarded ports go to. */
  private readonly forwards = new Map<string, number>();
  /** Open forwarded streams by `namespace/pod`, closed when the pod stops. */
  private readonly streams = new Map<string, Set<WebSocket>>();

  private constructor(private readonly server: https.Server, private readonly dir: string) {}

  static async start(): Promise<KubeletStandin> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelet-standin-'));
    const key = path.join(dir, 'kubelet.key');
    const cert = path.join(dir, 'kubelet.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) });
    const standin = new KubeletStandin(server, dir);
    server.on('request', (req, res) => standin.handle(req, res));
    const sockets = new WebSocketServer({ noServer: true, handleProtocols: (offered) => (offered.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false) });
    server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head, (ws) => standin.forward(req.url ?? '', ws)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standin;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The Node status that points the API server at this stand-in. */
  nodeStatus(): Record<string, unknown> {
    return {
      addresses: [{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'Hostname', address: 'standin' }],
      daemonEndpoints: { kubeletEndpoint: { Port: this.port } },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    };
  }

  /** Appends lines to a container's running instance, and to every follower. */
  write(namespace: string, pod: string, container: string, text: string): void {
    const log = this.log(namespace, pod, container);
    for (const line of text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)) {
      const entry = { at: new Date().toISOString(), text: line };
      log.current.push(entry);
      for (const follower of log.followers) follower.write(entry);
    }
  }

  /** The container restarted: what it wrote becomes the previous instance's log. */
  restart(namespace: string, pod: string, container: string): void {
    const log = this.log(namespace, pod, container);
    log.previous = log.current;
    log.current = [];
  }

  /** Sends the pod's forwarded connections to `port` on loopback. */
  forwardTo(namespace: string, pod: string, port: number): void {
    this.forwards.set(`${namespace}/${pod}`, port);
  }

  /** The pod stopped, as when it is deleted: its forwarded streams close and it forwards no more. */
  stopPod(namespace: string, pod: string): void {
    this.forwards.delete(`${namespace}/${pod}`);
    for (const ws of this.streams.get(`${namespace}/${pod}`) ?? []) ws.close();
    this.streams.delete(`${namespace}/${pod}`);
  }

  /** How many log requests are following now. */
  followers(namespace: string, pod: string, container: string): number {
    return this.log(namespace, pod, container).followers.size;
  }

  async stop(): Promise<void> {
    for (const log of this.logs.values()) log.followers.clear();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private log(namespace: string, pod: string, container: string): ContainerLog {
    const key = `${namespace}/${pod}/${container}`;
    let log = this.logs.get(key);
    if (!log) {
      log = { current: [], previous: [], followers: new Set() };
      this.logs.set(key, log);
    }
    return log;
  }

  private handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://standin');
    this.requests.push({ path: url.pathname, query: url.searchParams });
    const match = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404 page not found\n');
      return;
    }
    const log = this.log(match[1], match[2], match[3]);
    const q = url.searchParams;
    const previous = q.get('previous') === 'true';
    const timestamps = q.get('timestamps') === 'true';
    const format = (line: { at: string; text: string }) => `${timestamps ? `${line.at} ` : ''}${line.text}\n`;
    if (previous && log.previous.length === 0) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 400, reason: 'BadRequest',
        message: `previous terminated container "${match[3]}" in pod "${match[2]}" not found` }));
      return;
    }
    const lines = previous ? log.previous : log.current;
    const tail = q.get('tailLines');
    let text = (tail ? lines.slice(-Number(tail)) : lines).map(format).join('');
    const limit = q.get('limitBytes');
    if (limit) text = text.slice(0, Number(limit));
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    if (q.get('follow') !== 'true' || previous) {
      res.end(text);
      return;
    }
    res.write(text);
    const follower = { write: (line: { at: string; text: string }) => res.write(format(line)) };
    log.followers.add(follower);
    res.on('close', () => log.followers.delete(follower));
  }

  private forward(rawUrl: string, ws: WebSocket): void {
    const url = new URL(rawUrl, 'https://standin');
    this.requests.push({ path: url.pathname, query: url.searchParams });
    const match = /^\/portForward\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const port = Number(url.searchParams.get('port'));
    const upstream = match ? this.forwards.get(`${match[1]}/${match[2]}`) : undefined;
    const header = Buffer.from([port & 0xff, port >> 8]);
    ws.send(Buffer.concat([Buffer.from([0]), header]));
    ws.send(Buffer.concat([Buffer.from([1]), header]));
    if (!upstream) {
      ws.send(Buffer.concat([Buffer.from([1]), Buffer.from(`no forward for ${url.pathname}`)]));
      ws.close();
      return;
    }
    const key = `${match![1]}/${match![2]}`;
    if (!this.streams.has(key)) this.streams.set(key, new Set());
    this.streams.get(key)!.add(ws);
    ws.on('close', () => this.streams.get(key)?.delete(ws));
    const tcp = net.connect(upstream, '127.0.0.1');
    tcp.on('data', (data) => ws.send(Buffer.concat([Buffer.from([0]), data])));
    tcp.on('end', () => ws.close());
    tcp.on('error', () => ws.close());
    ws.on('message', (message: Buffer) => { if (message[0] === 0) tcp.write(message.subarray(1)); });
    ws.on('close', () => tcp.destroy());
  }
}
