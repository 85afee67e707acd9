import * as vscode from 'vscode';
import { Event } from '../../core/lifecycle';
import { InferenceServiceTarget } from '../../core/target';
import { Services } from '../../platform/services';
import { ExplorerChange } from '../../app/explorer/clusterModel';
import { ServiceDocuments } from './documents';
import { registerExplorerCommands } from './explorerCommands';
import { KubeconfigWatcher } from './kubeconfigWatcher';
import { CONTEXT_KEY, ExplorerModel } from '../../app/explorer/explorerModel';
import { ExplorerNode } from '../../app/explorer/nodes';
import { ExplorerHooks, registerServiceCommands } from './serviceCommands';
import { ExplorerSnapshot, stateMessage, takeSnapshot } from '../../app/explorer/snapshot';
import { ExplorerTreeProvider } from './treeProvider';

export type { ExplorerHooks } from './serviceCommands';
export type { ExplorerSnapshot, NamespaceSnapshot, ServiceSnapshot } from '../../app/explorer/snapshot';
export type { ExplorerNode } from '../../app/explorer/nodes';
export type { ExplorerChange } from '../../app/explorer/clusterModel';

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
}

const HIDDEN_RELEASE_MS = 120_000;

export function activateExplorer(services: Services, hooks: ExplorerHooks = {}): ExplorerApi & vscode.Disposable {
  const { context, logger, config, kube } = services;
  const disposables: vscode.Disposable[] = [];
  const model = new ExplorerModel({
    session: kube, logger, store: context.workspaceState, pageSize: () => config.explorer.pageSize,
  });
  const provider = new ExplorerTreeProvider(model);
  const treeView = vscode.window.createTreeView('kserve.explorer', { treeDataProvider: provider, showCollapseAll: true });
  disposables.push(model, provider, treeView, new ServiceDocuments(model), new KubeconfigWatcher(kube, logger));

  const syncViewState = () => {
    const state = model.state;
    void vscode.commands.executeCommand('setContext', 'kserve.explorer.state', state.kind);
    treeView.message = state.kind === 'ready' || state.kind === 'connecting' ? undefined : stateMessage(state);
  };
  disposables.push(model.onDidChangeData((change) => change.kind === 'root' && syncViewState()));
  syncViewState();

  disposables.push(
    treeView.onDidCollapseElement(({ element }) => {
      if (element.kind === 'namespace') model.cluster?.hideNamespace(element.namespace);
      if (element.kind === 'group') model.cluster?.hideGroup(element.group, element.namespace);
    }),
    treeView.onDidChangeVisibility(({ visible }) => {
      if (!visible) model.cluster?.hideAll(HIDDEN_RELEASE_MS);
    }),
    config.onDidChange((e) => {
      if (e.affectsConfiguration('kserve.kubeconfig')) kube.reload();
    }),
    ...registerExplorerCommands(services, model),
    ...registerServiceCommands(services, model, () => treeView.selection, hooks),
  );
  logger.debug('explorer feature ready');

  return {
    treeDataProvider: provider,
    treeView,
    onDidChangeData: model.onDidChangeData,
    snapshot: () => takeSnapshot(model),
    findService: (namespace, name) => provider.findService(namespace, name),
    findNamespace: (namespace) => provider.findNamespace(namespace),
    inferenceServiceTargets: () => model.translationTargets(),
    dispose: () => vscode.Disposable.from(...disposables.reverse()).dispose(),
  };
}
