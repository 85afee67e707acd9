import net from 'node:net';
import { PortForward as KubePortForward } from '@kubernetes/client-node';
import { Disposable, Emitter } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import type { ClusterConnection } from './session';

/** Where forwarded connections go: a port of a pod, reached through the API server. */
export interface ForwardTarget {
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
}

export interface PortForwardOptions {
  readonly connection: ClusterConnection;
  readonly logger: Logger;
  /** Picks the pod for the next connection: called first, and again when the pod in use stops answering. */
  readonly choose: () => Promise<ForwardTarget>;
  /** Closes the listener after this long with no connection open (0: never). */
  readonly idleMs?: number;
}

/**
 * A local listener on 127.0.0.1 (never any other address) whose connections are relayed to a pod's port through the
 * API server's port-forward (client-node's websocket client). When the pod goes away, the next connection goes to
 * the pod `choose` names then.
 */
export class PortForward extends Disposable {
  private readonly server = net.createServer((socket) => void this.relay(socket));
  private readonly closed = this._register(new Emitter<string>());
  /** Fires once, with why, when the forward stopped (idle, disposed, or the listener failed). */
  readonly onDidClose = this.closed.event;
  private current: ForwardTarget | undefined;
  private open = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly forwarder: KubePortForward;

  private constructor(private readonly options: PortForwardOptions) {
    super();
    this.forwarder = new KubePortForward(options.connection.kubeConfig, true);
    this._register({ dispose: () => { clearTimeout(this.idleTimer); this.server.close(); this.closed.fire('stopped'); } });
  }

  /** Starts listening on a free loopback port once the first target is known. */
  static async start(options: PortForwardOptions): Promise<PortForward> {
    const forward = new PortForward(options);
    forward.current = await options.choose();
    await new Promise<void>((resolve, reject) => {
      forward.server.once('error', reject);
      forward.server.listen(0, '127.0.0.1', () => resolve());
    });
    forward.armIdle();
    return forward;
  }

  get localPort(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get target(): ForwardTarget | undefined {
    return this.current;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://127.0.0.1:${this.localPort}`;
  }

  private async relay(socket: net.Socket): Promise<void> {
    this.open++;
    clearTimeout(this.idleTimer);
    socket.once('close', () => { this.open--; this.armIdle(); });
    socket.on('error', () => socket.destroy());
    for (let attempt = 0; attempt < 2 && !socket.destroyed; attempt++) {
      try {
        const target = this.current ?? (this.current = await this.options.choose());
        const opened = await this.forwarder.portForward(target.namespace, target.pod, [target.port], socket, null, socket);
        // When the pod's stream ends (the pod went away), so does this connection: a client must not reuse it.
        const stream = typeof opened === 'function' ? opened() : opened;
        stream?.on('close', () => socket.destroy());
        return;
      } catch (err) {
        this.options.logger.warn(`Port-forward to ${this.current?.namespace}/${this.current?.pod}:${this.current?.port} failed: ${err instanceof Error ? err.message : String(err)}`);
        this.current = undefined;
      }
    }
    socket.destroy();
  }

  private armIdle(): void {
    const idleMs = this.options.idleMs ?? 0;
    if (!idleMs || this.open > 0 || this.isDisposed) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.options.logger.info(`Port-forward on 127.0.0.1:${this.localPort} closed after ${Math.round(idleMs / 1000)} s without use`);
      this.dispose();
    }, idleMs);
  }
}
