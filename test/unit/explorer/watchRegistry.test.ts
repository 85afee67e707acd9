import { strict as assert } from 'node:assert';
import { RESOURCES } from '../../../src/core/explorer/resources';
import { IsvcSummary, summarizeInferenceService } from '../../../src/core/explorer/summary';
import { nullLogger } from '../../../src/core/logger';
import { KServeApi } from '../../../src/infra/kube/kserveApi';
import { ResourceInformer } from '../../../src/infra/kube/informer';
import { WatchRegistry } from '../../../src/app/explorer/watchRegistry';
import { waitFor } from '../../support/cluster-wait';
import { FakeApiServer, isvcObject } from './fakeApiServer';

const path = (ns: string) => `/apis/serving.kserve.io/v1beta1/namespaces/${ns}/inferenceservices`;

describe('explorer watch registry (collapsed namespaces cost nothing)', () => {
  let server: FakeApiServer;
  let api: KServeApi;
  let registry: WatchRegistry<IsvcSummary>;
  const dropped: string[] = [];

  beforeEach(async () => {
    server = await FakeApiServer.start();
    api = server.api();
    for (const ns of ['ns-a', 'ns-b']) server.set(path(ns), [isvcObject('t5', 1, 'True', ns)], 1);
    dropped.length = 0;
    registry = new WatchRegistry((ns) => new ResourceInformer({
      api, type: RESOURCES.inferenceServices, namespace: ns, project: summarizeInferenceService, pageSize: () => 500, logger: nullLogger,
    }), 60, (ns) => dropped.push(ns));
  });

  afterEach(async () => {
    registry.dispose();
    api.dispose();
    await server.stop();
  });

  it('watches a namespace only between acquire and release (after the grace period)', async () => {
    assert.equal(server.requests.length, 0, 'nothing is requested before a namespace is expanded');
    const lease = registry.acquire('ns-a');
    await lease.whenSettled();
    await waitFor(() => server.openWatches(path('ns-a')) === 1, { what: 'the watch' });
    assert.equal(server.openWatches(path('ns-b')), 0);
    lease.dispose();
    await waitFor(() => dropped.includes('ns-a'), { what: 'the release' });
    await waitFor(() => server.openWatches(path('ns-a')) === 0, { what: 'the watch to close' });
    assert.equal(registry.get('ns-a'), undefined);
    assert.equal(registry.state('ns-a').kind, 'idle');
  });

  it('keeps the watch when the namespace is expanded again within the grace period', async () => {
    const first = registry.acquire('ns-b');
    await first.whenSettled();
    first.release(20);
    const second = registry.acquire('ns-b');
    assert.equal(second.informer, first.informer, 'the same informer, no relist');
    const released = Date.now();
    second.release(200);
    await waitFor(() => dropped.length > 0, { what: 'the second release' });
    assert.ok(Date.now() - released >= 190, 'the first release was cancelled: only the second one dropped it');
    assert.deepEqual(dropped, ['ns-b']);
    assert.equal(server.requests.filter((r) => !r.query.has('watch')).length, 1, 'listed once');
  });

  it('counts holders: one holder letting go never stops the watch of another, and a lease releases once', async () => {
    const tree = registry.acquire('ns-a');
    const command = registry.acquire('ns-a');
    await command.whenSettled();
    assert.equal(registry.holders('ns-a'), 2);
    tree.release(0);
    tree.release(0);
    tree.dispose();
    assert.equal(registry.holders('ns-a'), 1, 'a second release of the same lease counts for nothing');
    // A drop of ns-a, had one been scheduled, would have fired before this later one.
    registry.acquire('ns-b').release(0);
    await waitFor(() => dropped.includes('ns-b'), { what: 'the drop of ns-b' });
    assert.ok(!dropped.includes('ns-a'), 'still held by the command');
    assert.equal(server.openWatches(path('ns-a')), 1);
    command.dispose();
    await waitFor(() => dropped.includes('ns-a'), { what: 'the drop after the last release' });
    assert.equal(registry.holders('ns-a'), 0);
  });
});
