import * as vscode from 'vscode';
import { statusLabel } from '../../core/explorer/status';
import { IsvcSummary } from '../../core/explorer/summary';
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
    const isvc = (await cluster.readNamespace(ref.namespace)).find((s) => s.name === ref.name);
    if (!isvc) throw new UserFacingError(`InferenceService ${ref.namespace}/${ref.name} no longer exists.`, 'serviceGone');
    return isvc;
  }
  const services = cluster.watchedNamespaces().flatMap((ns) => cluster.services(ns));
  if (services.length === 0) {
    throw new UserFacingError('No InferenceServices are loaded yet: expand a namespace in the KServe explorer, then try again.', 'noServices');
  }
  const picked = await vscode.window.showQuickPick(services.map((isvc) => ({
    label: isvc.name, description: isvc.namespace, detail: statusLabel(isvc.status), isvc,
  })), { title: 'Choose an InferenceService', matchOnDescription: true });
  return picked?.isvc;
}

function asRef(value: unknown): { namespace: string; name: string } | undefined {
  const candidate = value as { kind?: string; namespace?: unknown; name?: unknown } | undefined;
  if (!candidate || typeof candidate.namespace !== 'string' || typeof candidate.name !== 'string') return undefined;
  if (candidate.kind !== undefined && candidate.kind !== 'isvc') return undefined;
  return { namespace: candidate.namespace, name: candidate.name };
}
