import { ServiceKind } from '../../core/kserve/serviceKinds';
import { podSelector, PodSummary, summarizePod } from '../../core/explorer/pods';
import { RESOURCES } from '../../core/explorer/resources';
import { Disposable } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { InformerState, ResourceInformer } from '../../infra/kube/informer';
import { KServeApi } from '../../infra/kube/kserveApi';
import { HeldLeases, Lease, WatchRegistry } from './watchRegistry';

export interface PodWatchOptions {
  readonly api: KServeApi;
  readonly logger: Logger;
  readonly pageSize: () => number;
  readonly releaseGraceMs: number;
  /** The pods of a service changed (or its watch state did). */
  readonly onChange: (namespace: string, isvc: string, kind: ServiceKind) => void;
}

const LLM_MARK = 'llm:';
const key = (namespace: string, isvc: string, kind: ServiceKind = 'InferenceService') =>
  `${namespace}/${kind === 'LLMInferenceService' ? LLM_MARK : ''}${isvc}`;

function parseKey(k: string): { namespace: string; isvc: string; kind: ServiceKind } {
  const [namespace, rest] = k.split('/');
  return rest.startsWith(LLM_MARK)
    ? { namespace, isvc: rest.slice(LLM_MARK.length), kind: 'LLMInferenceService' }
    : { namespace, isvc: rest, kind: 'InferenceService' };
}

/**
 * The pods of each service someone looks at, found by KServe's labels (`serving.kserve.io/inferenceservice`, or
 * `app.kubernetes.io/name` for an LLMInferenceService) and watched while held: by the tree while the service or its Pods group is expanded, by a command while it reads.
 */
export class PodWatches extends Disposable {
  private readonly registry: WatchRegistry<PodSummary>;
  /** The tree's leases: one per expanded service and one per expanded Pods group. */
  private readonly shown = new HeldLeases();

  constructor(private readonly options: PodWatchOptions) {
    super();
    this.registry = this._register(new WatchRegistry((k) => this.informer(k), options.releaseGraceMs, (k) => this.fire(k)));
  }

  /** The tree shows the pods of `isvc` under `holder` (the service node or its Pods group); resolves once listed. */
  show(holder: 'service' | 'group', namespace: string, isvc: string, kind?: ServiceKind): Promise<InformerState> {
    return this.shown.hold(`${holder}:${key(namespace, isvc, kind)}`, () => this.registry.acquire(key(namespace, isvc, kind)));
  }

  hide(holder: 'service' | 'group', namespace: string, isvc: string, kind?: ServiceKind): void {
    this.shown.drop(`${holder}:${key(namespace, isvc, kind)}`);
  }

  hideAll(graceMs: number): void {
    this.shown.dropAll(graceMs);
  }

  /** A lease for anyone but the tree. */
  watch(namespace: string, isvc: string, kind?: ServiceKind): Lease {
    return this.registry.acquire(key(namespace, isvc, kind));
  }

  state(namespace: string, isvc: string, kind?: ServiceKind): InformerState {
    return this.registry.state(key(namespace, isvc, kind));
  }

  /** The watched pods of a service, by component then name; empty when nobody watches them. */
  of(namespace: string, isvc: string, kind?: ServiceKind): PodSummary[] {
    return (this.registry.get(key(namespace, isvc, kind))?.values() ?? [])
      .sort((a, b) => a.component.localeCompare(b.component) || a.name.localeCompare(b.name));
  }

  informers(): ResourceInformer<PodSummary>[] {
    return this.registry.informers();
  }

  relistAll(): void {
    this.registry.restartAll();
  }

  private informer(k: string): ResourceInformer<PodSummary> {
    const { namespace, isvc, kind } = parseKey(k);
    const informer = new ResourceInformer<PodSummary>({
      api: this.options.api, type: RESOURCES.pods, namespace, labelSelector: podSelector(isvc, kind), project: summarizePod,
      logger: this.options.logger, pageSize: this.options.pageSize,
    });
    informer.onDidChange(() => this.fire(k));
    informer.onDidChangeState(() => this.fire(k));
    return informer;
  }

  private fire(k: string): void {
    const { namespace, isvc, kind } = parseKey(k);
    this.options.onChange(namespace, isvc, kind);
  }
}
