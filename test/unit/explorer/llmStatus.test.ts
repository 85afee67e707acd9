import { strict as assert } from 'node:assert';
import { extractLlmDetails, llmServiceUrl } from '../../../src/core/explorer/llmDetails';
import { deriveLlmStatus, llmTopology, topologyLabel } from '../../../src/core/explorer/llmStatus';
import { KubeObject } from '../../../src/core/explorer/resources';
import { statusLabel, STOP_ANNOTATION } from '../../../src/core/explorer/status';
import { summarizeLlmInferenceService } from '../../../src/core/explorer/summary';
import {
  llmAutoscalingStatus, llmFailingScalingStatus, llmGatewayNotReadyStatus, llmMissingConfigStatus, llmMultiNodeStartingStatus,
  llmPrefillFailingStatus, llmReadyStatus, LlmStatus, llmStoppedStatus, optSpec,
} from '../../support/cluster-llmisvc';

const GATEWAY = 'http://172.18.0.3';

function llmisvc(status: LlmStatus | undefined, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'serving.kserve.io/v1alpha2', kind: 'LLMInferenceService',
    metadata: { name: 'opt-125m', namespace: 'llm-demo', ...(annotations ? { annotations } : {}) },
    spec: optSpec(), ...(status ? { status } : {}),
  };
}

const ready = () => llmReadyStatus({ gateway: GATEWAY, namespace: 'llm-demo', name: 'opt-125m', model: 'facebook/opt-125m' });

describe('LLMInferenceService status', () => {
  it('is Ready when Ready is True, and reads the topology from status: single-node with the scheduler', () => {
    const object = llmisvc(ready());
    assert.deepEqual(deriveLlmStatus(object), { phase: 'Ready' });
    assert.equal(topologyLabel(llmTopology(object)), 'single-node · scheduler');
  });

  it('is Ready from WorkloadsReady ∧ RouterReady when the Ready condition is missing, and not from one of them', () => {
    const both = { conditions: [{ type: 'WorkloadsReady', status: 'True' as const }, { type: 'RouterReady', status: 'True' as const }] };
    assert.equal(deriveLlmStatus(llmisvc(both)).phase, 'Ready');
    const one = { conditions: [{ type: 'WorkloadsReady', status: 'True' as const }, { type: 'RouterReady', status: 'Unknown' as const }] };
    assert.deepEqual(deriveLlmStatus(llmisvc(one)), {
      phase: 'InProgress', reason: 'RouterReadyUnknown', message: 'RouterReady is not known yet: the controller is still reconciling.',
      failingCondition: one.conditions[1],
    });
  });

  it('shows the PresetsCombined reason when it is False, although Ready stays Unknown', () => {
    const status = deriveLlmStatus(llmisvc(llmMissingConfigStatus('team-overrides', 'llm-demo')));
    assert.equal(status.phase, 'NotReady');
    assert.equal(status.reason, 'ConfigNotFound');
    assert.equal(status.failingCondition?.type, 'PresetsCombined');
    assert.match(status.message ?? '', /LLMInferenceServiceConfig 'team-overrides' not found/);
    assert.equal(statusLabel(status), 'NotReady · ConfigNotFound');
  });

  it('stays Ready with a warning when PresetsCombined turns False on a serving service', () => {
    const status = ready();
    status.conditions = status.conditions!.map((c) => (c.type === 'PresetsCombined' ? { ...c, status: 'False', reason: 'CombineBaseError', message: 'conflict in baseRefs' } : c));
    const derived = deriveLlmStatus(llmisvc(status));
    assert.equal(derived.phase, 'Ready');
    assert.match(derived.warning ?? '', /^PresetsCombined is False \(CombineBaseError\): conflict in baseRefs\./);
  });

  it('explains a failure by the most specific False condition, not by Ready or the aggregate', () => {
    const scaling = deriveLlmStatus(llmisvc(llmFailingScalingStatus()));
    assert.equal(scaling.phase, 'NotReady');
    assert.equal(scaling.failingCondition?.type, 'ScalingReady');
    assert.equal(scaling.reason, 'FailedGetExternalMetric');
    const gateway = deriveLlmStatus(llmisvc(llmGatewayNotReadyStatus()));
    assert.equal(gateway.failingCondition?.type, 'GatewaysReady');
    assert.equal(statusLabel(gateway), 'NotReady · GatewaysNotReady');
    const prefill = deriveLlmStatus(llmisvc(llmPrefillFailingStatus('opt-125m')));
    assert.equal(prefill.failingCondition?.type, 'PrefillWorkloadReady');
  });

  it('is InProgress while a sub-condition is Unknown, naming it', () => {
    const status = deriveLlmStatus(llmisvc(llmMultiNodeStartingStatus('opt-125m')));
    assert.equal(status.phase, 'InProgress');
    assert.equal(status.failingCondition?.type, 'WorkerWorkloadReady');
    assert.equal(status.reason, 'LeaderWorkerSetProgressing');
  });

  it('is Stopped by the stop annotation or the Stopped reason, and Stopping while still Ready', () => {
    assert.equal(deriveLlmStatus(llmisvc(llmStoppedStatus())).phase, 'Stopped');
    assert.equal(deriveLlmStatus(llmisvc(undefined, { [STOP_ANNOTATION]: 'true' })).reason, 'StopRequested');
    assert.equal(deriveLlmStatus(llmisvc(ready(), { [STOP_ANNOTATION]: 'true' })).reason, 'Stopping');
  });

  it('is Unknown with no status, and odd conditions do not throw', () => {
    assert.equal(deriveLlmStatus(llmisvc(undefined)).reason, 'NoStatus');
    const odd = llmisvc({ conditions: [null, 7, { status: 'True' }, { type: 'GroupDegraded', status: 'True' }] as never });
    assert.equal(deriveLlmStatus(odd).reason, 'NoReadyCondition');
    assert.equal(summarizeLlmInferenceService({ metadata: { name: 'x' }, status: 'nonsense' } as never).status.phase, 'Unknown');
  });

  it('tells every documented topology apart', () => {
    const label = (status: LlmStatus) => topologyLabel(llmTopology(llmisvc(status)));
    assert.equal(label(llmAutoscalingStatus()), 'single-node · autoscaling');
    assert.equal(label(llmMultiNodeStartingStatus('x')), 'multi-node · scheduler');
    assert.equal(label(llmPrefillFailingStatus('x')), 'prefill-decode');
    assert.equal(label({ conditions: [{ type: 'WorkerWorkloadReady', status: 'True' }, { type: 'PrefillWorkerWorkloadReady', status: 'True' }] }),
      'multi-node prefill-decode');
    assert.equal(label({ conditions: [{ type: 'Ready', status: 'Unknown' }] }), undefined);
  });
});

describe('LLMInferenceService details', () => {
  it('prefers the path-based URL, external before internal, and never a model-routing root', () => {
    assert.equal(llmServiceUrl(llmisvc(ready())), `${GATEWAY}/llm-demo/opt-125m`);
    const rootOnly = { ...ready(), url: `${GATEWAY}/` };
    assert.equal(llmServiceUrl(llmisvc(rootOnly)), `${GATEWAY}/llm-demo/opt-125m`, 'from the gateway-external address');
    assert.equal(llmServiceUrl(llmisvc({ addresses: [{ url: 'http://opt-125m-kserve-workload-svc.llm-demo.svc.cluster.local' }] })),
      'http://opt-125m-kserve-workload-svc.llm-demo.svc.cluster.local');
    assert.equal(llmServiceUrl(llmisvc(undefined)), undefined);
  });

  it('reads the model, the addresses with their models, the presets and the workloads', () => {
    const d = extractLlmDetails(llmisvc(ready()));
    assert.equal(d.modelName, 'facebook/opt-125m');
    assert.equal(d.modelId, 'facebook/opt-125m');
    assert.equal(d.llm?.modelUri, 'hf://facebook/opt-125m');
    assert.deepEqual(d.llm?.addresses.map((a) => a.name), ['gateway-external-model-routing', 'gateway-external']);
    assert.deepEqual(d.llm?.addresses[1].models, ['publishers/llm-demo/models/facebook/opt-125m', 'facebook/opt-125m']);
    assert.equal(d.llm?.presets?.status, 'True');
    assert.deepEqual(d.llm?.appliedConfigs, ['kserve/kserve-config-llm-template (Preset)']);
    assert.deepEqual(d.llm?.workloads, ['primary: Deployment opt-125m-kserve', 'service: Service opt-125m-kserve-workload-svc',
      'scheduler: Deployment opt-125m-kserve-router-scheduler']);
    assert.equal(d.conditions.length, 9);
  });

  it('names the model after the service when spec.model.name is absent, as KServe defaults it', () => {
    const object = llmisvc(undefined);
    object.spec = { model: { uri: 'hf://Qwen/Qwen2.5-0.5B' } };
    assert.equal(extractLlmDetails(object).modelName, 'opt-125m');
  });
});
