import * as vscode from 'vscode';
import { statusLabel } from '../../core/explorer/status';
import { IsvcSummary } from '../../core/explorer/summary';
import { isServiceKind, ServiceRef } from '../../core/kserve/serviceKinds';
import { UserFacingError } from '../../core/errors';
import { ExplorerModel } from '../../app/explorer/explorerModel';
import { ExplorerNode } from '../../app/explorer/nodes';

/**
 * The service a command acts on: the node it was invoked on, a `{ namespace, name }` argument, the tree selection,
 * or else one the user picks from the namespaces the explorer watches.
 */
export async function resolveService(model: ExplorerModel, arg: unknown, selection: readonly ExplorerNode[]): Promise<IsvcSummary | undefined> {
  const state = await model.connected();
  const cluster = model.cluster;
  if (!cluster || state.kind !== 'ready') {
    throw new UserFacingError('The KServe explorer is not connected to a cluster with KServe.', 'notConnected');
  }
  const ref = asRef(arg) ?? asRef(selection.find((n) => n.kind === 'isvc'));
  if (ref) {
    const isvc = (await cluster.readNamespace(ref.namespace)).find((s) => s.name === ref.name && s.kind === ref.kind);
    if (!isvc) throw new UserFacingError(`${ref.kind} ${ref.namespace}/${ref.name} no longer exists.`, 'serviceGone');
    return isvc;
  }
  const services = cluster.watchedNamespaces().flatMap((ns) => cluster.services(ns));
  if (services.length === 0) {
    throw new UserFacingError('No services are loaded yet: expand a namespace in the KServe explorer, then try again.', 'noServices');
  }
  const picked = await vscode.window.showQuickPick(services.map((isvc) => ({
    label: isvc.name, description: `${isvc.namespace} · ${isvc.kind}`, detail: statusLabel(isvc.status), isvc,
  })), { title: 'Choose a service', matchOnDescription: true });
  return picked?.isvc;
}

/** A tree node, or `{ namespace, name, serviceKind? }` from a caller; `serviceKind` defaults to InferenceService. */
function asRef(value: unknown): ServiceRef | undefined {
  const candidate = value as { kind?: string; serviceKind?: unknown; namespace?: unknown; name?: unknown } | undefined;
  if (!candidate || typeof candidate.namespace !== 'string' || typeof candidate.name !== 'string') return undefined;
  if (candidate.kind !== undefined && candidate.kind !== 'isvc') return undefined;
  const kind = isServiceKind(candidate.serviceKind) ? candidate.serviceKind : 'InferenceService';
  return { kind, namespace: candidate.namespace, name: candidate.name };
}
