import { translationTarget } from '../../core/explorer/summary';
import { ServiceKind } from '../../core/kserve/serviceKinds';
import * as vscode from 'vscode';
import { Disposable, Event } from '../../core/lifecycle';
import { Diagnosis } from '../../core/explorer/diagnosis';
import { InferenceServiceTarget } from '../../core/target';
import { Commands } from '../../platform/commands';
import { Services } from '../../platform/services';
import { ExplorerChange } from '../../app/explorer/changes';
import { ServiceDocuments } from './documents';
import { ViewCommand, viewCommands } from './viewCommands';
import { KubeconfigWatcher } from './kubeconfigWatcher';
import { LogDocuments } from './logDocuments';
import { PodCommand, podCommands } from './podCommands';
import { CONTEXT_KEY, ExplorerModel } from '../../app/explorer/explorerModel';
import { PortForwards } from '../../app/explorer/forwards';
import { discoverReach, Reach } from '../../app/explorer/reach';
import { ExplorerNode } from '../../app/explorer/nodes';
import { ExplorerHooks, ServiceCommand, serviceCommands } from './serviceCommands';
import { ExplorerSnapshot, stateMessage, takeSnapshot } from '../../app/explorer/snapshot';
import { ExplorerTreeProvider } from './treeProvider';

export type { ExplorerHooks } from './serviceCommands';
export type { ExplorerSnapshot, NamespaceSnapshot, ServiceSnapshot } from '../../app/explorer/snapshot';
export type { ExplorerNode } from '../../app/explorer/nodes';
export type { ExplorerChange } from '../../app/explorer/changes';

/** Workspace-state key of the context the user picked in the explorer; the session prefers it on startup. */
export const EXPLORER_CONTEXT_KEY = CONTEXT_KEY;

export interface ExplorerApi {
  /** The provider registered for the `kserve.explorer` view. */
  readonly treeDataProvider: vscode.TreeDataProvider<ExplorerNode>;
  readonly treeView: vscode.TreeView<ExplorerNode>;
  /** Fires after the model changed: a service, a namespace, or everything (`root`). */
  readonly onDidChangeData: Event<ExplorerChange>;
  snapshot(): ExplorerSnapshot;
  /** The tree node of a service that the tree has shown (for `reveal`). */
  findService(namespace: string, name: string): ExplorerNode | undefined;
  findNamespace(namespace: string): ExplorerNode | undefined;
  /** Services with a URL, from the watched namespaces and the context's own namespace, as translation targets. */
  inferenceServiceTargets(): Promise<InferenceServiceTarget[]>;
  /** Why the service is not Ready, when it is not. */
  diagnose(target: InferenceServiceTarget): Promise<Diagnosis | undefined>;
  /** How to reach the service with no ingress address set; undefined for a context the explorer is not on. */
  reach(target: InferenceServiceTarget): Promise<Reach | undefined>;
  /** A service of the current context as a translation target, read now; undefined when it does not exist. */
  findTarget(kind: ServiceKind, namespace: string, name: string): Promise<InferenceServiceTarget | undefined>;
}

const HIDDEN_RELEASE_MS = 120_000;
const REACH_MAX_AGE_MS = 30_000;

/** The KServe explorer view: the tree, its documents, and the commands on its items. */
export class ExplorerFeature extends Disposable implements ExplorerApi {
  readonly commands: Commands<ViewCommand | ServiceCommand | PodCommand>;
  readonly treeDataProvider: ExplorerTreeProvider;
  readonly treeView: vscode.TreeView<ExplorerNode>;
  /** Lent to guided deploy through the composition root. */
  readonly model: ExplorerModel;
  private readonly forwards: PortForwards;
  /** Routes found lately: discovery probes addresses, so a run of requests reuses what it found. */
  private readonly reaches = new Map<string, { at: number; reach: Reach }>();

  constructor(services: Services, hooks: ExplorerHooks = {}) {
    super();
    const { context, logger, config, kube } = services;
    this.model = this._register(new ExplorerModel({
      session: kube, logger, store: context.workspaceState, pageSize: () => config.explorer.pageSize,
    }));
    const model = this.model;
    this.forwards = this._register(new PortForwards(logger));
    // A route through a forward that stopped is no route: find a new one next time.
    this._register(this.forwards.onDidChange(() => this.reaches.clear()));
    this.treeDataProvider = this._register(new ExplorerTreeProvider(model));
    const treeView = this._register(vscode.window.createTreeView('kserve.explorer', { treeDataProvider: this.treeDataProvider, showCollapseAll: true }));
    this.treeView = treeView;
    this._register(new ServiceDocuments(model));
    this._register(new LogDocuments(model));
    this._register(new KubeconfigWatcher(kube, logger));

    const syncViewState = () => {
      const state = model.state;
      void vscode.commands.executeCommand('setContext', 'kserve.explorer.state', state.kind);
      const context = model.cluster?.contextName;
      void vscode.commands.executeCommand('setContext', 'kserve.explorer.showingEmptyNamespaces', context ? model.showEmpty(context) : false);
      treeView.message = state.kind === 'ready' || state.kind === 'connecting' ? undefined : stateMessage(state);
    };
    // The cluster is first read when the view is shown (or a command needs it), never just because a YAML file opened.
    this._register(model.onDidChangeData((change) => (change.kind === 'root' || change.kind === 'context') && syncViewState()));
    if (treeView.visible) syncViewState();

    this._register(treeView.onDidCollapseElement(({ element }) => {
      if (element.kind === 'namespace') model.cluster?.hideNamespace(element.namespace);
      if (element.kind === 'group') model.cluster?.hideGroup(element.group, element.namespace);
      if (element.kind === 'isvc') model.cluster?.pods.hide('service', element.namespace, element.name, element.serviceKind);
      if (element.kind === 'pods') model.cluster?.pods.hide('group', element.namespace, element.isvc, element.serviceKind);
    }));
    this._register(treeView.onDidChangeVisibility(({ visible }) => {
      if (visible) syncViewState();
      else model.cluster?.hideAll(HIDDEN_RELEASE_MS);
    }));
    this._register(config.onDidChange((e) => {
      if (e.affectsConfiguration('kserve.kubeconfig')) kube.reload();
    }));
    this.commands = {
      ...viewCommands(config, model),
      ...serviceCommands(logger, model, () => treeView.selection, hooks),
      ...podCommands(model, this.forwards),
    };
  }

  get onDidChangeData(): Event<ExplorerChange> {
    return this.model.onDidChangeData;
  }

  snapshot(): ExplorerSnapshot {
    return takeSnapshot(this.model);
  }

  findService(namespace: string, name: string): ExplorerNode | undefined {
    return this.treeDataProvider.findService(namespace, name);
  }

  findNamespace(namespace: string): ExplorerNode | undefined {
    return this.treeDataProvider.findNamespace(namespace);
  }

  inferenceServiceTargets(): Promise<InferenceServiceTarget[]> {
    return this.model.translationTargets();
  }

  async findTarget(kind: ServiceKind, namespace: string, name: string): Promise<InferenceServiceTarget | undefined> {
    const state = await this.model.connected();
    const cluster = this.model.cluster;
    if (!cluster || state.kind !== 'ready') return undefined;
    const service = (await cluster.readNamespace(namespace)).find((s) => s.kind === kind && s.name === name);
    return service ? translationTarget(cluster.contextName, service) : undefined;
  }

  diagnose(target: InferenceServiceTarget): Promise<Diagnosis | undefined> {
    return this.model.diagnose(target.context, target.namespace, target.name, target.kind);
  }

  async reach(target: InferenceServiceTarget): Promise<Reach | undefined> {
    await this.model.connected();
    const cluster = this.model.cluster;
    if (!cluster || cluster.contextName !== target.context || !target.url) return undefined;
    const key = `${target.context}/${target.namespace}/${target.name}/${target.url}`;
    const known = this.reaches.get(key);
    if (known && Date.now() - known.at < REACH_MAX_AGE_MS) return known.reach;
    const reach = await discoverReach(target, cluster, this.forwards);
    this.reaches.set(key, { at: Date.now(), reach });
    return reach;
  }
}
