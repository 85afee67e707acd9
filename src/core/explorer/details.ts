import { DEPLOYMENT_MODE_ANNOTATION, deploymentModeLabel } from '../kserve/deploymentMode';
import type { LlmDetails } from './llmDetails';
import { ComponentStatus, Condition, InferenceServiceObject, isRecord, TrafficTarget } from './resources';

export const COMPONENT_NAMES = ['predictor', 'transformer', 'explainer'] as const;

/** Predictor fields of the pre-`model` form: `spec.predictor.<framework>`. */
const FRAMEWORKS = ['sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'huggingface', 'lightgbm', 'paddle', 'pmml'];

export interface ResourceDetails {
  readonly requests: Readonly<Record<string, string>>;
  readonly limits: Readonly<Record<string, string>>;
  /** GPUs asked for (limits, else requests), summed over every `*gpu*` resource such as `nvidia.com/gpu`. */
  readonly gpus: number;
}

export interface ComponentDetails {
  readonly name: string;
  readonly url?: string;
  readonly addressUrl?: string;
  readonly image?: string;
  readonly resources?: ResourceDetails;
  readonly latestReadyRevision?: string;
  readonly latestCreatedRevision?: string;
  readonly latestRolledoutRevision?: string;
  readonly previousRolledoutRevision?: string;
  readonly traffic: readonly TrafficTarget[];
}

export interface IsvcDetails {
  readonly url?: string;
  readonly addressUrl?: string;
  readonly deploymentMode?: string;
  /** `huggingface`, `sklearn (1)`: the model format name and version, or the legacy framework field. */
  readonly modelFormat?: string;
  /** The runtime from the spec, else the one the controller picked (status), with `(cluster)` for a ClusterServingRuntime. */
  readonly runtime?: string;
  readonly modelName?: string;
  /** `--model_id` from the args, else the repository of an `hf://` storageUri. */
  readonly modelId?: string;
  readonly storageUri?: string;
  readonly protocolVersion?: string;
  readonly canaryTrafficPercent?: number;
  readonly gpus: number;
  readonly components: readonly ComponentDetails[];
  readonly conditions: readonly Condition[];
  /** Set for an LLMInferenceService. */
  readonly llm?: LlmDetails;
}

export function extractDetails(isvc: InferenceServiceObject): IsvcDetails {
  const spec = isRecord(isvc.spec) ? isvc.spec : {};
  const status = isvc.status ?? {};
  const predictor = record(spec.predictor);
  const model = predictorModel(predictor);
  const args = [...strings(model.args), ...strings(model.command)];
  const storageUri = str(model.storageUri) ?? str(predictor.storageUri) ?? firstStorageUri(predictor);
  const modelId = argValue(args, ['--model_id', '--model-id']) ?? hfRepository(storageUri);
  const components = componentDetails(spec, status.components ?? {});
  const format = record(model.modelFormat);
  const formatName = str(format.name) ?? model.framework;
  const runtime = str(model.runtime)
    ?? str(status.servingRuntimeName)
    ?? (str(status.clusterServingRuntimeName) ? `${status.clusterServingRuntimeName} (cluster)` : undefined);
  return {
    url: str(status.url),
    addressUrl: str(status.address?.url),
    deploymentMode: deploymentModeLabel(str(status.deploymentMode) ?? str(isvc.metadata.annotations?.[DEPLOYMENT_MODE_ANNOTATION])),
    modelFormat: formatName ? (str(format.version) ? `${formatName} (${format.version})` : formatName) : undefined,
    runtime,
    modelName: argValue(args, ['--model_name', '--model-name']),
    modelId,
    storageUri,
    protocolVersion: str(model.protocolVersion),
    canaryTrafficPercent: typeof predictor.canaryTrafficPercent === 'number' ? predictor.canaryTrafficPercent : undefined,
    gpus: components.reduce((sum, c) => sum + (c.resources?.gpus ?? 0), 0),
    components,
    conditions: Array.isArray(status.conditions) ? status.conditions : [],
  };
}

/** The container-like object that carries args/resources: `predictor.model`, a legacy framework, or the first container. */
function predictorModel(predictor: Record<string, unknown>): Record<string, unknown> & { framework?: string } {
  if (isRecord(predictor.model)) return predictor.model;
  const framework = FRAMEWORKS.find((f) => isRecord(predictor[f]));
  if (framework) return { ...record(predictor[framework]), framework };
  return mainContainer(predictor) ?? {};
}

function mainContainer(component: Record<string, unknown>): Record<string, unknown> | undefined {
  const containers = Array.isArray(component.containers) ? component.containers.filter(isRecord) : [];
  return containers.find((c) => c.name === 'kserve-container') ?? containers[0];
}

function componentDetails(spec: Record<string, unknown>, statuses: Record<string, ComponentStatus | undefined>): ComponentDetails[] {
  const names = [...COMPONENT_NAMES.filter((n) => isRecord(spec[n]) || statuses[n]), ...Object.keys(statuses).filter((n) => !COMPONENT_NAMES.includes(n as never))];
  return names.map((name) => {
    const component = record(spec[name]);
    const carrier = name === 'predictor' ? predictorModel(component) : mainContainer(component) ?? {};
    const resources = resourceDetails(carrier.resources ?? component.resources);
    const state = statuses[name] ?? {};
    return {
      name,
      url: str(state.url),
      addressUrl: str(state.address?.url),
      image: str(carrier.image),
      resources,
      latestReadyRevision: str(state.latestReadyRevision),
      latestCreatedRevision: str(state.latestCreatedRevision),
      latestRolledoutRevision: str(state.latestRolledoutRevision),
      previousRolledoutRevision: str(state.previousRolledoutRevision),
      traffic: Array.isArray(state.traffic) ? state.traffic.filter(isRecord) : [],
    };
  });
}

export function resourceDetails(value: unknown): ResourceDetails | undefined {
  if (!isRecord(value)) return undefined;
  const requests = quantities(value.requests);
  const limits = quantities(value.limits);
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return undefined;
  const gpuKeys = new Set([...Object.keys(requests), ...Object.keys(limits)].filter((k) => /gpu/i.test(k)));
  let gpus = 0;
  for (const key of gpuKeys) gpus += Number.parseFloat(limits[key] ?? requests[key] ?? '0') || 0;
  return { requests, limits, gpus };
}

function quantities(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, quantity] of Object.entries(value)) {
    if (typeof quantity === 'string' || typeof quantity === 'number') out[key] = String(quantity);
  }
  return out;
}

/** `--flag=value` or `--flag value`; the last occurrence wins, like most argument parsers. */
export function argValue(args: readonly string[], flags: readonly string[]): string | undefined {
  let found: string | undefined;
  args.forEach((arg, i) => {
    for (const flag of flags) {
      if (arg.startsWith(`${flag}=`)) found = arg.slice(flag.length + 1);
      else if (arg === flag && i + 1 < args.length && !args[i + 1].startsWith('--')) found = args[i + 1];
    }
  });
  return found?.trim() || undefined;
}

function hfRepository(storageUri: string | undefined): string | undefined {
  const match = storageUri && /^hf:\/\/(.+?)(?::[^/:]+)?\/?$/.exec(storageUri);
  return match ? match[1] : undefined;
}

function firstStorageUri(predictor: Record<string, unknown>): string | undefined {
  const uris = Array.isArray(predictor.storageUris) ? predictor.storageUris : [];
  const first = uris[0];
  return isRecord(first) ? str(first.uri) : str(first);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
