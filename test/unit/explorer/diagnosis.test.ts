import { strict as assert } from 'node:assert';
import { containersToRead, diagnose, DiagnosisInput, logKey } from '../../../src/core/explorer/diagnosis';
import { serviceEvents, summarizeEvent } from '../../../src/core/explorer/events';
import { containerLabel, defaultLogContainer, podLabel, summarizePod } from '../../../src/core/explorer/pods';
import { KubeObject } from '../../../src/core/explorer/resources';
import { summarizeInferenceService } from '../../../src/core/explorer/summary';
import { failedToLoadStatus, inProgressStatus, readyStatus } from '../../support/cluster-isvc';
import {
  event, imagePullStatus, modelNotFoundLog, oomKilledStatus, podName, predictorPod, runningStatus, storageInitializerFailedStatus,
  unschedulableStatus,
} from '../../support/cluster-pods';

const NS = 'team-a';
const ISVC = 'huggingface-t5';

function isvc(status: object, args = ['--model_name=t5', '--model_id=google-t5/t5-small'], gpus = 0) {
  return summarizeInferenceService({
    apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: ISVC, namespace: NS },
    spec: { predictor: { model: { modelFormat: { name: 'huggingface' }, args,
      resources: gpus ? { limits: { 'nvidia.com/gpu': String(gpus) } } : undefined } } },
    status,
  });
}

const pod = (status: Record<string, unknown>, extra: Partial<Parameters<typeof predictorPod>[0]> = {}) =>
  summarizePod({ ...predictorPod({ namespace: NS, isvc: ISVC, ...extra }), status } as unknown as KubeObject);
const events = (...objects: Record<string, unknown>[]) => objects.map((o) => summarizeEvent(o as unknown as KubeObject));
const input = (partial: Partial<DiagnosisInput> & Pick<DiagnosisInput, 'isvc'>): DiagnosisInput => ({ pods: [], events: [], ...partial });

describe('explorer diagnosis (why is it not Ready?)', () => {
  it('reads pods as the kubelet writes them: phase, readiness, restarts, init containers and the last termination', () => {
    const oom = pod(oomKilledStatus(3), { memoryLimit: '2Gi' });
    assert.equal(oom.component, 'predictor');
    assert.equal(podLabel(oom), 'CrashLoopBackOff 0/1 · 3 restarts');
    const server = oom.containers.find((c) => c.name === 'kserve-container')!;
    assert.equal(server.memoryLimit, '2Gi');
    assert.match(containerLabel(server), /^waiting: CrashLoopBackOff · last: OOMKilled \(exit 137\) at /);
    assert.deepEqual(oom.containers.map((c) => [c.name, c.init]), [['storage-initializer', true], ['kserve-container', false]]);
    assert.equal(defaultLogContainer(oom), 'kserve-container');
    assert.equal(defaultLogContainer(pod(storageInitializerFailedStatus())), 'storage-initializer');
    const pending = pod(unschedulableStatus());
    assert.deepEqual(pending.containers.map((c) => c.state), ['unknown', 'unknown'], 'a pod never started lists its spec containers');
    assert.equal(pod(runningStatus()).ready, true);
  });

  it('out of memory: names the container and its limit, and opens the manifest at resources.limits.memory', () => {
    const found = diagnose(input({ isvc: isvc(inProgressStatus()), pods: [pod(oomKilledStatus(), { memoryLimit: '2Gi' })] }));
    assert.equal(found?.cause, 'outOfMemory');
    assert.equal(found?.summary, 'Out of memory: kserve-container was killed at its 2Gi memory limit');
    assert.deepEqual(found?.action, { kind: 'openManifest', field: 'resources.limits.memory' });
    const byEvent = diagnose(input({ isvc: isvc(inProgressStatus()), events: events(event({
      namespace: NS, involved: { kind: 'Pod', name: podName({ isvc: ISVC }) }, reason: 'OOMKilling', message: 'Memory cgroup out of memory: Killed process 4242 (python)',
    })) }));
    assert.equal(byEvent?.cause, 'outOfMemory');
  });

  it('pending for resources: names what the cluster lacks, from the scheduler\'s event', () => {
    const found = diagnose(input({
      isvc: isvc(inProgressStatus(), undefined, 1), pods: [pod(unschedulableStatus(), { gpus: 1 })],
      events: events(event({ namespace: NS, involved: { kind: 'Pod', name: podName({ isvc: ISVC }) }, reason: 'FailedScheduling',
        message: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.', component: 'default-scheduler', count: 4 })),
    }));
    assert.equal(found?.cause, 'unschedulable');
    assert.equal(found?.summary, 'Pending: the cluster lacks nvidia.com/gpu (it asks for 1 GPU)');
    assert.match(found?.detail ?? '', /0\/3 nodes are available: 3 Insufficient nvidia\.com\/gpu\./);
    assert.deepEqual(found?.action, { kind: 'showEvents' });
  });

  it('model not found: reads the failed storage initializer\'s log, names the model id and points at the token and ClusterStorageContainer', () => {
    const failing = pod(storageInitializerFailedStatus());
    assert.deepEqual(containersToRead([failing]), [{ pod: failing.name, container: 'storage-initializer', previous: true }]);
    const logs = new Map([[logKey(failing.name, 'storage-initializer'), modelNotFoundLog('google-t5/t5-smal')]]);
    const found = diagnose(input({ isvc: isvc(inProgressStatus(), ['--model_name=t5', '--model_id=google-t5/t5-smal']), pods: [failing], logs }));
    assert.equal(found?.cause, 'modelNotFound');
    assert.equal(found?.summary, 'Model not found: "google-t5/t5-smal" is not on the Hugging Face Hub');
    assert.match(found?.detail ?? '', /HF_TOKEN/);
    assert.match(found?.detail ?? '', /ClusterStorageContainer/);
    assert.deepEqual(found?.action, { kind: 'showLogs', pod: failing.name, container: 'storage-initializer', previous: true });
    const refused = diagnose(input({
      isvc: isvc(inProgressStatus()), pods: [failing],
      logs: new Map([[logKey(failing.name, 'storage-initializer'), 'huggingface_hub.errors.GatedRepoError: 403 Client Error.\nYou are trying to access a gated repo.']]),
    }));
    assert.equal(refused?.cause, 'tokenRefused');
  });

  it('image pulls, crash loops with their last log lines, lastFailureInfo and a missing runtime', () => {
    assert.equal(diagnose(input({ isvc: isvc(inProgressStatus()), pods: [pod(imagePullStatus())] }))?.cause, 'imagePull');
    const crashing = pod(storageInitializerFailedStatus());
    const crash = diagnose(input({ isvc: isvc(inProgressStatus()), pods: [crashing],
      logs: new Map([[logKey(crashing.name, 'storage-initializer'), 'line 1\nline 2\nValueError: unsupported storage uri\n']]) }));
    assert.equal(crash?.cause, 'crashLoop');
    assert.match(crash?.detail ?? '', /ValueError: unsupported storage uri/);
    const failed = diagnose(input({ isvc: isvc(failedToLoadStatus('ModelLoadFailed', 'Failed to load model: t5')) }));
    assert.equal(failed?.cause, 'modelLoadFailed');
    const noRuntime = diagnose(input({ isvc: isvc(failedToLoadStatus('NoSupportingRuntime', 'No runtime found to support predictor with model type: {foo <nil>}')) }));
    assert.equal(noRuntime?.cause, 'noRuntime');
    assert.deepEqual(noRuntime?.action, { kind: 'openManifest', field: 'modelFormat' });
  });

  it('otherwise the newest warning event, verbatim; and a Ready service has no diagnosis even when an old pod failed', () => {
    const warnings = events(
      event({ namespace: NS, involved: { kind: 'InferenceService', name: ISVC }, reason: 'InternalError', message: 'older', secondsAgo: 300 }),
      event({ namespace: NS, involved: { kind: 'InferenceService', name: ISVC }, reason: 'UpdateFailed', message: 'fails to reconcile predictor', secondsAgo: 10 }),
    );
    const found = diagnose(input({ isvc: isvc(inProgressStatus()), events: serviceEvents(warnings, ISVC, []) }));
    assert.equal(found?.summary, 'UpdateFailed: fails to reconcile predictor');
    assert.equal(diagnose(input({ isvc: isvc(readyStatus({ url: `http://${ISVC}.${NS}.example.com` })), pods: [pod(oomKilledStatus())], events: warnings })), undefined);
  });

  it('merges the events of the service and of what KServe made for it, newest first, and leaves other services\' out', () => {
    const pods = [podName({ isvc: ISVC })];
    const merged = serviceEvents(events(
      event({ namespace: NS, involved: { kind: 'InferenceService', name: ISVC }, reason: 'A', message: '', secondsAgo: 30 }),
      event({ namespace: NS, involved: { kind: 'Pod', name: pods[0] }, reason: 'B', message: '', secondsAgo: 10 }),
      event({ namespace: NS, involved: { kind: 'Revision', name: `${ISVC}-predictor-00001` }, reason: 'C', message: '', secondsAgo: 20 }),
      event({ namespace: NS, involved: { kind: 'Deployment', name: `${ISVC}-predictor` }, reason: 'D', message: '', secondsAgo: 40 }),
      event({ namespace: NS, involved: { kind: 'Pod', name: 'other-predictor-1' }, reason: 'X', message: '' }),
      event({ namespace: NS, involved: { kind: 'Deployment', name: `${ISVC}-predictorx` }, reason: 'Y', message: '' }),
    ), ISVC, pods);
    assert.deepEqual(merged.map((e) => e.reason), ['B', 'C', 'A', 'D']);
  });
});
