import * as vscode from 'vscode';
import type { KubeError } from '../../infra/kube/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { InformerState } from '../../infra/kube/informer';
import { ExplorerChange, GroupKind } from '../../app/explorer/changes';
import { ClusterModel } from '../../app/explorer/clusterModel';
import { detailNodes } from '../../app/explorer/detailNodes';
import { ExplorerModel } from '../../app/explorer/explorerModel';
import {
  ContainerNode, ContextNode, ExplorerNode, GroupNode, IsvcNode, MessageNode, NamespaceNode, NodeCache, nodeIds, PodNode, PodsNode,
} from '../../app/explorer/nodes';
import { ServiceKind } from '../../core/kserve/serviceKinds';
import { treeItem } from './treeItems';

const FIRST_LIST_WAIT_MS = 20_000;
const COALESCE_MS = 5;

/**
 * model → TreeDataProvider → nodes. Changes are coalesced for a few milliseconds and fired for exactly the nodes they
 * concern; only a context switch or a cluster state change refreshes the whole tree.
 */
export class ExplorerTreeProvider extends Disposable implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = this._register(new Emitter<ExplorerNode | ExplorerNode[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new NodeCache();
  private pending: ExplorerChange[] = [];
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly model: ExplorerModel) {
    super();
    this._register(model.onDidChangeData((change) => this.schedule(change)));
    this._register({ dispose: () => clearTimeout(this.flushTimer) });
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return treeItem(node, this.clusterFor(node));
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    const cluster = this.model.cluster;
    if (!node) {
      void cluster?.connectOnce();
      if (!cluster || this.model.state.kind !== 'ready') return [];
      return [this.nodes.get<ContextNode>({ kind: 'context', id: nodeIds.context(cluster.contextName), context: cluster.contextName })];
    }
    if (!cluster || cluster.contextName !== node.context) return [];
    switch (node.kind) {
      case 'context': return this.contextChildren(node, cluster);
      case 'namespace': return this.namespaceChildren(node, cluster);
      case 'isvc': return this.isvcChildren(node, cluster);
      case 'pods': return this.podsChildren(node, cluster);
      case 'pod': return podChildren(node, cluster);
      case 'group': return this.groupChildren(node, cluster);
      case 'detail': return [...(node.children ?? [])];
      default: return [];
    }
  }

  /** The node of a service the tree has shown, for `reveal` and for tests. */
  findService(namespace: string, name: string, kind?: ServiceKind): IsvcNode | undefined {
    const context = this.model.cluster?.contextName;
    const node = context ? this.nodes.find(nodeIds.isvc(context, namespace, name, kind)) : undefined;
    return node?.kind === 'isvc' ? node : undefined;
  }

  findNamespace(namespace: string): NamespaceNode | undefined {
    const context = this.model.cluster?.contextName;
    const node = context ? this.nodes.find(nodeIds.namespace(context, namespace)) : undefined;
    return node?.kind === 'namespace' ? node : undefined;
  }

  private contextChildren(node: ContextNode, cluster: ClusterModel): ExplorerNode[] {
    const children: ExplorerNode[] = cluster.visibleNamespaces().map((namespace) =>
      this.nodes.get<NamespaceNode>({ kind: 'namespace', id: nodeIds.namespace(node.context, namespace), context: node.context, parent: node, namespace }));
    const listError = cluster.namespaceListError;
    const all = this.model.selection(node.context).all;
    const filtering = all && !this.model.showEmpty(node.context);
    const occupancy = cluster.occupancy.state;
    if (filtering && occupancy.kind === 'denied') {
      children.unshift(message(node, 'occupancy', 'Showing every namespace you can see: KServe objects cannot be listed across the cluster',
        'info', occupancy.error.message));
    } else if (filtering && occupancy.kind === 'known' && occupancy.namespaces.size === 0) {
      children.unshift(message(node, 'occupancy', 'No namespace holds KServe objects yet. Deploy a model, or show all namespaces from the view’s menu.', 'info'));
    }
    if (listError && all && occupancy.kind !== 'known') {
      children.unshift(message(node, 'namespaces', 'Cannot list namespaces: showing the context’s namespace. Use “Select Namespaces” to add others.',
        'warning', listError.message));
    }
    for (const group of ['clusterServingRuntimes', 'clusterStorageContainers'] as const) children.push(this.groupNode(node, group));
    this.nodes.prune(node.id, children);
    return children;
  }

  private async namespaceChildren(node: NamespaceNode, cluster: ClusterModel): Promise<ExplorerNode[]> {
    const state = await withDeadline(cluster.showNamespace(node.namespace), () => cluster.namespaceState(node.namespace));
    if (state.kind === 'failed') return [failedRow(node, state.error, 'Forbidden: you may not list InferenceServices here')];
    if (state.kind === 'loading') return [message(node, 'loading', 'Still loading… use Refresh to try again', 'info')];
    const children: ExplorerNode[] = cluster.services(node.namespace).map((isvc) => this.nodes.get<IsvcNode>({
      kind: 'isvc', id: nodeIds.isvc(node.context, node.namespace, isvc.name, isvc.kind), context: node.context, parent: node,
      serviceKind: isvc.kind, namespace: node.namespace, name: isvc.name,
    }));
    if (children.length === 0) children.push(message(node, 'empty', cluster.llmType ? 'No InferenceServices or LLMInferenceServices' : 'No InferenceServices', 'info'));
    const llmFailure = cluster.llmListFailure(node.namespace);
    // Many roles grant InferenceServices only: a refused LLMInferenceService list is a quiet note, other failures are errors.
    if (llmFailure?.kind === 'failed') {
      children.push(llmFailure.error.kind === 'forbidden'
        ? message(node, 'llm', 'LLMInferenceServices: not allowed to list them here', 'info', llmFailure.error.message)
        : failedRow(node, llmFailure.error, '', 'llm'));
    }
    // A namespace known to hold no ServingRuntimes gets no empty group.
    if (cluster.occupancy.holds('ServingRuntime', node.namespace) !== false) children.push(this.groupNode(node, 'servingRuntimes', node.namespace));
    this.nodes.prune(node.id, children);
    return children;
  }

  /** A service that is not Ready starts with its diagnosis, then its details and its Pods. */
  private async isvcChildren(node: IsvcNode, cluster: ClusterModel): Promise<ExplorerNode[]> {
    const isvc = cluster.service(node.namespace, node.name, node.serviceKind);
    if (!isvc) return [];
    const pods = this.nodes.get<PodsNode>({
      kind: 'pods', id: nodeIds.pods(node.context, node.namespace, node.name, node.serviceKind), context: node.context, parent: node,
      serviceKind: node.serviceKind, namespace: node.namespace, isvc: node.name,
    });
    const children: ExplorerNode[] = [...detailNodes(node, isvc), pods];
    if (isvc.status.phase === 'Ready' || isvc.status.phase === 'Stopped') return children;
    await withDeadline(cluster.pods.show('service', node.namespace, node.name, node.serviceKind),
      () => cluster.pods.state(node.namespace, node.name, node.serviceKind));
    const { diagnosis } = await cluster.insights.insight(isvc);
    if (!diagnosis) return children;
    return [{
      kind: 'diagnosis', id: `${node.id}/diagnosis`, context: node.context, parent: node, serviceKind: node.serviceKind,
      namespace: node.namespace, name: node.name, diagnosis,
    }, ...children];
  }

  private async podsChildren(node: PodsNode, cluster: ClusterModel): Promise<ExplorerNode[]> {
    const state = await withDeadline(cluster.pods.show('group', node.namespace, node.isvc, node.serviceKind),
      () => cluster.pods.state(node.namespace, node.isvc, node.serviceKind));
    if (state.kind === 'failed') return [failedRow(node, state.error, 'Forbidden: you may not list pods here')];
    const children: ExplorerNode[] = cluster.pods.of(node.namespace, node.isvc, node.serviceKind).map((pod) => this.nodes.get<PodNode>({
      kind: 'pod', id: nodeIds.pod(node.context, node.namespace, node.isvc, pod.name, node.serviceKind), context: node.context, parent: node,
      serviceKind: node.serviceKind, namespace: node.namespace, isvc: node.isvc, pod: pod.name,
    }));
    if (children.length === 0) children.push(message(node, 'empty', state.kind === 'loading' ? 'Still loading…' : 'No pods', 'info'));
    this.nodes.prune(node.id, children);
    return children;
  }

  private async groupChildren(node: GroupNode, cluster: ClusterModel): Promise<ExplorerNode[]> {
    const state = await withDeadline(cluster.showGroup(node.group, node.namespace), () => cluster.groupState(node.group, node.namespace));
    if (state.kind === 'failed') return [failedRow(node, state.error, 'Forbidden')];
    const children: ExplorerNode[] = cluster.groupItems(node.group, node.namespace).map((r) => this.nodes.get({
      kind: 'resource' as const, id: `${node.id}/res:${r.name}`, context: node.context, parent: node, group: node.group, name: r.name, namespace: node.namespace,
    }));
    if (children.length === 0) children.push(message(node, 'empty', 'None', 'info'));
    this.nodes.prune(node.id, children);
    return children;
  }

  private groupNode(parent: ContextNode | NamespaceNode, group: GroupKind, namespace?: string): GroupNode {
    return this.nodes.get<GroupNode>({ kind: 'group', id: nodeIds.group(parent.context, group, namespace), context: parent.context, parent, group, namespace });
  }

  private clusterFor(node: ExplorerNode): ClusterModel | undefined {
    const cluster = this.model.cluster;
    return cluster?.contextName === node.context ? cluster : undefined;
  }

  private schedule(change: ExplorerChange): void {
    this.pending.push(change);
    this.flushTimer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const changes = this.pending.splice(0);
    const context = this.model.cluster?.contextName;
    if (!context || changes.some((c) => c.kind === 'root')) {
      if (changes.some((c) => c.kind === 'root')) this.nodes.clear();
      this.changed.fire(undefined);
      return;
    }
    const ids = new Set<string>();
    for (const change of changes) {
      if (change.kind === 'context') ids.add(nodeIds.context(context));
      else if (change.kind === 'namespace') ids.add(nodeIds.namespace(context, change.namespace));
      else if (change.kind === 'isvc') ids.add(nodeIds.isvc(context, change.namespace, change.name, change.serviceKind));
      else if (change.kind === 'group') ids.add(nodeIds.group(context, change.group, change.namespace));
    }
    const covered = (id: string) => {
      for (let cut = id.lastIndexOf('/'); cut > 0; cut = id.lastIndexOf('/', cut - 1)) if (ids.has(id.slice(0, cut))) return true;
      return false;
    };
    const nodes = [...ids].filter((id) => !covered(id)).map((id) => this.nodes.find(id)).filter((n): n is NonNullable<typeof n> => !!n);
    if (nodes.length > 0) this.changed.fire(nodes);
  }
}

function message(parent: MessageNode['parent'], key: string, label: string, severity: MessageNode['severity'], tooltip?: string): MessageNode {
  return { kind: 'message', id: `${parent.id}/msg:${key}`, context: parent.context, parent, label, severity, ...(tooltip ? { tooltip } : {}) };
}

/** Waits for the first list, but not forever: a very slow list shows "Still loading" and refreshes when it lands. */
async function withDeadline(settled: Promise<InformerState>, current: () => InformerState): Promise<InformerState> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<InformerState>((resolve) => { timer = setTimeout(() => resolve(current()), FIRST_LIST_WAIT_MS); });
  try {
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Each container of a pod, init containers first, as `kubectl describe pod` lists them. */
function podChildren(node: PodNode, cluster: ClusterModel): ExplorerNode[] {
  const pod = cluster.pods.of(node.namespace, node.isvc, node.serviceKind).find((p) => p.name === node.pod);
  return (pod?.containers ?? []).map((c): ContainerNode => ({
    kind: 'container', id: `${node.id}/c:${c.name}`, context: node.context, parent: node, namespace: node.namespace, pod: node.pod, container: c.name,
  }));
}

/** The row under a node whose list failed; a 403 is a warning that says so in `forbidden`, anything else an error. */
function failedRow(parent: NamespaceNode | GroupNode | PodsNode, error: KubeError, forbidden: string, key = 'error'): ExplorerNode {
  const denied = error.kind === 'forbidden';
  return message(parent, key, denied ? forbidden : error.message, denied ? 'warning' : 'error', error.message);
}
