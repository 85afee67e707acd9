import { ServiceKind } from '../../core/kserve/serviceKinds';
import { ALL_NAMESPACES, NamespaceSelection, parseSelection } from '../../core/explorer/namespaces';
import { Diagnosis } from '../../core/explorer/diagnosis';
import { translationTarget } from '../../core/explorer/summary';
import { Disposable, Emitter } from '../../core/lifecycle';
import { InferenceServiceTarget } from '../../core/target';
import { Logger } from '../../core/logger';
import { ClusterConnection, KubeSession, KubeconfigStatus } from '../../infra/kube/session';
import { ClusterState, ExplorerChange, GroupKind } from './changes';
import { ClusterModel } from './clusterModel';

/** The subset of vscode.Memento the model persists into (workspace state). */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** What a refresh covers: one namespace, one group, or (undefined) the whole view. */
export type RefreshScope =
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'group'; readonly group: GroupKind; readonly namespace?: string };

export type ExplorerState =
  | { readonly kind: 'noKubeconfig'; readonly searched: readonly string[] }
  | { readonly kind: 'invalidKubeconfig'; readonly message: string }
  | ClusterState;

export interface ExplorerModelOptions {
  readonly session: KubeSession;
  readonly logger: Logger;
  readonly store: StateStore;
  readonly pageSize: () => number;
  readonly releaseGraceMs?: number;
}

const SELECTION_KEY = 'kserve.explorer.namespaces';
const SHOW_EMPTY_KEY = 'kserve.explorer.showEmptyNamespaces';
export const CONTEXT_KEY = 'kserve.explorer.context';

/**
 * The explorer's data: the session's current context as a ClusterModel, the namespace selection per context
 * (persisted in workspace state), and one change event for the tree.
 */
export class ExplorerModel extends Disposable {
  private readonly changed = this._register(new Emitter<ExplorerChange>());
  readonly onDidChangeData = this.changed.event;
  private clusterModel: ClusterModel | undefined;
  /** Nothing is read, not even the kubeconfig, until someone asks for the cluster or the state. */
  private started = false;

  constructor(private readonly options: ExplorerModelOptions) {
    super();
    this._register(options.session.onDidChangeConnection((connection) => this.started && this.connectTo(connection)));
    this._register({ dispose: () => this.clusterModel?.dispose() });
  }

  get session(): KubeSession {
    return this.options.session;
  }

  get cluster(): ClusterModel | undefined {
    this.start();
    return this.clusterModel;
  }

  get state(): ExplorerState {
    this.start();
    const kubeconfig: KubeconfigStatus = this.options.session.kubeconfig;
    if (kubeconfig.kind === 'missing') return { kind: 'noKubeconfig', searched: kubeconfig.searched };
    if (kubeconfig.kind === 'invalid') return { kind: 'invalidKubeconfig', message: kubeconfig.message };
    return this.clusterModel?.state ?? { kind: 'connecting' };
  }

  selection(contextName: string): NamespaceSelection {
    const all = this.options.store.get<Record<string, unknown>>(SELECTION_KEY) ?? {};
    return parseSelection(all[contextName]) ?? ALL_NAMESPACES;
  }

  async setSelection(contextName: string, selection: NamespaceSelection): Promise<void> {
    const all = { ...(this.options.store.get<Record<string, unknown>>(SELECTION_KEY) ?? {}) };
    all[contextName] = selection;
    await this.options.store.update(SELECTION_KEY, all);
    if (this.clusterModel?.contextName === contextName) this.changed.fire({ kind: 'context' });
  }

  /** Whether the tree shows namespaces that hold no KServe objects, per context (off by default). */
  showEmpty(contextName: string): boolean {
    return (this.options.store.get<Record<string, unknown>>(SHOW_EMPTY_KEY) ?? {})[contextName] === true;
  }

  async setShowEmpty(contextName: string, show: boolean): Promise<void> {
    await this.options.store.update(SHOW_EMPTY_KEY, { ...(this.options.store.get<Record<string, unknown>>(SHOW_EMPTY_KEY) ?? {}), [contextName]: show });
    if (this.clusterModel?.contextName === contextName) this.changed.fire({ kind: 'context' });
  }

  /** Switches context and remembers it for this workspace. */
  async useContext(contextName: string): Promise<void> {
    this.options.session.useContext(contextName);
    await this.options.store.update(CONTEXT_KEY, contextName);
    await this.connected();
  }

  /** Connects the current context if nothing has yet, and resolves when that attempt is over. */
  async connected(): Promise<ExplorerState> {
    await this.cluster?.connectOnce();
    return this.state;
  }

  /**
   * What Refresh means everywhere: relist one namespace or group, or, for the whole view, relist everything watched
   * when connected, else read the kubeconfig again and reconnect. Resolves once the lists settled.
   */
  async refresh(scope?: RefreshScope): Promise<void> {
    const cluster = this.cluster;
    cluster?.insights.forget();
    if (cluster && scope?.kind === 'namespace') cluster.relistNamespace(scope.namespace);
    else if (cluster && scope?.kind === 'group') cluster.relistGroup(scope.group, scope.namespace);
    else if (cluster && this.state.kind === 'ready') cluster.relistAll();
    else this.options.session.reload();
    await this.connected();
    await this.clusterModel?.settled();
  }

  /** Services with a URL, from the watched namespaces and the context's own namespace, as translation targets. */
  async translationTargets(): Promise<InferenceServiceTarget[]> {
    const state = await this.connected();
    const cluster = this.clusterModel;
    if (!cluster || state.kind !== 'ready') return [];
    const own = await cluster.readNamespace(cluster.connection.namespace);
    const others = cluster.watchedNamespaces().filter((ns) => ns !== cluster.connection.namespace).flatMap((ns) => cluster.services(ns));
    return [...own, ...others].filter((isvc) => isvc.details.url).map((isvc) => translationTarget(cluster.contextName, isvc));
  }

  /** Why a service of the current context is not Ready, read now (undefined when it is Ready or unknown). */
  async diagnose(context: string, namespace: string, name: string, kind: ServiceKind = 'InferenceService'): Promise<Diagnosis | undefined> {
    const cluster = this.cluster;
    if (!cluster || cluster.contextName !== context) return undefined;
    const isvc = (await cluster.readNamespace(namespace)).find((s) => s.name === name && s.kind === kind);
    if (!isvc) return undefined;
    const lease = cluster.pods.watch(namespace, name, kind);
    try {
      await lease.whenSettled();
      return (await cluster.insights.insight(isvc)).diagnosis;
    } finally {
      lease.dispose();
    }
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.connectTo(this.options.session.current);
  }

  private connectTo(connection: ClusterConnection | undefined): void {
    this.clusterModel?.dispose();
    this.clusterModel = undefined;
    if (connection) {
      const contextName = connection.contextName;
      const cluster = new ClusterModel(this.options.session.api!, {
        logger: this.options.logger,
        pageSize: this.options.pageSize,
        selection: () => this.selection(contextName),
        showEmpty: () => this.showEmpty(contextName),
        releaseGraceMs: this.options.releaseGraceMs ?? 30_000,
      });
      cluster.onDidChange((change) => this.changed.fire(change));
      this.clusterModel = cluster;
    }
    this.changed.fire({ kind: 'root' });
  }
}
