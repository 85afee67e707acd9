import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { ExplorerApi, ExplorerNode } from '../../../src/features/explorer';
import { inProgressStatus, TestCluster, uniqueName } from '../../support/cluster';
import {
  event, modelNotFoundLog, oomKilledStatus, podName, predictorPod, runningStatus, storageInitializerFailedStatus, unschedulableStatus,
} from '../../support/cluster-pods';
import { createEvent, createPod, registerNode } from '../../support/cluster-workloads';
import { activateExtension, waitFor } from '../../support/extension';
import { KubeletStandin } from '../../support/kubeletStandin';
import { selectContext, TreeReader } from './treeHelpers';

const hfSpec = (modelId: string, gpus = 0) => ({
  predictor: { model: { modelFormat: { name: 'huggingface' }, args: ['--model_name=t5', `--model_id=${modelId}`],
    resources: { limits: { cpu: '1', memory: '2Gi', ...(gpus ? { 'nvidia.com/gpu': String(gpus) } : {}) }, requests: { cpu: '1', memory: '2Gi' } } } },
});

describe('explorer: why is it not Ready? pods, events, logs and a diagnosis', function () {
  this.timeout(60_000);
  let api: ExplorerApi;
  let tree: TreeReader;
  let cluster: TestCluster;
  let standin: KubeletStandin;
  let ns: string;
  let node: string;

  before(async () => {
    api = (await activateExtension()).explorer;
    tree = new TreeReader(api);
    cluster = TestCluster.fromEnv();
    standin = await KubeletStandin.start();
    node = uniqueName('standin');
    await registerNode(cluster, node, standin);
    ns = await cluster.createNamespace(uniqueName('kst-why'));
    await selectContext(api, 'kapi');
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [ns]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await cluster?.cleanup();
    await cluster?.core.deleteNode({ name: node }).catch(() => undefined);
    await standin?.stop();
  });

  async function service(name: string, spec: Record<string, unknown>, pod: Record<string, unknown>, status: Record<string, unknown>) {
    await cluster.createInferenceService(ns, name, spec);
    await cluster.setStatus(ns, name, inProgressStatus());
    await createPod(cluster, pod, status, node);
  }

  async function diagnosisRow(name: string, expected: RegExp): Promise<ExplorerNode> {
    const isvc = await tree.service(ns, name);
    return waitFor(async () => {
      const first = (await tree.children(isvc))[0];
      return first?.kind === 'diagnosis' && expected.test(tree.label(first)) ? first : undefined;
    }, `the diagnosis of ${name} to match ${expected}`, 20_000);
  }

  it('out of memory: names the container and its limit, and the action opens the manifest at resources.limits.memory', async () => {
    await service('t5-oom', hfSpec('google-t5/t5-small'), predictorPod({ namespace: ns, isvc: 't5-oom', memoryLimit: '2Gi' }), oomKilledStatus());
    const row = await diagnosisRow('t5-oom', /^Out of memory: kserve-container was killed at its 2Gi memory limit$/);
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.explorer.runDiagnosisAction', row);
    assert.match(document.uri.path, /t5-oom\.yaml$/);
    const selected = vscode.window.activeTextEditor?.document.lineAt(vscode.window.activeTextEditor.selection.active.line).text ?? '';
    assert.match(selected, /^\s+memory: 2Gi$/);
  });

  it('Test Endpoint\'s failure says why the service is not Ready', async () => {
    const { translate } = await activateExtension();
    const result = await translate.testEndpoint({ context: 'kapi', namespace: ns, name: 't5-oom', url: '', model: 't5' });
    assert.equal(result.ok, false);
    assert.match(result.error?.message ?? '', new RegExp(`has no URL yet.* ${ns}/t5-oom is not Ready: Out of memory: kserve-container was killed at its 2Gi memory limit\\.$`));
  });

  it('pending for resources: the scheduler\'s FailedScheduling event names the missing GPU', async () => {
    const name = 't5-gpu';
    await service(name, hfSpec('google-t5/t5-small', 1), predictorPod({ namespace: ns, isvc: name, gpus: 1 }), unschedulableStatus());
    await createEvent(cluster, event({ namespace: ns, involved: { kind: 'Pod', name: podName({ isvc: name }) }, reason: 'FailedScheduling',
      message: '0/1 nodes are available: 1 Insufficient nvidia.com/gpu.', component: 'default-scheduler', count: 3 }));
    await diagnosisRow(name, /^Pending: the cluster lacks nvidia\.com\/gpu \(it asks for 1 GPU\)$/);
  });

  it('model not found: read from the storage initializer\'s log through the API server and the kubelet', async () => {
    const name = 't5-typo';
    const pod = podName({ isvc: name });
    standin.write(ns, pod, 'storage-initializer', modelNotFoundLog('google-t5/t5-smal'));
    standin.restart(ns, pod, 'storage-initializer');
    await service(name, hfSpec('google-t5/t5-smal'), predictorPod({ namespace: ns, isvc: name, storageUri: 'hf://google-t5/t5-smal' }), storageInitializerFailedStatus());
    const row = await diagnosisRow(name, /^Model not found: "google-t5\/t5-smal" is not on the Hugging Face Hub$/);
    assert.match(tree.tooltip(row), /HF\\?_TOKEN/);
    assert.ok(standin.requests.some((r) => r.path === `/containerLogs/${ns}/${pod}/storage-initializer` && r.query.get('previous') === 'true'));
    const isvc = await tree.service(ns, name);
    await waitFor(() => /Model not found/.test(tree.tooltip(isvc)), 'the diagnosis in the service tooltip');
  });

  it('lists pods by component with container states, and logs open with the kubelet\'s text and follow appends', async () => {
    const name = 't5-ok';
    const pod = podName({ isvc: name });
    standin.write(ns, pod, 'kserve-container', 'INFO:kserve:Starting uvicorn with 1 workers\nINFO:     Application startup complete.\n');
    await cluster.createInferenceService(ns, name, hfSpec('google-t5/t5-small'));
    await cluster.markReady(ns, name);
    await createPod(cluster, predictorPod({ namespace: ns, isvc: name }), runningStatus(), node);
    const isvc = await tree.service(ns, name);
    const children = await tree.children(isvc);
    assert.ok(!children.some((c) => c.kind === 'diagnosis'), 'a Ready service has no diagnosis');
    const pods = children.find((c) => c.kind === 'pods')!;
    const podRow = await waitFor(async () => (await tree.children(pods)).find((c) => c.kind === 'pod'), 'the pod row');
    assert.match(tree.description(podRow), /^predictor · Running 1\/1$/);
    const containers = await tree.children(podRow);
    assert.deepEqual(containers.map((c) => tree.label(c)), ['storage-initializer', 'kserve-container']);
    assert.match(tree.description(containers[0]), /^init · terminated: Completed \(exit 0\)$/);

    const logs = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.pod.showLogs', containers[1]);
    assert.match(logs.getText(), /Application startup complete\./);
    const followed = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.pod.showLogs',
      { namespace: ns, pod, container: 'kserve-container', follow: true, isvc: name });
    await waitFor(() => standin.followers(ns, pod, 'kserve-container') === 1, 'the follow request to reach the kubelet');
    standin.write(ns, pod, 'kserve-container', 'INFO:     127.0.0.1 - "POST /openai/v1/completions HTTP/1.1" 200 OK\n');
    await waitFor(() => followed.getText().includes('POST /openai/v1/completions'), 'the followed line in the tab');
    await vscode.window.showTextDocument(followed);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(() => standin.followers(ns, pod, 'kserve-container') === 0, 'following to stop when the tab closes', 15_000);
  });

  it('keeps the newest 2 MiB of a very long log, and says that older lines were dropped', async () => {
    const pod = podName({ isvc: 't5-ok' });
    const line = (i: number) => `INFO:     127.0.0.1 - "POST /openai/v1/completions HTTP/1.1" 200 OK request ${String(i).padStart(6, '0')}`;
    standin.write(ns, pod, 'kserve-container', Array.from({ length: 40_000 }, (_, i) => line(i)).join('\n'));
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.pod.showLogs',
      { namespace: ns, pod, container: 'kserve-container', whole: true, isvc: 't5-ok' });
    const text = document.getText();
    assert.match(text.split('\n')[1], /^# Older lines were dropped: this tab keeps the newest 2 MiB\.$/);
    assert.ok(text.length <= 2 * 1024 * 1024 + 1000, `${text.length} characters`);
    assert.ok(text.includes(line(39_999)), 'the newest line is there');
    assert.ok(!text.includes(line(0)), 'the oldest line is not');
  });

  it('merges the service\'s events with its pods\', newest first', async () => {
    const name = 't5-oom';
    await createEvent(cluster, event({ namespace: ns, involved: { kind: 'InferenceService', name }, reason: 'InternalError',
      message: 'fails to reconcile predictor', component: 'v1beta1Controllers', secondsAgo: 120 }));
    await createEvent(cluster, event({ namespace: ns, involved: { kind: 'Pod', name: podName({ isvc: name }) }, reason: 'BackOff',
      message: 'Back-off restarting failed container kserve-container', secondsAgo: 5, count: 7 }));
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('kserve.isvc.showEvents', await tree.service(ns, name));
    const text = document.getText();
    const backOff = text.indexOf('BackOff');
    const internal = text.indexOf('InternalError');
    assert.ok(backOff > 0 && internal > backOff, text);
    assert.match(text, /⚠ Warning\s+BackOff\s+x7\s+kubelet\s+Pod\/t5-oom-predictor-/);
  });
});
