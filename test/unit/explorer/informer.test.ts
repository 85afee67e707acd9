import { strict as assert } from 'node:assert';
import { RESOURCES } from '../../../src/core/explorer/resources';
import { IsvcSummary, summarizeInferenceService, unreadableInferenceService } from '../../../src/core/explorer/summary';
import { nullLogger } from '../../../src/core/logger';
import { KServeApi } from '../../../src/infra/kube/kserveApi';
import { ResourceInformer } from '../../../src/infra/kube/informer';
import { waitFor } from '../../support/cluster-wait';
import { FakeApiServer, isvcObject } from './fakeApiServer';

const PATH = '/apis/serving.kserve.io/v1beta1/namespaces/team-a/inferenceservices';

describe('explorer informer (list + watch against a scripted API server)', () => {
  let server: FakeApiServer;
  let api: KServeApi;
  let informer: ResourceInformer<IsvcSummary> | undefined;

  beforeEach(async () => {
    server = await FakeApiServer.start();
    api = server.api();
  });

  afterEach(async () => {
    informer?.dispose();
    api.dispose();
    await server.stop();
  });

  function start(pageSize = 2): ResourceInformer<IsvcSummary> {
    informer = new ResourceInformer({
      api, type: RESOURCES.inferenceServices, namespace: 'team-a', project: summarizeInferenceService, unreadable: unreadableInferenceService,
      pageSize: () => pageSize, logger: nullLogger, backoff: { initialMs: 20, maxMs: 100, factor: 2, jitter: 0.2 },
      watchTimeoutSeconds: () => 300,
    });
    informer.start();
    return informer;
  }

  const names = (i: ResourceInformer<IsvcSummary>) => i.values().map((v) => v.name).sort();

  it('lists page by page with limit/continue, then watches from the list resourceVersion with bookmarks', async () => {
    server.set(PATH, ['a', 'b', 'c', 'd', 'e'].map((n, i) => isvcObject(n, i + 1)), 5);
    const i = start(2);
    assert.equal((await i.whenSettled()).kind, 'synced');
    assert.deepEqual(names(i), ['a', 'b', 'c', 'd', 'e']);
    const lists = server.requests.filter((r) => !r.query.has('watch'));
    assert.deepEqual(lists.map((r) => [r.query.get('limit'), r.query.get('continue')]), [['2', null], ['2', '2'], ['2', '4']]);
    await waitFor(() => server.openWatches(PATH) === 1, { what: 'the watch to open' });
    const watch = server.requests.find((r) => r.query.get('watch') === 'true')!;
    assert.equal(watch.query.get('resourceVersion'), '5');
    assert.equal(watch.query.get('allowWatchBookmarks'), 'true');
    assert.equal(watch.query.get('timeoutSeconds'), '300');
  });

  it('applies watch events and keeps exactly one entry per service', async () => {
    server.set(PATH, [isvcObject('a', 1)], 1);
    const i = start();
    await i.whenSettled();
    await waitFor(() => server.openWatches(PATH) === 1, { what: 'watch' });
    const changes: string[] = [];
    i.onDidChange((c) => changes.push(...c.map((x) => `${x.kind}:${x.value.name}`)));
    server.push(PATH, 'MODIFIED', isvcObject('a', 2, 'False'));
    server.push(PATH, 'ADDED', isvcObject('b', 3));
    server.push(PATH, 'ADDED', isvcObject('b', 3));
    server.push(PATH, 'BOOKMARK', { metadata: { resourceVersion: '9' } });
    server.push(PATH, 'DELETED', isvcObject('a', 10));
    await waitFor(() => i.resourceVersion === '10', { what: 'the delete' });
    assert.deepEqual(changes, ['modified:a', 'added:b', 'deleted:a']);
    assert.deepEqual(names(i), ['b']);
  });

  it('relists after 410 Gone in the watch stream', async () => {
    server.set(PATH, [isvcObject('a', 1)], 1);
    const i = start();
    await i.whenSettled();
    await waitFor(() => server.openWatches(PATH) === 1, { what: 'watch' });
    server.set(PATH, [isvcObject('a', 1), isvcObject('z', 50)], 50);
    server.push(PATH, 'ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 1 (40)' });
    await waitFor(() => names(i).includes('z'), { what: 'the relist' });
    await waitFor(() => server.requests.filter((r) => r.query.get('watch') === 'true').at(-1)?.query.get('resourceVersion') === '50', { what: 'watch from the new list' });
    assert.equal(i.state.kind, 'synced');
  });

  it('backs off when every watch answers 410 Gone, instead of relisting in a tight loop', async () => {
    server.set(PATH, [isvcObject('a', 1)], 1);
    server.goneOnEveryWatch = true;
    const i = start();
    await i.whenSettled();
    const lists = () => server.requests.filter((r) => r.query.get('watch') !== 'true').length;
    await waitFor(() => lists() >= 2, { what: 'a relist', timeoutMs: 5_000 });
    const started = Date.now();
    const before = lists();
    await waitFor(() => lists() >= before + 5, { what: 'five more relists', timeoutMs: 5_000 });
    // The backoff (20 ms doubling to 100 ms, ±20%) spaces five relists over at least ~270 ms; without it they
    // took a few milliseconds.
    assert.ok(Date.now() - started >= 200, `five relists in ${Date.now() - started} ms`);
    assert.deepEqual(names(i), ['a'], 'the last list stays shown');
  });

  it('keeps a namespace live when one object is malformed, showing that one as Unknown with the reason', async () => {
    const odd = [
      null,
      { ...isvcObject('null-condition', 2), status: { conditions: [null] } },
      { ...isvcObject('untyped-condition', 3), status: { conditions: [{ status: 'True' }] } },
      { ...isvcObject('numeric-stop', 4), metadata: { name: 'numeric-stop', namespace: 'team-a', resourceVersion: '4', annotations: { 'serving.kserve.io/stop': 1 } } },
    ];
    server.set(PATH, [isvcObject('a', 1), ...odd as Record<string, unknown>[]], 4);
    const i = start(10);
    await i.whenSettled();
    assert.equal(i.state.kind, 'synced');
    assert.deepEqual(names(i), ['a', 'null-condition', 'numeric-stop', 'untyped-condition']);
    assert.equal(i.get('team-a/a')?.status.phase, 'Ready');
    for (const name of ['null-condition', 'numeric-stop', 'untyped-condition']) {
      const status = i.get(`team-a/${name}`)?.status;
      assert.equal(status?.phase, 'Unknown', name);
      assert.equal(status?.reason, 'Unreadable', name);
      assert.match(status?.message ?? '', /^KServe Toolkit cannot read this InferenceService: /, name);
    }
    await waitFor(() => server.openWatches(PATH) === 1, { what: 'watch' });
    server.push(PATH, 'ADDED', isvcObject('b', 5));
    await waitFor(() => names(i).includes('b'), { what: 'the namespace to stay live' });
  });

  it('restarts the list when a continue token expires', async () => {
    server.set(PATH, ['a', 'b', 'c'].map((n, k) => isvcObject(n, k + 1)), 3);
    server.expireContinueTokens = true;
    const i = start(2);
    await waitFor(() => server.requests.filter((r) => r.query.get('continue')).length >= 2, { what: 'a retried list' });
    server.expireContinueTokens = false;
    await waitFor(() => names(i).length === 3, { what: 'a complete list' });
    assert.deepEqual(names(i), ['a', 'b', 'c']);
  });

  it('shows "reconnecting" when the connection drops and resumes from the last resourceVersion', async () => {
    server.set(PATH, [isvcObject('a', 1)], 1);
    const i = start();
    await i.whenSettled();
    await waitFor(() => server.openWatches(PATH) === 1, { what: 'watch' });
    server.push(PATH, 'MODIFIED', isvcObject('a', 7, 'False'));
    await waitFor(() => i.resourceVersion === '7', { what: 'event' });
    const states: string[] = [];
    i.onDidChangeState((s) => states.push(s.kind));
    await server.pause();
    await waitFor(() => i.state.kind === 'reconnecting', { what: 'reconnecting state' });
    assert.equal(i.values().length, 1, 'last known items are kept while reconnecting');
    const before = server.requests.length;
    await server.resume();
    await waitFor(() => i.state.kind === 'synced', { what: 'recovery', timeoutMs: 5000 });
    const after = server.requests.slice(before);
    assert.ok(after.every((r) => r.query.get('watch') === 'true'), 'resumes with a watch, no relist');
    assert.equal(after[0]?.query.get('resourceVersion'), '7', 'from the last resourceVersion seen');
    assert.ok(states.includes('reconnecting'));
  });

  it('reports 403 as failed with a clear message and stops retrying', async () => {
    server.set(PATH, [], 1);
    server.forbid(PATH);
    const i = start();
    const state = await i.whenSettled();
    assert.equal(state.kind, 'failed');
    assert.ok(state.kind === 'failed' && state.error.kind === 'forbidden');
    assert.match(state.kind === 'failed' ? state.error.message : '', /You may not list InferenceServices in namespace team-a \(403 Forbidden\)/);
    assert.equal(i.running, false, 'no retries after a 403');
    assert.equal(server.requests.length, 1);
  });

  it('retries a 403 that follows a working watch, as from an API server that is still starting', async () => {
    server.set(PATH, [isvcObject('a', 1)], 1);
    const i = start();
    await i.whenSettled();
    await waitFor(() => server.openWatches(PATH) === 1, { what: 'watch' });
    server.forbid(PATH);
    const before = server.requests.length;
    server.dropWatches();
    await waitFor(() => server.requests.length >= before + 2, { what: 'two denied attempts' });
    server.allow(PATH);
    await waitFor(() => server.openWatches(PATH) === 1, { what: 'the watch to resume', timeoutMs: 5000 });
    assert.equal(i.state.kind, 'synced');
    assert.deepEqual(names(i), ['a']);
  });

  it('relists on restart() and resolves whenSettled() for the new list', async () => {
    server.set(PATH, [isvcObject('a', 1)], 1);
    const i = start();
    await i.whenSettled();
    server.set(PATH, [isvcObject('b', 2)], 2);
    i.restart();
    await i.whenSettled();
    assert.deepEqual(names(i), ['b']);
  });
});

