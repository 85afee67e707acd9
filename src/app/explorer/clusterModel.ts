import { Backoff } from '../../core/explorer/backoff';
import { ALL_NAMESPACES, NamespaceSelection, visibleNamespaces } from '../../core/explorer/namespaces';
import { LLM_VERSIONS, ServiceKind } from '../../core/kserve/serviceKinds';
import { KubeObject, llmInferenceServices, ResourceType, RESOURCES } from '../../core/explorer/resources';
import {
  IsvcSummary, ResourceSummary, summarizeInferenceService, summarizeLlmInferenceService, unreadableService,
} from '../../core/explorer/summary';
import { CacheChange } from '../../core/explorer/watchCache';
import { isAbortError } from '../../core/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { KubeError } from '../../infra/kube/errors';
import { InformerState, ResourceInformer } from '../../infra/kube/informer';
import { KServeApi } from '../../infra/kube/kserveApi';
import { ClusterConnection } from '../../infra/kube/session';
import { ClusterState, ExplorerChange, GroupKind, groupKey } from './changes';
import { GroupWatches } from './groupWatches';
import { PodWatches } from './podWatches';
import { ServiceInsights } from './serviceInsights';
import { NamespaceOccupancy } from './occupancy';
import { ServiceWatches } from './serviceWatches';
import { HeldLeases, Lease } from './watchRegistry';

export interface ClusterModelOptions {
  readonly logger: Logger;
  readonly pageSize: () => number;
  readonly selection: () => NamespaceSelection;
  /** Show namespaces that hold no KServe objects too (the view's toggle). */
  readonly showEmpty: () => boolean;
  /** How long a collapsed namespace keeps its watch before it is dropped. */
  readonly releaseGraceMs: number;
}

/**
 * Everything the explorer knows about one cluster context: whether KServe is there, which namespaces exist, and one
 * informer per namespace or group that someone holds a lease on. The tree holds one per expanded node; commands
 * hold one while they read. Nothing is watched until someone asks for it.
 */
export class ClusterModel extends Disposable {
  private readonly changed = this._register(new Emitter<ExplorerChange>());
  readonly onDidChange = this.changed.event;
  private current: ClusterState = { kind: 'connecting' };
  private namespaceInformer: ResourceInformer<{ name: string; resourceVersion?: string }> | undefined;
  private readonly isvcs: ServiceWatches;
  private readonly groups: GroupWatches;
  /** The pods of the services someone looks at. */
  readonly pods: PodWatches;
  readonly insights: ServiceInsights;
  /** Which namespaces hold KServe objects, so that the others can be left out. */
  readonly occupancy: NamespaceOccupancy;
  private readonly connecting = new AbortController();
  private connectionAttempt: Promise<void> = Promise.resolve();
  /** A cluster that cannot be reached yet (not started, VPN down) is tried again, slower and slower. */
  private readonly retryBackoff = new Backoff({ initialMs: 2_000, maxMs: 30_000, factor: 2, jitter: 0.2 });
  private retryTimer: NodeJS.Timeout | undefined;
  private attempted = false;
  /** The tree's leases, by namespace or group key: one per expanded node. */
  private readonly shown = new HeldLeases();

  constructor(readonly api: KServeApi, private readonly options: ClusterModelOptions) {
    super();
    this.isvcs = this._register(new ServiceWatches({
      releaseGraceMs: options.releaseGraceMs,
      informer: (type, namespace, onChange, onState) => this.informer(type,
        type.kind === 'LLMInferenceService' ? summarizeLlmInferenceService : summarizeInferenceService,
        unreadableService(type.kind as ServiceKind), namespace, onChange, onState),
      onNamespace: (namespace) => this.changed.fire({ kind: 'namespace', namespace }),
      onService: (namespace, name, serviceKind) => this.changed.fire({ kind: 'isvc', namespace, name, serviceKind }),
    }));
    this.isvcs.serve('InferenceService', RESOURCES.inferenceServices);
    this.groups = this._register(new GroupWatches({
      api, logger: options.logger, pageSize: options.pageSize, releaseGraceMs: options.releaseGraceMs,
      onChange: (group, namespace) => this.changed.fire({ kind: 'group', group, ...(namespace ? { namespace } : {}) }),
    }));
    this.pods = this._register(new PodWatches({
      api, logger: options.logger, pageSize: options.pageSize, releaseGraceMs: options.releaseGraceMs,
      onChange: (namespace, name, serviceKind) => this.changed.fire({ kind: 'isvc', namespace, name, serviceKind }),
    }));
    this.insights = new ServiceInsights(api, this.pods, options.logger);
    this.occupancy = this._register(new NamespaceOccupancy(api, options.logger, options.pageSize));
    this.occupancy.onDidChange(() => this.changed.fire({ kind: 'context' }));
    this._register({ dispose: () => { this.connecting.abort(); clearTimeout(this.retryTimer); } });
  }

  get connection(): ClusterConnection {
    return this.api.connection;
  }

  get contextName(): string {
    return this.connection.contextName;
  }

  get state(): ClusterState {
    return this.current;
  }

  /** Connects on first use only: a window that never shows the explorer never talks to the cluster. */
  connectOnce(): Promise<void> {
    return this.attempted ? this.connectionAttempt : this.connect();
  }

  /** Checks reachability, credentials and KServe's CRDs, then lists namespaces. */
  connect(): Promise<void> {
    this.attempted = true;
    clearTimeout(this.retryTimer);
    this.connectionAttempt = this.attemptConnection();
    return this.connectionAttempt;
  }

  private async attemptConnection(): Promise<void> {
    // Background retries of an unreachable cluster keep saying so instead of flickering to "connecting".
    if (this.current.kind !== 'unreachable') this.setState({ kind: 'connecting' });
    try {
      const kserve = await this.api.discover(this.connecting.signal);
      if (!kserve.installed) {
        this.setState({ kind: 'noKServe', reason: kserve.reason });
        return;
      }
      await this.discoverLlmVersion();
      this.startNamespaceList();
      this.occupancy.watch([RESOURCES.inferenceServices, ...(this.llmType ? [this.llmType] : []), RESOURCES.servingRuntimes]);
      await Promise.all([this.namespaceInformer?.whenSettled(), this.occupancy.whenSettled()]);
      this.retryBackoff.reset();
      this.setState({ kind: 'ready' });
    } catch (err) {
      if (isAbortError(err) || this.isDisposed) return;
      const error = err instanceof KubeError ? err : new KubeError('server', String(err));
      const kind = error.kind === 'unreachable' || error.kind === 'timeout' ? 'unreachable'
        : error.kind === 'unauthorized' || error.kind === 'authPlugin' ? 'unauthorized' : 'error';
      this.options.logger.warn(`${this.contextName}: ${error.message}${error.detail ? ` (${error.detail})` : ''}`);
      this.setState({ kind, error });
      if (kind === 'unreachable') this.retryTimer = setTimeout(() => void this.connect(), this.retryBackoff.next());
      return;
    }
  }

  /** LLMInferenceServices are read at the newest version served; a cluster without them (KServe < 0.15) shows none. */
  private async discoverLlmVersion(): Promise<void> {
    if (this.isvcs.typeOf('LLMInferenceService')) return;
    const version = await this.api.servedVersion(RESOURCES.llmInferenceServices.plural, LLM_VERSIONS, this.connecting.signal);
    if (version) this.isvcs.serve('LLMInferenceService', llmInferenceServices(version));
  }

  /** The resource type LLMInferenceServices are read at here, once connected; undefined if the cluster has none. */
  get llmType(): ResourceType | undefined {
    return this.isvcs.typeOf('LLMInferenceService');
  }

  /** Where a service of `kind` is read, written and deleted. */
  serviceType(kind: ServiceKind): ResourceType {
    return this.isvcs.typeOf(kind) ?? (kind === 'LLMInferenceService' ? RESOURCES.llmInferenceServices : RESOURCES.inferenceServices);
  }

  /** Namespaces from the cluster, or undefined when the user may not list them (or they are still loading). */
  get listedNamespaces(): string[] | undefined {
    const informer = this.namespaceInformer;
    if (!informer || informer.state.kind === 'failed' || informer.state.kind === 'loading') return undefined;
    return informer.values().map((n) => n.name);
  }

  get namespaceListError(): KubeError | undefined {
    const state = this.namespaceInformer?.state;
    return state?.kind === 'failed' ? state.error : undefined;
  }

  visibleNamespaces(): string[] {
    const occupancy = this.occupancy.state;
    const occupied = !this.options.showEmpty() && occupancy.kind === 'known' ? occupancy.namespaces : undefined;
    return visibleNamespaces(this.options.selection() ?? ALL_NAMESPACES, this.listedNamespaces, this.connection.namespace, occupied);
  }

  /** A lease on the namespace's services for anyone but the tree. */
  watchNamespace(namespace: string): Lease {
    return this.isvcs.acquire(namespace);
  }

  /** The namespace's services once its list settled, watched for a grace period afterwards. */
  async readNamespace(namespace: string): Promise<IsvcSummary[]> {
    const lease = this.watchNamespace(namespace);
    try {
      await lease.whenSettled();
      return this.services(namespace);
    } finally {
      lease.dispose();
    }
  }

  /** The tree expanded the namespace: it holds a lease until `hideNamespace`. Resolves once its first list settled. */
  showNamespace(namespace: string): Promise<InformerState> {
    const settled = this.shown.hold(namespace, () => this.isvcs.acquire(namespace, (kind) => kind === 'InferenceService'));
    // LLMInferenceServices are watched only where the cluster-wide list says there are some (or cannot say).
    const llm = this.llmType && this.occupancy.holds(RESOURCES.llmInferenceServices.kind, namespace) !== false
      ? this.shown.hold(`llm:${namespace}`, () => this.isvcs.acquire(namespace, (kind) => kind === 'LLMInferenceService'))
      : undefined;
    return Promise.all([settled, llm]).then(([state]) => state);
  }

  hideNamespace(namespace: string): void {
    this.shown.drop(namespace);
    this.shown.drop(`llm:${namespace}`);
  }

  namespaceState(namespace: string): InformerState {
    return this.isvcs.state(namespace);
  }

  watchedNamespaces(): string[] {
    return this.isvcs.namespaces();
  }

  /** Why the namespace's LLMInferenceServices could not be listed, when its InferenceServices could. */
  llmListFailure(namespace: string): InformerState | undefined {
    return this.isvcs.failure(namespace, 'LLMInferenceService');
  }

  /** The services of a watched namespace, both kinds, by name; empty when it is not watched. */
  services(namespace: string): IsvcSummary[] {
    return this.isvcs.list(namespace);
  }

  service(namespace: string, name: string, kind: ServiceKind = 'InferenceService'): IsvcSummary | undefined {
    return this.isvcs.get(namespace, name, kind);
  }

  showGroup(group: GroupKind, namespace?: string): Promise<InformerState> {
    return this.shown.hold(`group:${groupKey(group, namespace)}`, () => this.groups.acquire(group, namespace));
  }

  hideGroup(group: GroupKind, namespace?: string): void {
    this.shown.drop(`group:${groupKey(group, namespace)}`);
  }

  groupState(group: GroupKind, namespace?: string): InformerState {
    return this.groups.state(group, namespace);
  }

  groupItems(group: GroupKind, namespace?: string): ResourceSummary[] {
    return this.groups.items(group, namespace);
  }

  /** True while any watch that feeds the tree is waiting to reconnect: its items are the last known state. */
  get reconnecting(): boolean {
    const states = [...this.isvcs.informers(), ...this.groups.informers(), ...this.pods.informers(), this.namespaceInformer].map((i) => i?.state.kind);
    return states.includes('reconnecting');
  }

  /** Relists everything that is watched. */
  relistAll(): void {
    this.namespaceInformer?.restart();
    this.occupancy.relist();
    this.isvcs.restartAll();
    this.groups.restartAll();
    this.pods.relistAll();
  }

  relistNamespace(namespace: string): void {
    this.isvcs.restart(namespace);
  }

  relistGroup(group: GroupKind, namespace?: string): void {
    this.groups.restart(group, namespace);
  }

  /** Resolves when the connection attempt and every watched list have settled (for progress and tests). */
  async settled(): Promise<void> {
    await this.connectionAttempt;
    await this.occupancy.whenSettled();
    const informers = [...this.isvcs.informers(), ...this.groups.informers(), ...this.pods.informers(), this.namespaceInformer];
    await Promise.all(informers.map((i) => i?.whenSettled()));
  }

  /** Releases every lease of the tree after `graceMs`, e.g. while the view is hidden. */
  hideAll(graceMs: number): void {
    this.shown.dropAll(graceMs);
    this.pods.hideAll(graceMs);
  }

  private startNamespaceList(): void {
    if (this.namespaceInformer) return;
    const fire = () => this.changed.fire({ kind: 'context' });
    const informer = this.informer<{ name: string; resourceVersion?: string }>(RESOURCES.namespaces,
      (o) => ({ name: o.metadata.name, resourceVersion: o.metadata.resourceVersion }), undefined, undefined,
      (changes) => changes.some((c) => c.kind !== 'modified') && fire(), fire);
    this.namespaceInformer = this._register(informer);
    informer.start();
  }

  private informer<V extends { resourceVersion?: string }>(
    type: ResourceType,
    project: (object: KubeObject) => V,
    unreadable: ((object: KubeObject, reason: string) => V) | undefined,
    namespace: string | undefined,
    onChange: (changes: readonly CacheChange<V>[]) => void,
    onState: () => void,
  ): ResourceInformer<V> {
    const informer = new ResourceInformer<V>({
      api: this.api, type, namespace, project, unreadable, logger: this.options.logger, pageSize: this.options.pageSize,
    });
    informer.onDidChange(onChange);
    informer.onDidChangeState(onState);
    return informer;
  }

  private setState(state: ClusterState): void {
    this.current = state;
    this.changed.fire({ kind: 'root' });
  }
}
