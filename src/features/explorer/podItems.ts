import * as vscode from 'vscode';
import { Diagnosis } from '../../core/explorer/diagnosis';
import { containerLabel, hasFailed, podLabel, PodSummary } from '../../core/explorer/pods';
import { ClusterModel } from '../../app/explorer/clusterModel';
import { ContainerNode, DiagnosisNode, PodNode, PodsNode } from '../../app/explorer/nodes';

const RUN_DIAGNOSIS_ACTION = 'kserve.explorer.runDiagnosisAction';

const ACTION_TITLES: Record<NonNullable<Diagnosis['action']>['kind'], string> = {
  openManifest: 'Open the manifest there',
  showLogs: 'Show the logs',
  showEvents: 'Show the events',
};

export function diagnosisItem(node: DiagnosisNode): vscode.TreeItem {
  const { diagnosis } = node;
  const item = new vscode.TreeItem(diagnosis.summary, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(diagnosis.cause === 'warningEvent' ? 'warning' : 'error', new vscode.ThemeColor('list.errorForeground'));
  const md = new vscode.MarkdownString();
  md.appendText(diagnosis.detail);
  if (diagnosis.action) md.appendMarkdown('\n\n_').appendText(`Click: ${ACTION_TITLES[diagnosis.action.kind].toLowerCase()}.`).appendMarkdown('_');
  item.tooltip = md;
  if (diagnosis.action) item.command = { command: RUN_DIAGNOSIS_ACTION, title: ACTION_TITLES[diagnosis.action.kind], arguments: [node] };
  item.contextValue = 'kserve.diagnosis';
  item.id = node.id;
  return item;
}

export function podsItem(node: PodsNode, cluster: ClusterModel | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem('Pods', vscode.TreeItemCollapsibleState.Collapsed);
  const state = cluster?.pods.state(node.namespace, node.isvc, node.serviceKind);
  const pods = cluster?.pods.of(node.namespace, node.isvc, node.serviceKind) ?? [];
  item.iconPath = new vscode.ThemeIcon(state?.kind === 'loading' ? 'loading~spin' : 'layers');
  item.description = state?.kind === 'synced' || state?.kind === 'reconnecting'
    ? `${pods.filter((p) => p.ready).length}/${pods.length} ready` : undefined;
  item.contextValue = 'kserve.pods';
  item.id = node.id;
  return item;
}

export function podItem(node: PodNode, cluster: ClusterModel | undefined): vscode.TreeItem {
  const pod = cluster?.pods.of(node.namespace, node.isvc, node.serviceKind).find((p) => p.name === node.pod);
  const item = new vscode.TreeItem(node.pod, vscode.TreeItemCollapsibleState.Collapsed);
  if (!pod) {
    item.description = 'gone';
    item.id = node.id;
    return item;
  }
  const failing = pod.containers.some((c) => c.reason && c.reason !== 'PodInitializing' && c.reason !== 'Completed' && !c.ready);
  item.iconPath = new vscode.ThemeIcon(pod.ready ? 'pass-filled' : failing ? 'error' : 'circle-large-outline',
    new vscode.ThemeColor(pod.ready ? 'testing.iconPassed' : failing ? 'list.errorForeground' : 'foreground'));
  item.description = `${pod.component} · ${podLabel(pod)}`;
  item.tooltip = podTooltip(pod);
  item.contextValue = 'kserve.pod';
  item.id = node.id;
  return item;
}

export function containerItem(node: ContainerNode, cluster: ClusterModel | undefined): vscode.TreeItem {
  const pod = cluster?.pods.of(node.namespace, node.parent.isvc, node.parent.serviceKind).find((p) => p.name === node.pod);
  const container = pod?.containers.find((c) => c.name === node.container);
  const item = new vscode.TreeItem(node.container, vscode.TreeItemCollapsibleState.None);
  if (container) {
    const bad = container.reason === 'OOMKilled' || hasFailed(container);
    item.iconPath = new vscode.ThemeIcon(container.init ? 'debug-start' : 'package', bad ? new vscode.ThemeColor('list.errorForeground') : undefined);
    item.description = `${container.init ? 'init · ' : ''}${containerLabel(container)}`;
    item.tooltip = [container.message, container.lastTermination?.message, container.memoryLimit ? `memory limit ${container.memoryLimit}` : undefined]
      .filter(Boolean).join('\n') || undefined;
  }
  item.command = { command: 'kserve.pod.showLogs', title: 'Show Logs', arguments: [node] };
  item.contextValue = 'kserve.container';
  item.id = node.id;
  return item;
}

function podTooltip(pod: PodSummary): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**').appendText(pod.name).appendMarkdown('** · ').appendText(`${pod.phase}, ${pod.restarts} restarts`).appendMarkdown('\n\n');
  for (const c of pod.conditions.filter((c) => c.status !== 'True')) {
    md.appendText(`${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`).appendMarkdown('  \n');
  }
  return md;
}
