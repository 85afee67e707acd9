import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../../src/features/explorer';
import { RBAC_NAMESPACES, TestCluster, uniqueName } from '../../support/cluster';
import { activateExtension, waitFor } from '../../support/extension';
import { selectContext, TreeReader } from './treeHelpers';

describe('explorer: contexts, RBAC and recovery', function () {
  this.timeout(120_000);
  let api: ExplorerApi;
  let tree: TreeReader;
  let cluster: TestCluster;

  before(async () => {
    api = (await activateExtension()).explorer;
    tree = new TreeReader(api);
    cluster = TestCluster.fromEnv();
  });

  afterEach(async () => {
    if (api.snapshot().context !== 'kapi' || api.snapshot().state !== 'ready') await selectContext(api, 'kapi');
  });

  after(async () => {
    await cluster?.cleanup();
  });

  it('switches context: a cluster without KServe shows the "not installed" state, and back', async () => {
    await selectContext(api, 'kapi-bare', 'noKServe');
    assert.deepEqual(await tree.children(), [], 'the tree is empty so the welcome view shows');
    assert.match(api.treeView.message ?? '', /KServe is not installed in this cluster/);
    assert.match(api.snapshot().message ?? '', /serving\.kserve\.io/);
    await selectContext(api, 'kapi');
    assert.equal(api.treeView.message, undefined);
    assert.equal(tree.label(await tree.context()), 'kapi');
  });

  it('shows a namespace the user may not read as forbidden while another one works', async () => {
    const name = uniqueName('t5-rbac');
    await cluster.createInferenceService(RBAC_NAMESPACES.allowed, name);
    await selectContext(api, 'kapi-limited');
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [RBAC_NAMESPACES.allowed, RBAC_NAMESPACES.forbidden]);
    assert.ok((await tree.serviceNames(RBAC_NAMESPACES.allowed)).includes(name), 'team-a lists its services');
    // The limited role grants InferenceServices only: the refused LLMInferenceService list is one quiet row.
    const allowedRows = await tree.children(await tree.namespace(RBAC_NAMESPACES.allowed));
    const note = allowedRows.find((r) => /LLMInferenceServices/.test(tree.label(r)));
    assert.equal(note && tree.label(note), 'LLMInferenceServices: not allowed to list them here');
    assert.match(tree.tooltip(note!), /403|[Ff]orbidden/);
    const forbidden = await tree.namespace(RBAC_NAMESPACES.forbidden);
    const rows = await tree.children(forbidden);
    assert.equal(rows.length, 1);
    assert.match(tree.label(rows[0]), /Forbidden/);
    assert.match(tree.tooltip(rows[0]), /You may not list InferenceServices in namespace team-b \(403 Forbidden\)/);
    assert.match(tree.description(forbidden), /forbidden/);
    const snapshot = api.snapshot();
    assert.equal(snapshot.namespaces[RBAC_NAMESPACES.forbidden].errorKind, 'forbidden');
    assert.equal(snapshot.namespaces[RBAC_NAMESPACES.allowed].state, 'synced');
  });

  it('shows the welcome state without a kubeconfig, and recovers when one is set again', async () => {
    const settings = vscode.workspace.getConfiguration('kserve');
    await settings.update('kubeconfig', '/nonexistent/kubeconfig', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(() => api.snapshot().state === 'noKubeconfig', 'the noKubeconfig state');
      assert.deepEqual(await tree.children(), []);
      assert.match(api.treeView.message ?? '', /No kubeconfig found/);
    } finally {
      await settings.update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(async () => (await tree.children()).length === 1, 'the tree to connect again through KUBECONFIG');
    assert.equal(api.snapshot().state, 'ready');
  });

  it('recovers from an API server restart during a watch, with no duplicate items', async () => {
    const namespace = await cluster.createNamespace(uniqueName('kst-exr'));
    await Promise.all(['t5-a', 't5-b'].map((n) => cluster.createInferenceService(namespace, n)));
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [namespace]);
    await waitFor(async () => (await tree.serviceNames(namespace)).length === 2, 'both services');
    const states = new Set<string>();
    const subscription = api.onDidChangeData(() => {
      const state = api.snapshot().namespaces[namespace]?.state;
      if (state) states.add(state);
    });
    try {
      await cluster.restartApiServer();
      await cluster.createInferenceService(namespace, 't5-c');
      await cluster.markReady(namespace, 't5-a');
      await tree.waitForDescription(namespace, 't5-a', /^Ready$/, 30_000);
      await waitFor(async () => (await tree.serviceNames(namespace)).includes('t5-c'), 't5-c after the restart', 30_000);
    } finally {
      subscription.dispose();
    }
    const names = await tree.serviceNames(namespace);
    assert.deepEqual(names, ['t5-a', 't5-b', 't5-c'], 'each service exactly once');
    assert.deepEqual(api.snapshot().namespaces[namespace].services.map((s) => s.name), ['t5-a', 't5-b', 't5-c']);
    assert.ok(states.has('reconnecting'), `the tree showed "reconnecting" (saw ${[...states].join(', ')})`);
    assert.equal(api.snapshot().namespaces[namespace].state, 'synced');
    assert.equal(api.snapshot().reconnecting, false);
  });
});
