import { strict as assert } from 'node:assert';
import * as k8s from '@kubernetes/client-node';
import { CLUSTER_CONTEXTS, TestCluster, uniqueName } from '../../support/cluster';

describe('test cluster (inside VS Code)', () => {
  let cluster: TestCluster;
  let namespace: string;

  before(async () => {
    cluster = TestCluster.fromEnv();
    namespace = await cluster.createNamespace(uniqueName('found'));
  });

  after(() => cluster?.cleanup());

  it('creates an InferenceService that client-node lists back with its status', async () => {
    await cluster.createInferenceService(namespace, 'huggingface-t5');
    await cluster.markReady(namespace, 'huggingface-t5');
    // A separate client built from the kubeconfig the extension host was given, as the extension itself will.
    const kubeConfig = new k8s.KubeConfig();
    kubeConfig.loadFromDefault();
    assert.equal(kubeConfig.getCurrentContext(), CLUSTER_CONTEXTS.admin);
    const api = kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    const list = (await api.listNamespacedCustomObject({
      group: 'serving.kserve.io', version: 'v1beta1', plural: 'inferenceservices', namespace,
    })) as { items: { metadata: { name: string }; status?: { url?: string; conditions?: { type: string; status: string }[] } }[] };
    assert.deepEqual(list.items.map((i) => i.metadata.name), ['huggingface-t5']);
    const [isvc] = list.items;
    assert.equal(isvc.status?.url, `http://huggingface-t5.${namespace}.example.com`);
    assert.equal(isvc.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
  });

  it('rejects an invalid InferenceService with the CRD schema', async () => {
    await assert.rejects(
      cluster.createInferenceService(namespace, 'bad', { predictor: { minReplicas: 'two' } }),
      (err: unknown) => err instanceof k8s.ApiException && err.code === 422 && /minReplicas/.test(String(err.body)),
    );
  });
});
