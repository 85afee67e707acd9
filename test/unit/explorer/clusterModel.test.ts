import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExplorerChange } from '../../../src/app/explorer/changes';
import { ExplorerModel, StateStore } from '../../../src/app/explorer/explorerModel';
import { nullLogger } from '../../../src/core/logger';
import { KubeSession } from '../../../src/infra/kube/session';
import { waitFor } from '../../support/cluster-wait';
import { FakeApiServer, isvcObject } from './fakeApiServer';

const DISCOVERY = '/apis/serving.kserve.io/v1beta1';
const NAMESPACES = '/api/v1/namespaces';
const isvcs = (ns: string) => `/apis/serving.kserve.io/v1beta1/namespaces/${ns}/inferenceservices`;
const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, resourceVersion: '1' } });

const stateOf = (model: ExplorerModel): string => model.state.kind;

class MemoryStore implements StateStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

/** A cluster with KServe: discovery, two namespaces, and an InferenceService in team-a. */
function withKServe(server: FakeApiServer): void {
  server.setDocument(DISCOVERY, { kind: 'APIResourceList', resources: [{ name: 'inferenceservices' }] });
  server.set(NAMESPACES, [namespace('team-a'), namespace('team-b')], 1);
  server.set(isvcs('team-a'), [isvcObject('t5', 2)], 2);
  server.set(isvcs('team-b'), [], 1);
}

describe('explorer cluster model (against scripted API servers)', () => {
  let first: FakeApiServer;
  let second: FakeApiServer;
  let dir: string;
  let session: KubeSession;
  let model: ExplorerModel;
  let changes: ExplorerChange[];

  function kubeconfig(token = 'secret-token'): string {
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'first',
      clusters: [
        { name: 'first', cluster: { server: first.url, 'insecure-skip-tls-verify': true } },
        { name: 'second', cluster: { server: second.url, 'insecure-skip-tls-verify': true } },
      ],
      users: [{ name: 'u', user: { token } }],
      contexts: [
        { name: 'first', context: { cluster: 'first', user: 'u', namespace: 'team-a' } },
        { name: 'second', context: { cluster: 'second', user: 'u', namespace: 'team-a' } },
      ],
    }));
    return file;
  }

  function open(token?: string): ExplorerModel {
    const file = kubeconfig(token);
    session = new KubeSession({ sources: () => ({ settingPath: file }) });
    model = new ExplorerModel({ session, logger: nullLogger, store: new MemoryStore(), pageSize: () => 500, releaseGraceMs: 30 });
    changes = [];
    model.onDidChangeData((change) => changes.push(change));
    return model;
  }

  beforeEach(async () => {
    first = await FakeApiServer.start();
    second = await FakeApiServer.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kserve-cluster-model-'));
  });

  afterEach(async () => {
    model?.dispose();
    session?.dispose();
    await first.stop();
    await second.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('connects on first use only, then lists namespaces and reads a namespace once it is shown', async () => {
    withKServe(first);
    open();
    assert.equal(first.requests.length, 0, 'creating the model talks to nobody');
    assert.equal((await model.connected()).kind, 'ready');
    const cluster = model.cluster!;
    assert.equal(cluster.contextName, 'first');
    assert.deepEqual(cluster.listedNamespaces, ['team-a', 'team-b']);
    assert.equal((await cluster.showNamespace('team-a')).kind, 'synced');
    assert.deepEqual(cluster.services('team-a').map((s) => s.name), ['t5']);
    assert.ok(changes.some((c) => c.kind === 'root'));
  });

  it('shows only the namespaces that hold KServe objects, all of them on request, and every one when the lists are forbidden', async () => {
    withKServe(first);
    first.set(NAMESPACES, [namespace('team-a'), namespace('team-b'), namespace('kube-system'), namespace('models')], 1);
    first.set('/apis/serving.kserve.io/v1beta1/inferenceservices', [isvcObject('t5', 2)], 2);
    first.set('/apis/serving.kserve.io/v1alpha1/servingruntimes', [{ metadata: { name: 'rt', namespace: 'models', resourceVersion: '3' } }], 3);
    open();
    assert.equal((await model.connected()).kind, 'ready');
    const cluster = model.cluster!;
    assert.deepEqual(cluster.visibleNamespaces(), ['models', 'team-a']);
    assert.equal(cluster.occupancy.holds('ServingRuntime', 'team-a'), false, 'no empty ServingRuntimes group there');
    assert.equal(cluster.occupancy.holds('ServingRuntime', 'models'), true);
    const listed = first.requests.filter((r) => r.path === '/apis/serving.kserve.io/v1beta1/inferenceservices');
    assert.ok(listed.length > 0, 'one cluster-wide list');
    await model.setShowEmpty('first', true);
    assert.deepEqual(cluster.visibleNamespaces(), ['kube-system', 'models', 'team-a', 'team-b']);
    assert.ok(changes.some((c) => c.kind === 'context'));
    await model.setShowEmpty('first', false);
    assert.deepEqual(cluster.visibleNamespaces(), ['models', 'team-a']);

    first.forbid('/apis/serving.kserve.io/v1beta1/inferenceservices');
    cluster.relistAll();
    await waitFor(() => cluster.occupancy.state.kind === 'denied', { what: 'the forbidden cluster-wide list' });
    assert.deepEqual(cluster.visibleNamespaces(), ['kube-system', 'models', 'team-a', 'team-b'], 'every namespace the user can see');
  });

  it('says which KServe is missing when the API group is not served', async () => {
    first.set(NAMESPACES, [namespace('team-a')], 1);
    open();
    const state = await model.connected();
    assert.equal(state.kind, 'noKServe');
    assert.match(state.kind === 'noKServe' ? state.reason : '', /serving\.kserve\.io\/v1beta1 is not served/);
    assert.ok(!first.requests.some((r) => r.path === NAMESPACES), 'no namespace list without KServe');
  });

  it('keeps working when namespaces or one namespace are forbidden (403), and reports 401 as unauthorized', async () => {
    withKServe(first);
    first.forbid(NAMESPACES);
    first.forbid(isvcs('team-b'));
    open();
    assert.equal((await model.connected()).kind, 'ready');
    const cluster = model.cluster!;
    assert.equal(cluster.listedNamespaces, undefined);
    assert.equal(cluster.namespaceListError?.kind, 'forbidden');
    assert.deepEqual(cluster.visibleNamespaces(), ['team-a'], "the context's own namespace");
    const denied = await cluster.showNamespace('team-b');
    assert.equal(denied.kind, 'failed');
    assert.equal(denied.kind === 'failed' ? denied.error.kind : '', 'forbidden');
    assert.equal((await cluster.showNamespace('team-a')).kind, 'synced');
    model.dispose();
    session.dispose();

    open('wrong-token');
    const state = await model.connected();
    assert.equal(state.kind, 'unauthorized');
    assert.match(state.kind === 'unauthorized' ? state.error.message : '', /401 Unauthorized/);
  });

  it('switches context: a new cluster model, and the old one stops watching', async () => {
    withKServe(first);
    withKServe(second);
    open();
    await model.connected();
    await model.cluster!.showNamespace('team-a');
    await waitFor(() => first.openWatches(isvcs('team-a')) === 1, { what: 'the first watch' });
    changes.length = 0;
    await model.useContext('second');
    assert.equal(model.cluster!.contextName, 'second');
    assert.ok(changes.some((c) => c.kind === 'root'));
    await waitFor(() => first.openWatches(isvcs('team-a')) === 0, { what: 'the old watch to close' });
    assert.equal((await model.cluster!.showNamespace('team-a')).kind, 'synced');
    await waitFor(() => second.openWatches(isvcs('team-a')) === 1, { what: 'the watch on the second context' });
  });

  it('counts watches: collapsing the tree node keeps a command\'s watch, and the last release drops it', async () => {
    withKServe(first);
    open();
    await model.connected();
    const cluster = model.cluster!;
    await cluster.showNamespace('team-a');
    const command = cluster.watchNamespace('team-a');
    await command.whenSettled();
    await waitFor(() => first.openWatches(isvcs('team-a')) === 1, { what: 'the watch' });
    cluster.hideNamespace('team-a');
    cluster.hideNamespace('team-a');
    // Relisting team-b's lease, with a shorter wait than any drop of team-a, proves no drop was scheduled.
    await cluster.readNamespace('team-b');
    await waitFor(() => cluster.namespaceState('team-b').kind === 'idle', { what: 'team-b to be dropped' });
    assert.equal(cluster.namespaceState('team-a').kind, 'synced', 'still watched for the command');
    assert.equal(first.openWatches(isvcs('team-a')), 1);
    command.dispose();
    await waitFor(() => first.openWatches(isvcs('team-a')) === 0, { what: 'the watch to close after the last release' });
    assert.deepEqual(cluster.watchedNamespaces(), []);
  });

  it('refresh relists what is watched, and rereads the kubeconfig when the connection had failed', async () => {
    withKServe(first);
    open();
    await model.connected();
    await model.cluster!.showNamespace('team-a');
    const lists = () => first.requests.filter((r) => r.path === isvcs('team-a') && !r.query.has('watch')).length;
    assert.equal(lists(), 1);
    await model.refresh({ kind: 'namespace', namespace: 'team-a' });
    await waitFor(() => lists() === 2, { what: 'the relist' });
    first.setDocument(DISCOVERY, { kind: 'APIResourceList', resources: [] });
    await model.refresh();
    const before = model.cluster;
    assert.ok(before);
    assert.equal(stateOf(model), 'ready', 'a ready cluster is relisted, not reconnected');
    second.set(NAMESPACES, [], 1);
    await model.useContext('second');
    assert.equal(stateOf(model), 'noKServe');
    withKServe(second);
    await model.refresh();
    assert.equal(stateOf(model), 'ready', 'the failed connection was made again');
    assert.notEqual(model.cluster, before);
  });
});
