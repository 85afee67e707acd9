import { RESOURCES, ResourceType } from '../../core/explorer/resources';
import { ResourceSummary, summarizeResource, unreadableResource } from '../../core/explorer/summary';
import { Disposable } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { InformerState, ResourceInformer } from '../../infra/kube/informer';
import { KServeApi } from '../../infra/kube/kserveApi';
import { GroupKind, groupKey, parseGroupKey } from './changes';
import { Lease, WatchRegistry } from './watchRegistry';

const GROUP_TYPES: Record<GroupKind, ResourceType> = {
  servingRuntimes: RESOURCES.servingRuntimes,
  clusterServingRuntimes: RESOURCES.clusterServingRuntimes,
  clusterStorageContainers: RESOURCES.clusterStorageContainers,
};

export interface GroupWatchOptions {
  readonly api: KServeApi;
  readonly logger: Logger;
  readonly pageSize: () => number;
  readonly releaseGraceMs: number;
  /** A group's items or watch state changed. */
  readonly onChange: (group: GroupKind, namespace?: string) => void;
}

/** The runtimes and storage containers of each group someone looks at: one informer per group (and namespace). */
export class GroupWatches extends Disposable {
  private readonly registry: WatchRegistry<ResourceSummary>;

  constructor(private readonly options: GroupWatchOptions) {
    super();
    this.registry = this._register(new WatchRegistry((key) => this.informer(key), options.releaseGraceMs, (key) => this.fire(key)));
  }

  acquire(group: GroupKind, namespace?: string): Lease {
    return this.registry.acquire(groupKey(group, namespace));
  }

  state(group: GroupKind, namespace?: string): InformerState {
    return this.registry.state(groupKey(group, namespace));
  }

  /** By name; empty when nobody watches the group. */
  items(group: GroupKind, namespace?: string): ResourceSummary[] {
    return (this.registry.get(groupKey(group, namespace))?.values() ?? []).sort((a, b) => a.name.localeCompare(b.name));
  }

  informers(): ResourceInformer<ResourceSummary>[] {
    return this.registry.informers();
  }

  restart(group: GroupKind, namespace?: string): void {
    this.registry.get(groupKey(group, namespace))?.restart();
  }

  restartAll(): void {
    this.registry.restartAll();
  }

  private informer(key: string): ResourceInformer<ResourceSummary> {
    const { group, namespace } = parseGroupKey(key);
    const informer = new ResourceInformer<ResourceSummary>({
      api: this.options.api, type: GROUP_TYPES[group], namespace, project: summarizeResource, unreadable: unreadableResource,
      logger: this.options.logger, pageSize: this.options.pageSize,
    });
    informer.onDidChange(() => this.fire(key));
    informer.onDidChangeState(() => this.fire(key));
    return informer;
  }

  private fire(key: string): void {
    const { group, namespace } = parseGroupKey(key);
    this.options.onChange(group, namespace);
  }
}
