import * as vscode from 'vscode';
import type { ExplorerApi, ExplorerNode } from '../../../src/features/explorer';
import { waitFor } from '../../support/extension';

/** Reads the explorer through its registered TreeDataProvider, the way VS Code does. */
export class TreeReader {
  constructor(readonly api: ExplorerApi) {}

  async children(node?: ExplorerNode): Promise<ExplorerNode[]> {
    return (await this.api.treeDataProvider.getChildren(node)) ?? [];
  }

  item(node: ExplorerNode): vscode.TreeItem {
    return this.api.treeDataProvider.getTreeItem(node) as vscode.TreeItem;
  }

  label(node: ExplorerNode): string {
    const label = this.item(node).label;
    return typeof label === 'string' ? label : label?.label ?? '';
  }

  description(node: ExplorerNode): string {
    return String(this.item(node).description ?? '');
  }

  tooltip(node: ExplorerNode): string {
    const tooltip = this.item(node).tooltip;
    const text = typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '';
    return text.replace(/&nbsp;/g, ' ');
  }

  async context(): Promise<ExplorerNode> {
    return waitFor(async () => (await this.children())[0], 'the context node');
  }

  async namespace(namespace: string): Promise<ExplorerNode> {
    const context = await this.context();
    return waitFor(async () => (await this.children(context)).find((n) => n.kind === 'namespace' && n.namespace === namespace),
      `namespace ${namespace} in the tree`);
  }

  /** Expands the namespace (which starts its watch) and returns the names of its service rows. */
  async serviceNames(namespace: string): Promise<string[]> {
    const children = await this.children(await this.namespace(namespace));
    return children.filter((n) => n.kind === 'isvc').map((n) => this.label(n));
  }

  async service(namespace: string, name: string): Promise<ExplorerNode> {
    return waitFor(async () => (await this.children(await this.namespace(namespace))).find((n) => n.kind === 'isvc' && n.name === name),
      `service ${namespace}/${name} in the tree`);
  }

  /** Waits until the service's tree item description matches, re-reading the item the provider builds. */
  async waitForDescription(namespace: string, name: string, expected: RegExp, timeoutMs = 10_000): Promise<ExplorerNode> {
    const node = await this.service(namespace, name);
    await waitFor(() => expected.test(this.description(node)), `${namespace}/${name} to show ${expected}`, timeoutMs);
    return node;
  }
}

export async function selectContext(api: ExplorerApi, context: string, state = 'ready'): Promise<void> {
  await vscode.commands.executeCommand('kserve.explorer.selectContext', context);
  await waitFor(() => api.snapshot().context === context && api.snapshot().state === state, `context ${context} to be ${state}`, 15_000);
}
