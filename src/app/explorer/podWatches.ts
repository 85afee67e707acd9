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
  readonly onChange: (namespace: string, isvc: string) => void;
}

const key = (namespace: string, isvc: string) => `${namespace}/${isvc}`;

/**
 * The pods of each InferenceService someone looks at, found by KServe's `serving.kserve.io/inferenceservice` label
 * and watched while held: by the tree while the service or its Pods group is expanded, by a command while it reads.
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
  show(holder: 'service' | 'group', namespace: string, isvc: string): Promise<InformerState> {
    return this.shown.hold(`${holder}:${key(namespace, isvc)}`, () => this.registry.acquire(key(namespace, isvc)));
  }

  hide(holder: 'service' | 'group', namespace: string, isvc: string): void {
    this.shown.drop(`${holder}:${key(namespace, isvc)}`);
  }

  hideAll(graceMs: number): void {
    this.shown.dropAll(graceMs);
  }

  /** A lease for anyone but the tree. */
  watch(namespace: string, isvc: string): Lease {
    return this.registry.acquire(key(namespace, isvc));
  }

  state(namespace: string, isvc: string): InformerState {
    return this.registry.state(key(namespace, isvc));
  }

  /** The watched pods of a service, by component then name; empty when nobody watches them. */
  of(namespace: string, isvc: string): PodSummary[] {
    return (this.registry.get(key(namespace, isvc))?.values() ?? [])
      .sort((a, b) => a.component.localeCompare(b.component) || a.name.localeCompare(b.name));
  }

  informers(): ResourceInformer<PodSummary>[] {
    return this.registry.informers();
  }

  relistAll(): void {
    this.registry.restartAll();
  }

  private informer(k: string): ResourceInformer<PodSummary> {
    const [namespace, isvc] = k.split('/');
    const informer = new ResourceInformer<PodSummary>({
      api: this.options.api, type: RESOURCES.pods, namespace, labelSelector: podSelector(isvc), project: summarizePod,
      logger: this.options.logger, pageSize: this.options.pageSize,
    });
    informer.onDidChange(() => this.fire(k));
    informer.onDidChangeState(() => this.fire(k));
    return informer;
  }

  private fire(k: string): void {
    const [namespace, isvc] = k.split('/');
    this.options.onChange(namespace, isvc);
  }
}
