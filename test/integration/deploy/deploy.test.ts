import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KServeToolkitApi } from '../../../src/extension';
import type { DeployArgs, DeployOutcome } from '../../../src/features/deploy';
import { failedToLoadStatus, TestCluster, uniqueName } from '../../support/cluster';
import { activateExtension, waitFor } from '../../support/extension';
import { startSimulator, type Simulator } from '../../simulator';
import { selectContext } from '../explorer/treeHelpers';
import { closeAllEditors, readExtensionLog, useSettings } from '../translate/helpers';

const TOKEN = 'hf_deploy_test_token_7f3a9c1e5b';
const CSC = { group: 'serving.kserve.io', version: 'v1alpha1', plural: 'clusterstoragecontainers' };

describe('guided deploy against the test cluster', function () {
  this.timeout(60_000);
  let api: KServeToolkitApi;
  let cluster: TestCluster;
  let namespace: string;
  let simulator: Simulator;
  let restore: () => Promise<void>;

  before(async () => {
    api = await activateExtension();
    cluster = TestCluster.fromEnv();
    namespace = await cluster.createNamespace(uniqueName('kst-deploy'));
    simulator = await startSimulator({ requireHost: `huggingface-t5.${namespace}.example.com` });
    restore = await useSettings({ 'ingress.url': simulator.url, 'endpoint.url': undefined });
    await selectContext(api.explorer, 'kapi');
  });

  after(async () => {
    await api?.translate.useInferenceService(undefined);
    await restore?.();
    await simulator?.close();
    await cluster.customObjects.deleteClusterCustomObject({ ...CSC, name: 'hf-hub' }).catch(() => undefined);
    await cluster?.cleanup();
    await closeAllEditors();
  });

  const args = (extra: Partial<DeployArgs> = {}): DeployArgs => ({
    context: 'kapi', namespace, modelId: 'google-t5/t5-small', modelName: 't5', name: 'huggingface-t5', backend: 'huggingface',
    resources: 'gpu', deploymentMode: 'default', token: TOKEN, review: 'deploy', translateSample: true, ...extra,
  });
  const exists = (promise: Promise<unknown>) => promise.then(() => true, () => false);

  it('cancelled at the review, creates nothing', async () => {
    const outcome = await vscode.commands.executeCommand<DeployOutcome>('kserve.deployModel', args({ review: 'cancel', name: 'never-created' }));
    assert.deepEqual([outcome.status, outcome.written, outcome.message], ['cancelled', [], 'Nothing was created.']);
    assert.equal(await exists(cluster.getInferenceService(namespace, 'never-created')), false);
    assert.equal(await exists(cluster.core.readNamespacedSecret({ namespace, name: 'hf-secret' })), false);
    assert.equal(await exists(cluster.customObjects.getClusterCustomObject({ ...CSC, name: 'hf-hub' })), false);
  });

  it('cancelled while following the service, deletes exactly what it created', async () => {
    const running = vscode.commands.executeCommand<DeployOutcome>('kserve.deployModel', args({ name: 't5-cancelled', token: null, translateSample: false }));
    await waitFor(() => exists(cluster.getInferenceService(namespace, 't5-cancelled')), 'the InferenceService to be applied');
    api.deploy.cancel();
    const outcome = await running;
    assert.equal(outcome.status, 'cancelled');
    assert.deepEqual(outcome.removed, [`InferenceService ${namespace}/t5-cancelled`]);
    assert.match(outcome.message ?? '', new RegExp(`^Deploy cancelled: deleted InferenceService ${namespace}/t5-cancelled\\.$`));
    await waitFor(async () => !(await exists(cluster.getInferenceService(namespace, 't5-cancelled'))), 'the InferenceService to be deleted');
  });

  it('creates the secret, the storage container and the InferenceService, follows it to Ready and translates a sample', async () => {
    const running = vscode.commands.executeCommand<DeployOutcome>('kserve.deployModel', args());
    await waitFor(() => exists(cluster.getInferenceService(namespace, 'huggingface-t5')), 'the InferenceService to be applied', 20_000);
    // A first revision that fails to load: the flow says why, and keeps following.
    await cluster.setStatus(namespace, 'huggingface-t5', failedToLoadStatus('ModelLoadFailed', 'CUDA out of memory. Tried to allocate 2.00 GiB'));
    await readExtensionLog(`${namespace}/huggingface-t5 is not Ready yet:`);
    // What KServe's controller would write once the predictor is up.
    await cluster.markReady(namespace, 'huggingface-t5');
    const outcome = await running;
    assert.equal(outcome.status, 'ready', outcome.message);
    assert.deepEqual(outcome.written, [`Secret ${namespace}/hf-secret`, 'ClusterStorageContainer hf-hub', `InferenceService ${namespace}/huggingface-t5`]);
    assert.equal(outcome.tested, true);

    const secret = await cluster.core.readNamespacedSecret({ namespace, name: 'hf-secret' });
    assert.deepEqual(secret.data, { HF_TOKEN: Buffer.from(TOKEN).toString('base64') });
    const csc = (await cluster.customObjects.getClusterCustomObject({ ...CSC, name: 'hf-hub' })) as { spec: Record<string, unknown> };
    assert.deepEqual(csc.spec, {
      container: {
        name: 'storage-initializer', image: 'kserve/storage-initializer:latest',
        env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-secret', key: 'HF_TOKEN', optional: false } } }],
        resources: { requests: { memory: '2Gi', cpu: '1' }, limits: { memory: '4Gi', cpu: '1' } },
      },
      supportedUriFormats: [{ prefix: 'hf://' }],
      // Defaults from the CRD, filled in by the API server.
      supportsMultiModelDownload: false,
      workloadType: 'initContainer',
    });
    const isvc = await cluster.getInferenceService(namespace, 'huggingface-t5');
    assert.deepEqual(isvc.spec, {
      predictor: {
        model: {
          modelFormat: { name: 'huggingface' },
          args: ['--model_name=t5', '--model_id=google-t5/t5-small', '--backend=huggingface'],
          env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf-secret', key: 'HF_TOKEN', optional: false } } }],
          resources: { limits: { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': '1' }, requests: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' } },
        },
      },
    });

    assert.equal(api.translate.activeEndpoint?.inferenceService?.name, 'huggingface-t5', 'the new service is the target');
    await waitFor(() => vscode.window.activeTextEditor?.document.getText() === 'Das Haus ist wunderbar.', 'the sample to be translated');
    assert.ok(simulator.requests.some((r) => r.path === '/openai/v1/completions'));

    const log = await readExtensionLog(`Deployed Secret ${namespace}/hf-secret`);
    assert.ok(!log.includes(TOKEN), 'the token is not in the log');
    const settings = path.join(os.tmpdir(), 'userData', 'User', 'settings.json');
    assert.ok(fs.existsSync(settings), `the user settings at ${settings}`);
    assert.ok(!fs.readFileSync(settings, 'utf8').includes(TOKEN), 'the token is not in the settings');
  });

  it('refuses vLLM for T5 before anything is written', async () => {
    await assert.rejects(api.deploy.run(args({ backend: 'vllm', name: 't5-vllm' })), /vLLM does not serve T5/);
    assert.equal(await exists(cluster.getInferenceService(namespace, 't5-vllm')), false);
  });
});
