// LLMInferenceService shapes and the statuses KServe's controller writes, after the status reference
// (kserve/website docs/model-serving/generative-inference/llmisvc/llmisvc-status.md) and its samples.
import type { TestCluster } from './cluster';

export const LLM_GROUP = 'serving.kserve.io';
export const LLM_PLURAL = 'llminferenceservices';
export type LlmApiVersion = 'v1alpha1' | 'v1alpha2';

export interface LlmCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface LlmStatus {
  url?: string;
  conditions?: LlmCondition[];
  addresses?: { name?: string; url: string; origin?: Record<string, string>; models?: { name: string }[] }[];
  workloads?: Record<string, { apiGroup?: string; kind: string; name: string }>;
  router?: Record<string, unknown>;
  appliedConfigs?: { name: string; namespace?: string; source?: 'Preset' | 'UserRef' }[];
  [field: string]: unknown;
}

const T = '2026-06-01T10:30:00Z';
const ok = (type: string): LlmCondition => ({ type, status: 'True', lastTransitionTime: T });
const bad = (type: string, reason: string, message: string): LlmCondition => ({ type, status: 'False', reason, message, lastTransitionTime: T });
const unknown = (type: string, reason?: string, message?: string): LlmCondition =>
  ({ type, status: 'Unknown', ...(reason ? { reason } : {}), ...(message ? { message } : {}), lastTransitionTime: T });

/** The docs' first LLMInferenceService (getting-started/genai-first-llmisvc.md), trimmed of its probes. */
export function optSpec(modelName = 'facebook/opt-125m'): Record<string, unknown> {
  return {
    model: { uri: 'hf://facebook/opt-125m', name: modelName },
    replicas: 1,
    template: {
      containers: [{
        name: 'main', image: 'quay.io/pierdipi/vllm-cpu:latest',
        resources: { limits: { cpu: '1', memory: '10Gi' }, requests: { cpu: '100m', memory: '8Gi' } },
      }],
    },
    router: { scheduler: {}, route: {}, gateway: {} },
  };
}

/** The path-based gateway URL KServe's controller prefers: `<gateway>/<namespace>/<name>`. */
export function llmAddresses(gateway: string, namespace: string, name: string, model: string): LlmStatus['addresses'] {
  const base = gateway.replace(/\/$/, '');
  const origin = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'kserve-ingress-gateway', namespace: 'kserve' };
  return [
    { name: 'gateway-external-model-routing', url: `${base}/`, origin, models: [{ name: `publishers/${namespace}/models/${model}` }] },
    { name: 'gateway-external', url: `${base}/${namespace}/${name}`, origin, models: [{ name: `publishers/${namespace}/models/${model}` }, { name: model }] },
  ];
}

/** Healthy single-node service with the llm-d scheduler (the reference's first sample). */
export function llmReadyStatus(options: { gateway: string; namespace: string; name: string; model: string }): LlmStatus {
  const { gateway, namespace, name, model } = options;
  return {
    url: `${gateway.replace(/\/$/, '')}/${namespace}/${name}`,
    conditions: ['Ready', 'PresetsCombined', 'WorkloadsReady', 'MainWorkloadReady', 'RouterReady', 'GatewaysReady', 'HTTPRoutesReady',
      'InferencePoolReady', 'SchedulerWorkloadReady'].map(ok),
    workloads: {
      primary: { apiGroup: 'apps', kind: 'Deployment', name: `${name}-kserve` },
      service: { kind: 'Service', name: `${name}-kserve-workload-svc` },
      scheduler: { apiGroup: 'apps', kind: 'Deployment', name: `${name}-kserve-router-scheduler` },
    },
    router: {
      scheduler: {
        inferencePool: { group: 'inference.networking.k8s.io', kind: 'InferencePool', name: `${name}-inference-pool`, namespace },
        service: { group: '', kind: 'Service', name: `${name}-epp-service`, namespace },
      },
    },
    appliedConfigs: [{ name: 'kserve-config-llm-template', namespace: 'kserve', source: 'Preset' }],
    addresses: llmAddresses(gateway, namespace, name, model),
  };
}

/** A referenced LLMInferenceServiceConfig is missing (the reference's "Failing service (missing config)"). */
export function llmMissingConfigStatus(config: string, namespace: string): LlmStatus {
  return {
    conditions: [
      unknown('Ready'),
      bad('PresetsCombined', 'ConfigNotFound', `LLMInferenceServiceConfig '${config}' not found in namespaces [${namespace}, kserve]`),
      unknown('WorkloadsReady'), unknown('RouterReady'),
    ],
  };
}

/** The HPA cannot read its metric: ScalingReady False rolls up to WorkloadsReady and Ready. */
export function llmFailingScalingStatus(): LlmStatus {
  const message = 'the HPA was unable to compute the replica count';
  return {
    conditions: [
      bad('Ready', 'FailedGetExternalMetric', message), ok('PresetsCombined'), bad('WorkloadsReady', 'FailedGetExternalMetric', message),
      ok('MainWorkloadReady'),
      bad('ScalingReady', 'FailedGetExternalMetric', `${message}: unable to get external metric kserve/wva_desired_replicas/nil: no metrics returned from external metrics API`),
      ok('RouterReady'),
    ],
  };
}

/** Healthy with autoscaling (the reference's HPA sample). */
export function llmAutoscalingStatus(): LlmStatus {
  return { conditions: ['Ready', 'PresetsCombined', 'WorkloadsReady', 'MainWorkloadReady', 'ScalingReady', 'RouterReady'].map(ok) };
}

/** Multi-node (LeaderWorkerSet) with the scheduler, still starting its workers. */
export function llmMultiNodeStartingStatus(name: string): LlmStatus {
  return {
    conditions: [
      unknown('Ready'), ok('PresetsCombined'), unknown('WorkloadsReady'),
      unknown('WorkerWorkloadReady', 'LeaderWorkerSetProgressing', 'Replicas are being created'),
      ok('RouterReady'), ok('InferencePoolReady'), ok('SchedulerWorkloadReady'),
    ],
    workloads: { primary: { apiGroup: 'leaderworkerset.x-k8s.io', kind: 'LeaderWorkerSet', name: `${name}-kserve-mn` } },
  };
}

/** Prefill-decode, with the prefill Deployment unavailable. */
export function llmPrefillFailingStatus(name: string): LlmStatus {
  const message = 'Deployment does not have minimum availability.';
  return {
    conditions: [
      bad('Ready', 'DeploymentUnavailable', message), ok('PresetsCombined'), bad('WorkloadsReady', 'DeploymentUnavailable', message),
      ok('MainWorkloadReady'), bad('PrefillWorkloadReady', 'DeploymentUnavailable', message), ok('RouterReady'),
    ],
    workloads: {
      primary: { apiGroup: 'apps', kind: 'Deployment', name: `${name}-kserve` },
      prefill: { apiGroup: 'apps', kind: 'Deployment', name: `${name}-kserve-prefill` },
    },
  };
}

/** The gateway named in spec.router.gateway.refs is not ready. */
export function llmGatewayNotReadyStatus(): LlmStatus {
  return {
    conditions: [
      bad('Ready', 'GatewaysNotReady', 'Gateway kserve/kserve-ingress-gateway is not ready'), ok('PresetsCombined'), ok('WorkloadsReady'),
      ok('MainWorkloadReady'), bad('RouterReady', 'GatewaysNotReady', 'Gateway kserve/kserve-ingress-gateway is not ready'),
      bad('GatewaysReady', 'GatewaysNotReady', 'Gateway kserve/kserve-ingress-gateway is not ready'), ok('HTTPRoutesReady'),
    ],
  };
}

/** Force-stopped with `serving.kserve.io/stop: "true"`. */
export function llmStoppedStatus(): LlmStatus {
  return {
    conditions: [
      bad('Ready', 'Stopped', 'Service is stopped'), ok('PresetsCombined'), bad('WorkloadsReady', 'Stopped', 'Service is stopped'),
      bad('MainWorkloadReady', 'Stopped', 'Service is stopped'), bad('RouterReady', 'Stopped', 'Service is stopped'),
    ],
  };
}

const coordinates = (version: LlmApiVersion) => ({ group: LLM_GROUP, version, plural: LLM_PLURAL });

export async function createLlmInferenceService(
  cluster: TestCluster, namespace: string, name: string, spec: Record<string, unknown> = optSpec(), version: LlmApiVersion = 'v1alpha2',
): Promise<Record<string, unknown>> {
  return (await cluster.customObjects.createNamespacedCustomObject({
    ...coordinates(version), namespace,
    body: { apiVersion: `${LLM_GROUP}/${version}`, kind: 'LLMInferenceService', metadata: { name, namespace }, spec },
  })) as Record<string, unknown>;
}

/** Writes status the way KServe's controller does: through the status subresource. */
export async function setLlmStatus(cluster: TestCluster, namespace: string, name: string, status: LlmStatus): Promise<void> {
  const current = (await cluster.customObjects.getNamespacedCustomObject({ ...coordinates('v1alpha2'), namespace, name })) as Record<string, unknown>;
  await cluster.customObjects.replaceNamespacedCustomObjectStatus({ ...coordinates('v1alpha2'), namespace, name, body: { ...current, status } });
}

export async function deleteLlmInferenceService(cluster: TestCluster, namespace: string, name: string): Promise<void> {
  await cluster.customObjects.deleteNamespacedCustomObject({ ...coordinates('v1alpha2'), namespace, name }).catch(() => undefined);
}
