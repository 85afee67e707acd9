import * as vscode from 'vscode';
import { statusLabel } from '../../core/explorer/status';
import { IsvcSummary, ResourceSummary } from '../../core/explorer/summary';
import { InformerState } from '../../infra/kube/informer';
import { GroupKind } from '../../app/explorer/changes';
import { ClusterModel } from '../../app/explorer/clusterModel';
import { DetailIcon, DetailNode, ExplorerNode, IsvcNode, MessageNode, NamespaceNode } from '../../app/explorer/nodes';
import { statusIcon } from '../../app/explorer/statusIcons';
import { containerItem, diagnosisItem, podItem, podsItem } from './podItems';

const GROUP_LABELS: Record<GroupKind, string> = {
  servingRuntimes: 'ServingRuntimes',
  clusterServingRuntimes: 'ClusterServingRuntimes',
  clusterStorageContainers: 'ClusterStorageContainers',
};

/** Builds the TreeItem for a node from the model's current data; called by VS Code for every refreshed node. */
export function treeItem(node: ExplorerNode, cluster: ClusterModel | undefined): vscode.TreeItem {
  switch (node.kind) {
    case 'context': {
      const item = new vscode.TreeItem(node.context, vscode.TreeItemCollapsibleState.Expanded);
      const reconnecting = cluster?.reconnecting ?? false;
      item.iconPath = new vscode.ThemeIcon(reconnecting ? 'sync~spin' : 'server-environment');
      item.description = [cluster?.connection.kubeConfig.getCurrentCluster()?.server, reconnecting ? 'reconnecting…' : undefined]
        .filter(Boolean).join(' · ');
      item.tooltip = reconnecting
        ? 'The connection to the API server dropped. Items show their last known state until the watch resumes.'
        : `Kubernetes context ${node.context}`;
      item.contextValue = 'kserve.context';
      return withId(item, node);
    }
    case 'namespace':
      return namespaceItem(node, cluster);
    case 'isvc':
      return isvcItem(node, cluster);
    case 'group': {
      const item = new vscode.TreeItem(GROUP_LABELS[node.group], vscode.TreeItemCollapsibleState.Collapsed);
      const state = cluster?.groupState(node.group, node.namespace);
      item.iconPath = new vscode.ThemeIcon(stateIcon(state) ?? (node.group === 'clusterStorageContainers' ? 'database' : 'server-process'));
      const count = state && (state.kind === 'synced' || state.kind === 'reconnecting') ? cluster?.groupItems(node.group, node.namespace).length : undefined;
      item.description = describeState(state) ?? (count !== undefined ? String(count) : undefined);
      item.contextValue = 'kserve.group';
      return withId(item, node);
    }
    case 'resource': {
      const resource = cluster?.groupItems(node.group, node.namespace).find((r) => r.name === node.name);
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(resource?.disabled ? 'circle-slash' : node.group === 'clusterStorageContainers' ? 'database' : 'server-process');
      item.description = resource ? resourceDescription(resource) : undefined;
      item.tooltip = resource ? resourceTooltip(resource) : undefined;
      item.contextValue = 'kserve.resource';
      return withId(item, node);
    }
    case 'detail':
      return detailItem(node);
    case 'message':
      return messageItem(node);
    case 'diagnosis':
      return diagnosisItem(node);
    case 'pods':
      return podsItem(node, cluster);
    case 'pod':
      return podItem(node, cluster);
    case 'container':
      return containerItem(node, cluster);
  }
}

function namespaceItem(node: NamespaceNode, cluster: ClusterModel | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(node.namespace, vscode.TreeItemCollapsibleState.Collapsed);
  const state = cluster?.namespaceState(node.namespace);
  const failed = state?.kind === 'failed';
  item.iconPath = new vscode.ThemeIcon(failed ? (state.error.kind === 'forbidden' ? 'lock' : 'error') : stateIcon(state) ?? 'symbol-namespace');
  if (state?.kind === 'synced' || state?.kind === 'reconnecting') {
    // Only the count: it changes with adds and deletes, which refresh this node anyway; a status change refreshes one row.
    const count = cluster?.services(node.namespace).length ?? 0;
    item.description = [`${count} service${count === 1 ? '' : 's'}`, describeState(state)].filter(Boolean).join(' · ');
  } else {
    item.description = describeState(state);
  }
  if (failed) item.tooltip = state.error.message;
  item.contextValue = failed ? 'kserve.namespace.failed' : 'kserve.namespace';
  return withId(item, node);
}

function isvcItem(node: IsvcNode, cluster: ClusterModel | undefined): vscode.TreeItem {
  const isvc = cluster?.service(node.namespace, node.name, node.serviceKind);
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed);
  if (!isvc) {
    item.description = 'gone';
    return withId(item, node);
  }
  const stale = cluster?.namespaceState(node.namespace).kind === 'reconnecting';
  item.iconPath = isvc.deleting ? new vscode.ThemeIcon('trash') : themeIcon(statusIcon(isvc.status));
  item.description = [isvc.kind === 'LLMInferenceService' ? 'LLM' : undefined, isvc.deleting ? 'Deleting' : statusLabel(isvc.status),
    isvc.details.llm?.topology, stale ? 'last known, reconnecting…' : undefined].filter(Boolean).join(' · ');
  item.tooltip = isvcTooltip(isvc, node.context, stale);
  const diagnosis = cluster?.insights.lastDiagnosis(node.namespace, node.name, node.serviceKind);
  if (diagnosis) item.tooltip.appendMarkdown('$(error) **').appendText(diagnosis.summary).appendMarkdown('**  \n').appendText(diagnosis.detail);
  item.contextValue = isvc.details.url ? 'kserve.isvc.withUrl' : 'kserve.isvc';
  item.accessibilityInformation = { label: `${isvc.name}, ${item.description}` };
  return withId(item, node);
}

export function isvcTooltip(isvc: IsvcSummary, context: string, stale: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.appendMarkdown(`$(${statusIcon(isvc.status).id.replace('~spin', '')}) **`).appendText(isvc.name).appendMarkdown('** · ')
    .appendText(statusLabel(isvc.status)).appendMarkdown('\n\n');
  md.appendText(`${isvc.kind} · namespace ${isvc.namespace} · context ${context}`).appendMarkdown('\n\n');
  if (stale) md.appendMarkdown('_Last known state: the watch is reconnecting._\n\n');
  const failing = isvc.status.failingCondition;
  if (failing) {
    md.appendMarkdown('**').appendText(failing.type).appendMarkdown('** ').appendText(`${failing.status}`);
    if (failing.reason) md.appendMarkdown(' — ').appendText(failing.reason);
    md.appendMarkdown('\n\n');
  }
  if (isvc.status.message) md.appendMarkdown('> ').appendText(isvc.status.message.replace(/\s+/g, ' ')).appendMarkdown('\n\n');
  if (isvc.status.warning) md.appendMarkdown('$(warning) ').appendText(isvc.status.warning).appendMarkdown('\n\n');
  const d = isvc.details;
  const facts: [string, string | undefined][] = [
    ['URL', d.url], ['Model', d.modelId ?? d.storageUri], ['Format', d.modelFormat], ['Runtime', d.runtime], ['Topology', d.llm?.topology],
    ['GPUs', d.gpus ? String(d.gpus) : undefined],
  ];
  for (const [label, value] of facts) if (value) md.appendMarkdown(`${label}: `).appendText(value).appendMarkdown('  \n');
  return md;
}

function detailItem(node: DetailNode): vscode.TreeItem {
  const collapsible = node.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
  const item = new vscode.TreeItem(node.label, collapsible);
  item.description = node.description;
  if (node.tooltip) item.tooltip = node.tooltip;
  if (node.icon) item.iconPath = themeIcon(node.icon);
  item.contextValue = node.value ? 'kserve.detail.copyable' : 'kserve.detail';
  return withId(item, node);
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.iconPath = node.severity === 'error' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
    : node.severity === 'warning' ? new vscode.ThemeIcon('lock', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon('info');
  if (node.tooltip) item.tooltip = node.tooltip;
  item.contextValue = `kserve.message.${node.severity}`;
  return withId(item, node);
}

function resourceDescription(resource: ResourceSummary): string {
  return [resource.disabled ? 'disabled' : undefined, resource.handles.join(', ')].filter(Boolean).join(' · ');
}

function resourceTooltip(resource: ResourceSummary): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(resource.name).appendMarkdown('**\n\n');
  if (resource.handles.length) md.appendText(`Handles: ${resource.handles.join(', ')}`).appendMarkdown('\n\n');
  if (resource.image) md.appendText(`Image: ${resource.image}`);
  return md;
}

function stateIcon(state: InformerState | undefined): string | undefined {
  if (state?.kind === 'loading') return 'loading~spin';
  if (state?.kind === 'reconnecting') return 'sync~spin';
  if (state?.kind === 'failed') return 'error';
  return undefined;
}

function describeState(state: InformerState | undefined): string | undefined {
  switch (state?.kind) {
    case 'loading': return 'loading…';
    case 'reconnecting': return 'reconnecting…';
    case 'failed': return state.error.kind === 'forbidden' ? 'forbidden' : 'failed';
    default: return undefined;
  }
}

function themeIcon(icon: DetailIcon): vscode.ThemeIcon {
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}

function withId(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
  item.id = node.id;
  return item;
}
