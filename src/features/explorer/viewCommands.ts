import os from 'node:os';
import * as vscode from 'vscode';
import { ALL_NAMESPACES, isNamespaceName, NamespaceSelection } from '../../core/explorer/namespaces';
import { UserFacingError } from '../../core/errors';
import { Commands } from '../../platform/commands';
import { Config } from '../../platform/config';
import { ExplorerModel } from '../../app/explorer/explorerModel';
import { ExplorerNode } from '../../app/explorer/nodes';

export type ViewCommand =
  | 'kserve.explorer.refresh' | 'kserve.explorer.selectContext' | 'kserve.explorer.selectNamespaces'
  | 'kserve.explorer.pickKubeconfig' | 'kserve.explorer.copyValue' | 'kserve.explorer.showEmptyNamespaces'
  | 'kserve.explorer.hideEmptyNamespaces';

/** View-level commands: refresh, context, namespaces, kubeconfig. */
export function viewCommands(config: Config, model: ExplorerModel): Commands<ViewCommand> {
  return {
    'kserve.explorer.refresh': { title: 'Refresh', run: (node) => refresh(model, node as ExplorerNode | undefined) },
    'kserve.explorer.selectContext': { title: 'Select context', run: async (name) => {
      const chosen = typeof name === 'string' ? name : await pickContext(model);
      if (chosen) await model.useContext(chosen);
    } },
    'kserve.explorer.selectNamespaces': { title: 'Select namespaces', run: async (arg) => {
      await model.connected();
      const cluster = model.cluster;
      if (!cluster) throw new UserFacingError('Connect to a cluster first (select a context).', 'notConnected');
      const selection = parseArgument(arg) ?? await pickNamespaces(model);
      if (selection) await model.setSelection(cluster.contextName, selection);
    } },
    'kserve.explorer.pickKubeconfig': { title: 'Pick kubeconfig', run: async () => {
      const picked = await vscode.window.showOpenDialog({
        title: 'Pick a kubeconfig file', canSelectMany: false, openLabel: 'Use This Kubeconfig',
        defaultUri: vscode.Uri.file(os.homedir()),
      });
      if (!picked?.[0]) return;
      // The configuration listener reloads the session.
      await config.update('kubeconfig', picked[0].fsPath, vscode.ConfigurationTarget.Global);
    } },
    'kserve.explorer.showEmptyNamespaces': { title: 'Show namespaces without KServe objects', run: () => showEmpty(model, true) },
    'kserve.explorer.hideEmptyNamespaces': { title: 'Hide namespaces without KServe objects', run: () => showEmpty(model, false) },
    'kserve.explorer.copyValue': { title: 'Copy', run: async (node) => {
      const value = (node as { value?: string } | undefined)?.value;
      if (value) await vscode.env.clipboard.writeText(value);
    } },
  };
}

async function showEmpty(model: ExplorerModel, show: boolean): Promise<void> {
  await model.connected();
  const cluster = model.cluster;
  if (!cluster) throw new UserFacingError('Connect to a cluster first (select a context).', 'notConnected');
  await model.setShowEmpty(cluster.contextName, show);
}

async function refresh(model: ExplorerModel, node: ExplorerNode | undefined): Promise<void> {
  if (node?.kind === 'namespace') return model.refresh({ kind: 'namespace', namespace: node.namespace });
  if (node?.kind === 'group') return model.refresh({ kind: 'group', group: node.group, namespace: node.namespace });
  await vscode.window.withProgress({ location: { viewId: 'kserve.explorer' }, title: 'Refreshing' }, () => model.refresh());
}

async function pickContext(model: ExplorerModel): Promise<string | undefined> {
  const session = model.session;
  if (session.contexts.length === 0) {
    throw new UserFacingError('No kubeconfig with contexts is loaded. Use "KServe: Pick Kubeconfig File" first.', 'noKubeconfig');
  }
  const current = session.current?.contextName;
  const picked = await vscode.window.showQuickPick(session.contexts.map((name) => ({
    label: name, description: session.serverOf(name), picked: name === current, detail: name === current ? 'in use' : undefined,
  })), { title: 'Kubernetes context for the KServe explorer', placeHolder: 'The kubeconfig file is not changed' });
  return picked?.label;
}

const ALL_LABEL = '$(globe) All namespaces';

async function pickNamespaces(model: ExplorerModel): Promise<NamespaceSelection | undefined> {
  const cluster = model.cluster!;
  const current = model.selection(cluster.contextName);
  const listed = cluster.listedNamespaces;
  if (!listed) return askNamespaceNames(current, cluster.namespaceListError?.message);
  const selected = new Set(current.all ? [] : current.names);
  const names = [...new Set([...listed, ...selected])].sort();
  const items: vscode.QuickPickItem[] = [
    { label: ALL_LABEL, picked: current.all, detail: 'Show every namespace; each is only watched while expanded' },
    ...names.map((name) => ({ label: name, picked: selected.has(name) })),
  ];
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Namespaces to show', matchOnDetail: false });
  if (!picked) return undefined;
  if (picked.length === 0 || picked.some((p) => p.label === ALL_LABEL)) return ALL_NAMESPACES;
  return { all: false, names: picked.map((p) => p.label) };
}

async function askNamespaceNames(current: NamespaceSelection, why: string | undefined): Promise<NamespaceSelection | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Namespaces to show',
    prompt: `You may not list namespaces in this cluster${why ? ` (${why})` : ''}. Enter the names, separated by commas, or * for the context's namespace.`,
    value: current.all ? '' : current.names.join(', '),
    validateInput: (text) => {
      const names = splitNames(text);
      const bad = names.find((n) => n !== '*' && !isNamespaceName(n));
      return bad ? `"${bad}" is not a valid namespace name.` : undefined;
    },
  });
  if (value === undefined) return undefined;
  const names = splitNames(value);
  return names.length === 0 || names.includes('*') ? ALL_NAMESPACES : { all: false, names };
}

function splitNames(text: string): string[] {
  return text.split(/[\s,]+/).map((n) => n.trim()).filter(Boolean);
}

/** Programmatic use: `'all'`, a name, or a list of names. */
function parseArgument(arg: unknown): NamespaceSelection | undefined {
  if (arg === 'all') return ALL_NAMESPACES;
  const names = typeof arg === 'string' ? [arg] : Array.isArray(arg) ? arg.filter((n): n is string => typeof n === 'string') : undefined;
  if (!names) return undefined;
  const bad = names.find((n) => !isNamespaceName(n));
  if (bad) throw new UserFacingError(`"${bad}" is not a valid namespace name.`, 'badNamespace');
  return names.length ? { all: false, names } : ALL_NAMESPACES;
}
