// End-to-end check of a running test cluster through test/support/cluster.ts. Starts nothing itself.
// Usage: KSERVE_TEST_STATE=<state dir> node out/test/cluster/smoke.js
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import {
  CLUSTER_CONTEXTS, ISVC_GROUP, ISVC_PLURAL, ISVC_VERSION, RBAC_NAMESPACES, TestCluster, conditionStatus,
  failedToLoadStatus, httpStatusOf, inProgressStatus, stoppedStatus, type InferenceService,
} from '../support/cluster';

const timings: string[] = [];
async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  const result = await action();
  timings.push(`${name}: ${Date.now() - startedAt} ms`);
  console.log(`ok  ${name} (${Date.now() - startedAt} ms)`);
  return result;
}

async function listStatus(kubeConfig: k8s.KubeConfig, namespace: string): Promise<number> {
  try {
    await kubeConfig.makeApiClient(k8s.CustomObjectsApi).listNamespacedCustomObject({
      group: ISVC_GROUP, version: ISVC_VERSION, plural: ISVC_PLURAL, namespace,
    });
    return 200;
  } catch (error) {
    const status = httpStatusOf(error);
    if (status === undefined) throw error;
    return status;
  }
}

async function main(): Promise<void> {
  const cluster = TestCluster.fromEnv();
  const name = 'huggingface-t5';
  const namespace = await step('create namespace', () => cluster.createNamespace());
  const watch = await step('start watch', () => cluster.watchInferenceServices(namespace));

  await step('create T5 InferenceService', () => cluster.createInferenceService(namespace, name));
  await step('mark Ready', () => cluster.markReady(namespace, name));

  await step('list with client-node', async () => {
    const api = cluster.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    const list = (await api.listNamespacedCustomObject({
      group: ISVC_GROUP, version: ISVC_VERSION, plural: ISVC_PLURAL, namespace,
    })) as { items: InferenceService[] };
    assert.equal(list.items.length, 1);
    const [isvc] = list.items;
    assert.equal(conditionStatus(isvc, 'Ready'), 'True');
    assert.equal(isvc.status?.url, `http://${name}.${namespace}.example.com`);
    assert.equal(isvc.status?.modelStatus?.states?.activeModelState, 'Loaded');
    assert.deepEqual((isvc.spec.predictor as { model: { args: string[] } }).model.args,
      ['--model_name=t5', '--model_id=google-t5/t5-small', '--backend=huggingface']);
  });

  await step('watch sees ADDED then MODIFIED(Ready)', async () => {
    await watch.waitForEvent((e) => e.type === 'ADDED' && e.object.metadata.name === name, { what: 'ADDED' });
    await watch.waitForEvent((e) => e.type === 'MODIFIED' && conditionStatus(e.object, 'Ready') === 'True',
      { what: 'MODIFIED with Ready=True' });
  });

  await step('status builders pass the CRD schema', async () => {
    for (const status of [failedToLoadStatus('ModelLoadFailed', 'OOMKilled', { revision: `${name}-predictor-00001` }),
      inProgressStatus({ modelState: 'Loading' }), stoppedStatus()]) {
      const updated = await cluster.setStatus(namespace, name, status);
      assert.equal(conditionStatus(updated, 'Ready'), status.conditions?.find((c) => c.type === 'Ready')?.status);
      assert.equal(updated.status?.url, undefined, 'status is replaced, not merged');
    }
    await cluster.markReady(namespace, name);
  });

  await step('limited user: 200 in team-a, 403 in team-b, may list namespaces', async () => {
    const limited = cluster.kubeConfigFor(CLUSTER_CONTEXTS.limited);
    assert.equal(await listStatus(limited, RBAC_NAMESPACES.allowed), 200);
    assert.equal(await listStatus(limited, RBAC_NAMESPACES.forbidden), 403);
    const namespaces = await limited.makeApiClient(k8s.CoreV1Api).listNamespace();
    assert.ok(namespaces.items.some((ns) => ns.metadata?.name === RBAC_NAMESPACES.forbidden));
  });

  await step('bare server has no serving.kserve.io, main has it', async () => {
    assert.ok(!(await cluster.apiGroupNames(CLUSTER_CONTEXTS.bare)).includes(ISVC_GROUP));
    assert.ok((await cluster.apiGroupNames(CLUSTER_CONTEXTS.admin)).includes(ISVC_GROUP));
  });

  await step('restart kube-apiserver', () => cluster.restartApiServer());
  await step('watch stream ended by the restart', () => watch.ended.then(() => undefined));
  await step('list again after restart', async () => {
    const items = await cluster.listInferenceServices(namespace);
    assert.deepEqual(items.map((i) => i.metadata.name), [name]);
    assert.equal(conditionStatus(items[0], 'Ready'), 'True');
  });

  watch.stop();
  await step('cleanup', () => cluster.cleanup());
  assert.deepEqual(await cluster.listInferenceServices(namespace), []);
  console.log(`smoke passed (namespace ${namespace})\n  ${timings.join('\n  ')}`);
}

main().catch((error: unknown) => {
  console.error('smoke FAILED:', error);
  process.exit(1);
});
