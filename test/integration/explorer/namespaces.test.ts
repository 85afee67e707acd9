import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../../src/features/explorer';
import { RBAC_NAMESPACES, TestCluster, uniqueName } from '../../support/cluster';
import { activateExtension, waitFor } from '../../support/extension';
import { selectContext, TreeReader } from './treeHelpers';

describe('explorer: only the namespaces that hold KServe objects', function () {
  this.timeout(60_000);
  let api: ExplorerApi;
  let tree: TreeReader;
  let cluster: TestCluster;
  let occupied: string;
  let empty: string;

  before(async () => {
    api = (await activateExtension()).explorer;
    tree = new TreeReader(api);
    cluster = TestCluster.fromEnv();
    [occupied, empty] = await Promise.all([cluster.createNamespace(uniqueName('kst-held')), cluster.createNamespace(uniqueName('kst-empty'))]);
    await cluster.createInferenceService(occupied, 't5');
    await selectContext(api, 'kapi');
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', 'all');
  });

  after(async () => {
    await vscode.commands.executeCommand('kserve.explorer.hideEmptyNamespaces');
    await cluster?.cleanup();
  });

  const namespaceRows = async () => (await tree.children(await tree.context())).filter((n) => n.kind === 'namespace').map((n) => tree.label(n));

  it('hides empty namespaces by default, shows them with the toggle, and hides them again', async () => {
    await waitFor(() => api.snapshot().visibleNamespaces.includes(occupied), `${occupied} in the tree`);
    const shown = await namespaceRows();
    assert.ok(shown.includes(occupied));
    for (const hidden of [empty, 'kube-system', 'kube-public', 'kube-node-lease']) assert.ok(!shown.includes(hidden), `${hidden} is hidden`);
    const children = await tree.children(await tree.namespace(occupied));
    assert.deepEqual(children.map((n) => n.kind), ['isvc'], 'no empty ServingRuntimes group');

    await vscode.commands.executeCommand('kserve.explorer.showEmptyNamespaces');
    await waitFor(() => api.snapshot().visibleNamespaces.includes(empty), 'the empty namespace to appear');
    assert.ok((await namespaceRows()).includes('kube-system'));
    const emptyRows = await tree.children(await tree.namespace(empty));
    assert.deepEqual(emptyRows.map((n) => [n.kind, tree.label(n)]), [['message', 'No InferenceServices or LLMInferenceServices']]);

    await vscode.commands.executeCommand('kserve.explorer.hideEmptyNamespaces');
    await waitFor(() => !api.snapshot().visibleNamespaces.includes(empty), 'the empty namespace to go');
  });

  it('brings a namespace in when its first KServe object appears, and its ServingRuntimes group with its first runtime', async () => {
    const late = await cluster.createNamespace(uniqueName('kst-late'));
    assert.ok(!(await namespaceRows()).includes(late));
    await cluster.customObjects.createNamespacedCustomObject({
      group: 'serving.kserve.io', version: 'v1alpha1', plural: 'servingruntimes', namespace: late,
      body: { apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ServingRuntime', metadata: { name: 'custom-runtime' },
        spec: { supportedModelFormats: [{ name: 'custom' }], containers: [{ name: 'kserve-container', image: 'example.com/runtime:1' }] } },
    });
    await waitFor(async () => (await namespaceRows()).includes(late), `${late} to appear when its runtime is created`);
    const rows = await waitFor(async () => {
      const children = await tree.children(await tree.namespace(late));
      return children.some((n) => n.kind === 'group') && children;
    }, 'the ServingRuntimes group');
    assert.equal(tree.label(rows.find((n) => n.kind === 'group')!), 'ServingRuntimes');
  });

  it('on a context that may not list across the cluster, shows the namespaces it can see and says why', async () => {
    const readable = uniqueName('t5-readable');
    await cluster.createInferenceService(RBAC_NAMESPACES.allowed, readable);
    await selectContext(api, 'kapi-limited');
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', 'all');
    const context = await tree.context();
    const note = await waitFor(async () => (await tree.children(context)).find((n) => n.kind === 'message'), 'the note');
    assert.equal(tree.label(note), 'Showing every namespace you can see: KServe objects cannot be listed across the cluster');
    assert.match(tree.tooltip(note), /403|[Ff]orbidden/);
    assert.ok((await namespaceRows()).includes(RBAC_NAMESPACES.allowed));
    assert.ok((await tree.serviceNames(RBAC_NAMESPACES.allowed)).includes(readable), 'the allowed namespace lists what it may read');
    await selectContext(api, 'kapi');
  });
});
