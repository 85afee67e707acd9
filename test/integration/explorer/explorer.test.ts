import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerApi, ExplorerNode } from '../../../src/features/explorer';
import { failedToLoadStatus, inProgressStatus, TestCluster, uniqueName } from '../../support/cluster';
import { activateExtension, waitFor } from '../../support/extension';
import { selectContext, TreeReader } from './treeHelpers';

describe('explorer: live tree of InferenceServices', function () {
  this.timeout(60_000);
  let api: ExplorerApi;
  let tree: TreeReader;
  let cluster: TestCluster;
  let nsA: string;
  let nsB: string;

  before(async () => {
    api = (await activateExtension()).explorer;
    tree = new TreeReader(api);
    cluster = TestCluster.fromEnv();
    [nsA, nsB] = await Promise.all([cluster.createNamespace(uniqueName('kst-exa')), cluster.createNamespace(uniqueName('kst-exb'))]);
    await selectContext(api, 'kapi');
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [nsA, nsB]);
    await waitFor(() => api.snapshot().visibleNamespaces.join() === [nsA, nsB].sort().join(), 'the namespace selection');
  });

  after(async () => {
    await cluster?.cleanup();
  });

  it('shows services created in two namespaces with their status', async () => {
    await Promise.all([
      cluster.createInferenceService(nsA, 't5-ready'),
      cluster.createInferenceService(nsA, 't5-broken'),
      cluster.createInferenceService(nsB, 't5-loading'),
    ]);
    await Promise.all([
      cluster.markReady(nsA, 't5-ready'),
      cluster.setStatus(nsA, 't5-broken', failedToLoadStatus('ModelLoadFailed', 'google-t5/t5-smal is not a valid model identifier')),
      cluster.setStatus(nsB, 't5-loading', inProgressStatus({ modelState: 'Loading' })),
    ]);
    const roots = await tree.children();
    assert.equal(roots.length, 1);
    assert.equal(tree.label(roots[0]), 'kapi');
    const namespaces = (await tree.children(roots[0])).filter((n) => n.kind === 'namespace').map((n) => tree.label(n));
    assert.deepEqual(namespaces, [nsA, nsB].sort());

    const ready = await tree.waitForDescription(nsA, 't5-ready', /^Ready$/);
    await tree.waitForDescription(nsA, 't5-broken', /^FailedToLoad · ModelLoadFailed$/);
    await tree.waitForDescription(nsB, 't5-loading', /^InProgress/);
    assert.deepEqual((await tree.serviceNames(nsA)).sort(), ['t5-broken', 't5-ready']);
    assert.deepEqual(await tree.serviceNames(nsB), ['t5-loading']);
    assert.equal((tree.item(ready).iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.equal(tree.item(ready).contextValue, 'kserve.isvc.withUrl');

    const details = await tree.children(ready);
    const row = (label: string) => details.find((d) => tree.label(d) === label);
    assert.equal(row('URL') && tree.description(row('URL')!), `http://t5-ready.${nsA}.example.com`);
    assert.equal(row('Model id') && tree.description(row('Model id')!), 'google-t5/t5-small');
    assert.equal(row('Model format') && tree.description(row('Model format')!), 'huggingface');
    assert.equal(row('GPUs') && tree.description(row('GPUs')!), '1');
    const predictor = details.find((d) => tree.label(d) === 'Predictor')!;
    assert.ok((await tree.children(predictor)).some((d) => tree.label(d) === 'Traffic 100%'), 'revisions and traffic');

    const snapshot = api.snapshot();
    assert.equal(snapshot.namespaces[nsA].services.find((s) => s.name === 't5-broken')?.phase, 'FailedToLoad');
    assert.equal(snapshot.namespaces[nsB].services[0].phase, 'InProgress');
  });

  it('updates only the changed item when a status is patched to Ready, then to FailedToLoad', async () => {
    const fired: ExplorerNode[] = [];
    const subscription = api.treeDataProvider.onDidChangeTreeData!((e) => {
      fired.push(...(Array.isArray(e) ? e : [e as ExplorerNode]));
    });
    const refreshesOf = (target: ExplorerNode, from = 0) => fired.slice(from).filter((n) => n === target).length;
    try {
      await cluster.createInferenceService(nsA, 't5-patch');
      const namespace = await tree.namespace(nsA);
      const node = await tree.waitForDescription(nsA, 't5-patch', /^Unknown/);
      await waitFor(() => refreshesOf(namespace) >= 1, 'the namespace to refresh for the new service');
      const from = fired.length;
      await cluster.markReady(nsA, 't5-patch');
      await waitFor(() => refreshesOf(node, from) >= 1 && tree.description(node) === 'Ready', 't5-patch refreshed as Ready', 5_000);
      await cluster.setStatus(nsA, 't5-patch', failedToLoadStatus('ModelLoadFailed', 'CUDA out of memory while loading t5-small'));
      await waitFor(() => refreshesOf(node, from) >= 2 && tree.description(node) === 'FailedToLoad · ModelLoadFailed', 't5-patch refreshed as FailedToLoad', 5_000);
      assert.match(tree.tooltip(node), /CUDA out of memory while loading t5-small/);
      assert.match(tree.tooltip(node), /PredictorReady/);
      assert.equal(api.findService(nsA, 't5-patch'), node, 'the node object is stable');
      const patched = fired.slice(from);
      assert.ok(patched.every((n) => n !== undefined), 'never a whole-tree refresh');
      const others = patched.filter((n) => n !== node).map((n) => n.id);
      assert.deepEqual(others.filter((id) => id.includes(nsA)), [], 'nothing else in the namespace was refreshed');
    } finally {
      subscription.dispose();
    }
  });

  it('removes a deleted service', async () => {
    await cluster.createInferenceService(nsB, 't5-doomed');
    await tree.service(nsB, 't5-doomed');
    await cluster.deleteInferenceService(nsB, 't5-doomed', { mustExist: true });
    await waitFor(async () => !(await tree.serviceNames(nsB)).includes('t5-doomed'), 't5-doomed to disappear', 5_000);
    assert.equal(api.snapshot().namespaces[nsB].services.some((s) => s.name === 't5-doomed'), false);
  });

  it('does not watch namespaces that were never expanded', async () => {
    const quiet = await cluster.createNamespace(uniqueName('kst-exq'));
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [nsA, nsB, quiet]);
    await tree.namespace(quiet);
    assert.equal(api.snapshot().namespaces[quiet], undefined, 'a collapsed namespace has no watch');
    await tree.serviceNames(quiet);
    assert.equal(api.snapshot().namespaces[quiet]?.state, 'synced', 'expanding it starts one');
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [nsA, nsB]);
  });

  it('opens the live manifest read-only, refreshes it on change, and edits a copy', async () => {
    await cluster.createInferenceService(nsA, 't5-manifest');
    const node = await tree.service(nsA, 't5-manifest');
    await api.treeView.reveal(node, { select: true, focus: false });
    await waitFor(() => api.treeView.selection.includes(node), 'the revealed service to be selected');
    const live = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.isvc.openManifest');
    assert.match(live.uri.path, /\/t5-manifest\.yaml$/, 'without an argument the command acts on the selected service');
    assert.equal(live.uri.scheme, 'kserve-manifest');
    assert.equal(live.languageId, 'yaml');
    assert.match(live.getText(), /kind: InferenceService/);
    assert.doesNotMatch(live.getText(), /managedFields/);
    await cluster.markReady(nsA, 't5-manifest');
    await waitFor(() => live.getText().includes(`url: http://t5-manifest.${nsA}.example.com`), 'the open manifest to refresh', 5_000);

    const copy = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.isvc.editManifest', node);
    assert.ok(copy.isUntitled);
    assert.equal(copy.languageId, 'yaml');
    assert.match(copy.getText(), /name: t5-manifest/);
    assert.doesNotMatch(copy.getText(), /status:|resourceVersion|uid:/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the Kubernetes events of a service', async () => {
    await cluster.createInferenceService(nsB, 't5-events');
    await cluster.core.createNamespacedEvent({ namespace: nsB, body: {
      metadata: { name: uniqueName('t5-events') },
      involvedObject: { kind: 'InferenceService', name: 't5-events', namespace: nsB, apiVersion: 'serving.kserve.io/v1beta1' },
      reason: 'InternalError', message: 'fails to reconcile predictor', type: 'Warning', lastTimestamp: new Date(),
      source: { component: 'v1beta1Controllers' },
    } });
    const node = await tree.service(nsB, 't5-events');
    const events = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.isvc.showEvents', node);
    assert.match(events.getText(), /Warning\s+InternalError\s+v1beta1Controllers\s+InferenceService\/t5-events\s+fails to reconcile predictor/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
