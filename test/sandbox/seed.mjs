// @ts-check
// The sandbox's InferenceServices: the docs' T5 service, Ready, plus a few in other states and namespaces.
import {
  failedToLoadStatus, inProgressStatus, stoppedStatus, TestCluster,
} from '../../out/test/support/cluster.js';
import {
  event, imagePullStatus, modelNotFoundLog, oomKilledStatus, podName, predictorPod, runningStatus, storageInitializerFailedStatus,
  unschedulableStatus,
} from '../../out/test/support/cluster-pods.js';
import { createEvent, createPod, registerNode, setPodStatus } from '../../out/test/support/cluster-workloads.js';
import {
  createLlmInferenceService, llmMissingConfigStatus, llmReadyStatus, optSpec, setLlmStatus,
} from '../../out/test/support/cluster-llmisvc.js';
import { KubeletStandin } from '../../out/test/support/kubeletStandin.js';

const sklearn = { predictor: { model: { modelFormat: { name: 'sklearn' }, storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model' } } };
const vllm = {
  predictor: {
    model: {
      modelFormat: { name: 'huggingface' },
      args: ['--model_name=llama3', '--model_id=meta-llama/Meta-Llama-3-8B-Instruct', '--backend=vllm'],
      resources: { limits: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' }, requests: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' } },
    },
  },
};
const xgboost = { predictor: { model: { modelFormat: { name: 'xgboost' }, storageUri: 'gs://kfserving-examples/models/xgboost/iris' } } };

export async function seedSandbox(stateDir) {
  const cluster = TestCluster.fromStateDir(stateDir);
  const seeds = [
    { ns: 'default', name: 'huggingface-t5', status: (c) => c.markReady('default', 'huggingface-t5') },
    { ns: 'team-a', name: 'sklearn-iris', spec: sklearn, status: (c) => c.setStatus('team-a', 'sklearn-iris', inProgressStatus({ modelState: 'Loading' })) },
    { ns: 'team-a', name: 'llama3-vllm', spec: vllm, status: (c) => c.setStatus('team-a', 'llama3-vllm',
      failedToLoadStatus('ModelLoadFailed', 'CUDA out of memory. Tried to allocate 2.00 GiB')) },
    { ns: 'team-b', name: 'xgboost-iris', spec: xgboost, status: (c) => c.setStatus('team-b', 'xgboost-iris', stoppedStatus()) },
  ];
  for (const seed of seeds) {
    await cluster.createNamespace(seed.ns);
    try {
      await cluster.createInferenceService(seed.ns, seed.name, seed.spec);
    } catch (err) {
      if (/** @type {{ code?: number }} */ (err)?.code !== 409) throw err;
    }
    await seed.status(cluster);
  }
  return seeds.map((s) => `${s.ns}/${s.name}`);
}

/** The LLMInferenceService namespace of the sandbox, and its path-based route: `/<namespace>/<name>`. */
export const LLM_SANDBOX = { namespace: 'llm-demo', name: 'opt-125m', model: 'facebook/opt-125m' };

/**
 * Two LLMInferenceServices: the docs' first one, Ready behind the Gateway API gateway, and one whose preset
 * (spec.baseRefs) does not exist, so that PresetsCombined is False.
 * @param {string} stateDir
 */
export async function seedLlmSandbox(stateDir) {
  const cluster = TestCluster.fromStateDir(stateDir);
  const { namespace, name, model } = LLM_SANDBOX;
  await cluster.createNamespace(namespace);
  const seeds = [
    { name, spec: optSpec(model), status: llmReadyStatus({ gateway: 'http://kserve-ingress-gateway.kserve.example.com', namespace, name, model }) },
    { name: `${name}-preset`, spec: { ...optSpec(model), baseRefs: [{ name: 'team-overrides' }] }, status: llmMissingConfigStatus('team-overrides', namespace) },
  ];
  for (const seed of seeds) {
    try {
      await createLlmInferenceService(cluster, namespace, seed.name, seed.spec);
    } catch (err) {
      if (/** @type {{ code?: number }} */ (err)?.code !== 409) throw err;
    }
    await setLlmStatus(cluster, namespace, seed.name, seed.status);
  }
  return seeds.map((s) => `${namespace}/${s.name}`);
}

/** @param {Record<string, unknown>} predictor */
const hf = (predictor) => ({ predictor: { model: { modelFormat: { name: 'huggingface' }, ...predictor } } });

/**
 * One service for each cause the explorer diagnoses, with pods on a Node whose kubelet is a stand-in on loopback
 * (so their logs read through the API server), and the events the scheduler and the kubelet would write. With
 * `gatewayPort`, also an Istio ingress gateway that has only a ClusterIP: its pod's port-forward relays to that port
 * (the simulated T5), so reaching huggingface-t5 takes a managed port-forward, as on a default install.
 * @param {string} stateDir
 * With `llmGatewayPort`, the Gateway API gateway KServe routes LLMInferenceServices through, likewise ClusterIP only.
 * @param {{ gatewayPort?: number, llmGatewayPort?: number }} [options]
 * @returns {Promise<{ seeded: string[]; stop: () => Promise<void> }>}
 */
export async function seedTroubleshooting(stateDir, options = {}) {
  const cluster = TestCluster.fromStateDir(stateDir);
  const standin = await KubeletStandin.start();
  const node = 'sandbox-node';
  await registerNode(cluster, node, standin);
  const ns = 'troubleshooting';
  await cluster.createNamespace(ns);
  const gib2 = { limits: { cpu: '1', memory: '2Gi' }, requests: { cpu: '1', memory: '2Gi' } };
  const seeds = [
    { name: 't5-out-of-memory', spec: hf({ args: ['--model_name=t5', '--model_id=google-t5/t5-11b'], resources: gib2 }), pod: { memoryLimit: '2Gi' }, status: oomKilledStatus() },
    { name: 't5-needs-gpu', spec: hf({ args: ['--model_name=t5', '--model_id=google-t5/t5-small'], resources: { limits: { 'nvidia.com/gpu': '1' } } }),
      pod: { gpus: 1 }, status: unschedulableStatus() },
    { name: 't5-model-typo', spec: hf({ storageUri: 'hf://google-t5/t5-smal' }), pod: { storageUri: 'hf://google-t5/t5-smal' }, status: storageInitializerFailedStatus() },
    { name: 't5-bad-image', spec: hf({ args: ['--model_name=t5', '--model_id=google-t5/t5-small'] }), pod: {}, status: imagePullStatus() },
  ];
  for (const seed of seeds) {
    try {
      await cluster.createInferenceService(ns, seed.name, seed.spec);
    } catch (err) {
      if (/** @type {{ code?: number }} */ (err)?.code !== 409) throw err;
    }
    await cluster.setStatus(ns, seed.name, inProgressStatus());
    await podOn(cluster, predictorPod({ namespace: ns, isvc: seed.name, ...seed.pod }), seed.status, node);
  }
  // No runtime serves the format: KServe never creates pods, and says so in the status.
  try {
    await cluster.createInferenceService(ns, 't5-no-runtime', { predictor: { model: { modelFormat: { name: 'onnx-genai' }, storageUri: 'hf://google-t5/t5-small' } } });
  } catch (err) {
    if (/** @type {{ code?: number }} */ (err)?.code !== 409) throw err;
  }
  await cluster.setStatus(ns, 't5-no-runtime', failedToLoadStatus('NoSupportingRuntime', 'No runtime found to support predictor with model type: {onnx-genai <nil>}'));
  const typo = podName({ isvc: 't5-model-typo' });
  standin.write(ns, typo, 'storage-initializer', modelNotFoundLog('google-t5/t5-smal'));
  standin.restart(ns, typo, 'storage-initializer');
  await createEvent(cluster, event({ namespace: ns, involved: { kind: 'Pod', name: podName({ isvc: 't5-needs-gpu' }) }, reason: 'FailedScheduling',
    message: '0/1 nodes are available: 1 Insufficient nvidia.com/gpu.', component: 'default-scheduler', count: 12 }));
  await createEvent(cluster, event({ namespace: ns, involved: { kind: 'Pod', name: podName({ isvc: 't5-out-of-memory' }) }, reason: 'BackOff',
    message: 'Back-off restarting failed container kserve-container in pod t5-out-of-memory-predictor', count: 9 }));
  // The Ready T5 service gets a running pod whose log says what the model server said on startup.
  const t5 = podName({ isvc: 'huggingface-t5' });
  standin.write('default', t5, 'storage-initializer', 'INFO:root:Copying contents of hf://google-t5/t5-small to local\nINFO:root:Successfully copied hf://google-t5/t5-small to /mnt/models\n');
  standin.write('default', t5, 'kserve-container', [
    'INFO:kserve:Loading generative model for task \'text2text_generation\' in torch.float32',
    'INFO:kserve:Successfully loaded tokenizer', 'INFO:kserve:Successfully loaded huggingface model from path /mnt/models',
    'INFO:     Started server process [1]', 'INFO:     Application startup complete.', 'INFO:     Uvicorn running on http://0.0.0.0:8080',
  ].join('\n'));
  await podOn(cluster, predictorPod({ namespace: 'default', isvc: 'huggingface-t5' }), runningStatus(), node);
  if (options.gatewayPort) await seedGateway(cluster, standin, node, options.gatewayPort, ISTIO_GATEWAY);
  if (options.llmGatewayPort) await seedGateway(cluster, standin, node, options.llmGatewayPort, GATEWAY_API_GATEWAY);
  return { seeded: [...seeds.map((s) => `${ns}/${s.name}`), `${ns}/t5-no-runtime`], stop: () => standin.stop() };
}

/** @typedef {{ namespace: string, service: string, pod: string, podLabels: Record<string, string>, serviceLabels: Record<string, string> }} GatewaySeed */
/** @type {GatewaySeed} */
const ISTIO_GATEWAY = {
  namespace: 'istio-system', service: 'istio-ingressgateway', pod: 'istio-ingressgateway-7c9f5d8b4d-q2x7z',
  podLabels: { istio: 'ingressgateway', app: 'istio-ingressgateway' }, serviceLabels: {},
};
/** The Service Envoy Gateway makes for KServe's Gateway API gateway, with the label KServe documents. @type {GatewaySeed} */
const GATEWAY_API_GATEWAY = {
  namespace: 'kserve', service: 'kserve-ingress-gateway', pod: 'kserve-ingress-gateway-6b8d9c7f5-m4p2k',
  podLabels: { 'gateway.networking.k8s.io/gateway-name': 'kserve-ingress-gateway' }, serviceLabels: { 'serving.kserve.io/gateway': 'kserve-ingress-gateway' },
};

/**
 * An ingress gateway as a ClusterIP Service with one ready pod, whose forwarded port goes to `port`.
 * @param {TestCluster} cluster @param {KubeletStandin} standin @param {string} node @param {number} port
 * @param {GatewaySeed} gateway
 */
async function seedGateway(cluster, standin, node, port, gateway) {
  const { namespace } = gateway;
  await cluster.createNamespace(namespace);
  const pod = predictorPod({ namespace, isvc: 'gateway', name: gateway.pod });
  /** @type {{ labels: Record<string, string> }} */ (pod.metadata).labels = gateway.podLabels;
  await podOn(cluster, pod, runningStatus(), node);
  standin.forwardTo(namespace, gateway.pod, port);
  try {
    await cluster.core.createNamespacedService({ namespace, body: {
      metadata: { name: gateway.service, labels: gateway.serviceLabels },
      spec: { type: 'ClusterIP', selector: gateway.podLabels, ports: [{ name: 'http2', port: 80, targetPort: 8080 }] },
    } });
  } catch (err) {
    if (/** @type {{ code?: number }} */ (err)?.code !== 409) throw err;
  }
}

/**
 * @param {TestCluster} cluster @param {Record<string, unknown>} pod @param {Record<string, unknown>} status @param {string} node
 */
async function podOn(cluster, pod, status, node) {
  const meta = /** @type {{ name: string; namespace: string }} */ (pod.metadata);
  try {
    await createPod(cluster, pod, status, node);
  } catch (err) {
    if (/** @type {{ code?: number }} */ (err)?.code !== 409) throw err;
    await setPodStatus(cluster, meta.namespace, meta.name, status);
  }
}
