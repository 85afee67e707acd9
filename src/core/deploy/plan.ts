import { isNamespaceName } from '../explorer/namespaces';
import { DEPLOYMENT_MODE_ANNOTATION } from '../kserve/deploymentMode';
import { KSERVE_GROUP } from '../kserve/group';

/** What the guided deploy asks, step by step, after KServe's T5 guide. */
export interface DeployChoices {
  readonly namespace: string;
  readonly name: string;
  /** A Hugging Face model id, `google-t5/t5-small`. */
  readonly modelId: string;
  /** The runtime's `--model_name`: what requests name as `model`. */
  readonly modelName: string;
  readonly backend: 'huggingface' | 'vllm';
  readonly resources: ResourcePreset;
  /** Undefined: the cluster's default mode (no annotation). */
  readonly deploymentMode?: 'Standard' | 'Knative';
  /** The secret that holds HF_TOKEN, when the model needs a token. */
  readonly tokenSecret?: string;
  /** Create a ClusterStorageContainer for `hf://` (the cluster has none). */
  readonly storageContainer: boolean;
}

export type ResourcePreset = 'gpu' | 'cpu';

export const DEFAULT_MODEL_ID = 'google-t5/t5-small';
export const HF_SECRET = 'hf-secret';
export const HF_TOKEN_KEY = 'HF_TOKEN';
export const STORAGE_CONTAINER_NAME = 'hf-hub';

/** Object kinds the deploy writes, with what server-side apply needs to address them. */
export const DEPLOY_TYPES = {
  Secret: { plural: 'secrets', namespaced: true },
  ClusterStorageContainer: { plural: 'clusterstoragecontainers', namespaced: false },
  InferenceService: { plural: 'inferenceservices', namespaced: true },
} as const;

export type DeployKind = keyof typeof DEPLOY_TYPES;

/** One object of the plan; a Secret's value is never part of what is shown. */
export interface PlannedObject {
  readonly kind: DeployKind;
  readonly name: string;
  readonly namespace?: string;
  readonly object: Record<string, unknown>;
}

const RESOURCES: Record<ResourcePreset, { limits: Record<string, string>; requests: Record<string, string> }> = {
  // The guide's: one GPU, 1 CPU, 2Gi requested and 4Gi allowed.
  gpu: { limits: { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': '1' }, requests: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' } },
  cpu: { limits: { cpu: '2', memory: '4Gi' }, requests: { cpu: '1', memory: '2Gi' } },
};

const MODEL_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/** Why a model id cannot be used, or undefined. */
export function modelIdProblem(value: string): string | undefined {
  return MODEL_ID.test(value.trim()) ? undefined : 'Use a Hugging Face model id: owner/name, for example google-t5/t5-small.';
}

/** Why a service or model name cannot be used, or undefined. */
export function nameProblem(value: string, what: string): string | undefined {
  return isNamespaceName(value.trim()) ? undefined : `${what} must be lowercase letters, digits and "-", starting and ending with a letter or digit (at most 63).`;
}

/** vLLM has no encoder-decoder support for T5: the guide serves it with the Hugging Face backend. */
export function backendProblem(modelId: string, backend: DeployChoices['backend']): string | undefined {
  if (backend === 'vllm' && /(^|\/)(flan-)?t5|\bt5-/i.test(modelId)) {
    return `vLLM does not serve T5 models (${modelId} is an encoder-decoder model, which vLLM's engine does not run): use the huggingface backend.`;
  }
  return undefined;
}

/** A name for the service from the model id: `google-t5/t5-small` → `huggingface-t5-small`. */
export function serviceNameFor(modelId: string): string {
  const base = (modelId.split('/').pop() ?? 'model').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `huggingface-${base}`.slice(0, 63).replace(/-+$/, '');
}

/** The objects, in the order they are applied: the secret, the storage container, then the InferenceService. */
export function planObjects(choices: DeployChoices, token?: string): PlannedObject[] {
  const planned: PlannedObject[] = [];
  if (choices.tokenSecret && token !== undefined) {
    planned.push({
      kind: 'Secret', name: choices.tokenSecret, namespace: choices.namespace,
      object: {
        apiVersion: 'v1', kind: 'Secret', metadata: { name: choices.tokenSecret, namespace: choices.namespace }, type: 'Opaque',
        data: { [HF_TOKEN_KEY]: Buffer.from(token, 'utf8').toString('base64') },
      },
    });
  }
  if (choices.storageContainer && choices.tokenSecret) planned.push({ kind: 'ClusterStorageContainer', name: STORAGE_CONTAINER_NAME, object: storageContainer(choices.tokenSecret) });
  planned.push({ kind: 'InferenceService', name: choices.name, namespace: choices.namespace, object: inferenceService(choices) });
  return planned;
}

function inferenceService(choices: DeployChoices): Record<string, unknown> {
  const model: Record<string, unknown> = {
    modelFormat: { name: 'huggingface' },
    args: [`--model_name=${choices.modelName}`, `--model_id=${choices.modelId}`, `--backend=${choices.backend}`],
    ...(choices.tokenSecret ? { env: [{ name: HF_TOKEN_KEY, valueFrom: { secretKeyRef: { name: choices.tokenSecret, key: HF_TOKEN_KEY, optional: false } } }] } : {}),
    resources: RESOURCES[choices.resources],
  };
  return {
    apiVersion: `${KSERVE_GROUP}/v1beta1`,
    kind: 'InferenceService',
    metadata: {
      name: choices.name, namespace: choices.namespace,
      ...(choices.deploymentMode ? { annotations: { [DEPLOYMENT_MODE_ANNOTATION]: choices.deploymentMode } } : {}),
    },
    spec: { predictor: { model } },
  };
}

/** The guide's ClusterStorageContainer for `hf://` URIs, reading HF_TOKEN from the secret. */
function storageContainer(secret: string): Record<string, unknown> {
  return {
    apiVersion: `${KSERVE_GROUP}/v1alpha1`,
    kind: 'ClusterStorageContainer',
    metadata: { name: STORAGE_CONTAINER_NAME },
    spec: {
      container: {
        name: 'storage-initializer',
        image: 'kserve/storage-initializer:latest',
        env: [{ name: HF_TOKEN_KEY, valueFrom: { secretKeyRef: { name: secret, key: HF_TOKEN_KEY, optional: false } } }],
        resources: { requests: { memory: '2Gi', cpu: '1' }, limits: { memory: '4Gi', cpu: '1' } },
      },
      supportedUriFormats: [{ prefix: 'hf://' }],
    },
  };
}

/** `Secret team-a/hf-secret`, `ClusterStorageContainer hf-hub`. */
export function describePlanned(object: Pick<PlannedObject, 'kind' | 'name' | 'namespace'>): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}
