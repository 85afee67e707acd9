import { strict as assert } from 'node:assert';
import { RESOURCES } from '../../../src/core/explorer/resources';
import { IsvcSummary, summarizeInferenceService } from '../../../src/core/explorer/summary';
import { nullLogger } from '../../../src/core/logger';
import { KubeClient } from '../../../src/infra/kube/client';
import { ResourceInformer } from '../../../src/infra/kube/informer';
import { WatchRegistry } from '../../../src/app/explorer/watchRegistry';
import { waitFor } from '../../support/cluster-wait';
import { FakeApiServer, isvcObject } from './fakeApiServer';

const path = (ns: string) => `/apis/serving.kserve.io/v1beta1/namespaces/${ns}/inferenceservices`;

describe('explorer watch registry (collapsed namespaces cost nothing)', () => {
  let server: FakeApiServer;
  let client: KubeClient;
  let registry: WatchRegistry<IsvcSummary>;
  const dropped: string[] = [];

  beforeEach(async () => {
    server = await FakeApiServer.start();
    client = new KubeClient(server.kubeConfig());
    for (const ns of ['ns-a', 'ns-b']) server.set(path(ns), [isvcObject('t5', 1, 'True', ns)], 1);
    dropped.length = 0;
    registry = new WatchRegistry((ns) => new ResourceInformer({
      client, type: RESOURCES.inferenceServices, namespace: ns, project: summarizeInferenceService, pageSize: () => 500, logger: nullLogger,
    }), 60, (ns) => dropped.push(ns));
  });

  afterEach(async () => {
    registry.dispose();
    client.dispose();
    await server.stop();
  });

  it('watches a namespace only between acquire and release (after the grace period)', async () => {
    assert.equal(server.requests.length, 0, 'nothing is requested before a namespace is expanded');
    await registry.acquire('ns-a').whenSettled();
    await waitFor(() => server.openWatches(path('ns-a')) === 1, { what: 'the watch' });
    assert.equal(server.openWatches(path('ns-b')), 0);
    registry.release('ns-a');
    await waitFor(() => dropped.includes('ns-a'), { what: 'the release' });
    await waitFor(() => server.openWatches(path('ns-a')) === 0, { what: 'the watch to close' });
    assert.equal(registry.get('ns-a'), undefined);
    assert.equal(registry.state('ns-a').kind, 'idle');
  });

  it('keeps the watch when the namespace is expanded again within the grace period', async () => {
    const informer = registry.acquire('ns-b');
    await informer.whenSettled();
    registry.release('ns-b', 20);
    assert.equal(registry.acquire('ns-b'), informer, 'the same informer, no relist');
    const released = Date.now();
    registry.release('ns-b', 200);
    await waitFor(() => dropped.length > 0, { what: 'the second release' });
    assert.ok(Date.now() - released >= 190, 'the first release was cancelled: only the second one dropped it');
    assert.deepEqual(dropped, ['ns-b']);
    assert.equal(server.requests.filter((r) => !r.query.has('watch')).length, 1, 'listed once');
  });
});
