import { ServiceKind } from '../../core/kserve/serviceKinds';
import { Disposable, Emitter } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { ForwardTarget, PortForward } from '../../infra/kube/portForward';
import { ClusterModel } from './clusterModel';

/** KServe's model servers listen here in the pod. */
export const MODEL_SERVER_PORT = 8080;
/** vLLM's port in an LLMInferenceService's workload pods (KServe's presets fix it). */
export const LLM_SERVER_PORT = 8000;

export function servingPort(kind: ServiceKind | undefined): number {
  return kind === 'LLMInferenceService' ? LLM_SERVER_PORT : MODEL_SERVER_PORT;
}
const IDLE_MS = 15 * 60_000;

export interface ForwardInfo {
  readonly key: string;
  readonly url: string;
  readonly target: ForwardTarget;
  readonly context: string;
}

/**
 * The port-forwards this window runs, one per pod and port: started on first use, on loopback only, stopped on
 * command, after 15 idle minutes, or with the window.
 */
export class PortForwards extends Disposable {
  private readonly forwards = new Map<string, { forward: PortForward; context: string }>();
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly logger: Logger) {
    super();
    this._register({ dispose: () => { for (const { forward } of this.forwards.values()) forward.dispose(); this.forwards.clear(); } });
  }

  list(): ForwardInfo[] {
    return [...this.forwards.entries()].map(([key, { forward, context }]) => ({ key, url: forward.url, target: forward.target!, context }));
  }

  /** Forwards to `port` of `pod`, or returns the forward already running there. */
  toPod(cluster: ClusterModel, namespace: string, pod: string, port = MODEL_SERVER_PORT): Promise<ForwardInfo> {
    return this.start(cluster, `${namespace}/${pod}:${port}`, async () => ({ namespace, pod, port }));
  }

  /**
   * Forwards to whichever pod `choose` names: asked first, and again when that pod stops answering, so a forward to
   * a Service's pods moves on to another ready pod when its pod goes away. `name` identifies it (one per name).
   */
  async start(cluster: ClusterModel, name: string, choose: () => Promise<ForwardTarget>): Promise<ForwardInfo> {
    const key = `${cluster.contextName}/${name}`;
    const running = this.forwards.get(key);
    if (running) return { key, url: running.forward.url, target: running.forward.target!, context: running.context };
    const forward = await PortForward.start({ connection: cluster.connection, logger: this.logger, idleMs: IDLE_MS, choose });
    this.forwards.set(key, { forward, context: cluster.contextName });
    forward.onDidClose(() => { this.forwards.delete(key); this.changed.fire(); });
    const target = forward.target!;
    this.logger.info(`Port-forward 127.0.0.1:${forward.localPort} → ${target.namespace}/${target.pod}:${target.port} (${name}, context ${cluster.contextName})`);
    this.changed.fire();
    return { key, url: forward.url, target, context: cluster.contextName };
  }

  stop(key: string): boolean {
    const running = this.forwards.get(key);
    running?.forward.dispose();
    return running !== undefined;
  }
}
