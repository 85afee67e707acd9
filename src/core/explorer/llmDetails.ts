import { IsvcDetails, resourceDetails } from './details';
import { llmConditions, llmTopology, PRESETS_CONDITION, topologyLabel } from './llmStatus';
import { Condition, isRecord, KubeObject } from './resources';

export interface LlmAddress {
  /** `gateway-external`, `internal`, `internal-model-routing`, … */
  readonly name?: string;
  readonly url: string;
  readonly models: readonly string[];
}

/** What an LLMInferenceService adds to the details every service has. */
export interface LlmDetails {
  readonly topology?: string;
  readonly modelUri?: string;
  readonly addresses: readonly LlmAddress[];
  /** The PresetsCombined condition, shown on its own because it is not part of Ready. */
  readonly presets?: Condition;
  /** `name (source)` of each LLMInferenceServiceConfig merged in, from status. */
  readonly appliedConfigs: readonly string[];
  /** `spec.baseRefs` names. */
  readonly baseRefs: readonly string[];
  /** `primary: Deployment my-llm-kserve`, … from status.workloads. */
  readonly workloads: readonly string[];
  readonly replicas?: number;
}

export function extractLlmDetails(object: KubeObject): IsvcDetails {
  const spec = record(object.spec);
  const status = record(object.status);
  const model = record(spec.model);
  const modelUri = str(model.uri);
  const addresses = list(status.addresses).flatMap((a): LlmAddress[] => {
    const url = str(a.url);
    return url ? [{ name: str(a.name), url, models: list(a.models).map((m) => str(m.name)).filter((m): m is string => Boolean(m)) }] : [];
  });
  const conditions = llmConditions(object);
  const containers = list(record(spec.template).containers);
  const main = containers.find((c) => c.name === 'main') ?? containers[0];
  const resources = resourceDetails(main?.resources);
  const workloads = Object.entries(record(status.workloads)).flatMap(([role, ref]) =>
    isRecord(ref) && str(ref.name) ? [`${role}: ${[str(ref.kind), str(ref.name)].filter(Boolean).join(' ')}`] : []);
  const llm: LlmDetails = {
    topology: topologyLabel(llmTopology(object)),
    modelUri,
    addresses,
    presets: conditions.find((c) => c.type === PRESETS_CONDITION),
    appliedConfigs: list(status.appliedConfigs).flatMap((c) => {
      const name = str(c.name);
      return name ? [`${str(c.namespace) ? `${c.namespace}/` : ''}${name}${str(c.source) ? ` (${c.source})` : ''}`] : [];
    }),
    baseRefs: list(spec.baseRefs).map((r) => str(r.name)).filter((n): n is string => Boolean(n)),
    workloads,
    replicas: typeof spec.replicas === 'number' ? spec.replicas : undefined,
  };
  const internal = addresses.find((a) => a.name?.startsWith('internal') || a.url.includes('.svc'));
  return {
    url: llmServiceUrl(object),
    addressUrl: internal?.url,
    modelName: str(model.name) ?? object.metadata.name,
    modelId: hfRepository(modelUri),
    storageUri: modelUri,
    gpus: resources?.gpus ?? 0,
    components: [],
    conditions,
    llm,
  };
}

/**
 * The address requests go to, as KServe's controller prefers it: a URL whose path starts with `/<namespace>/<name>`
 * (status.url first, then status.addresses, external before internal), else status.url, else the first address.
 */
export function llmServiceUrl(object: KubeObject): string | undefined {
  const status = record(object.status);
  const prefix = `/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  const pathBased = (url: string | undefined) => {
    try {
      return url !== undefined && new URL(url).pathname.startsWith(prefix);
    } catch {
      return false;
    }
  };
  const statusUrl = str(status.url);
  if (pathBased(statusUrl)) return statusUrl;
  const addresses = list(status.addresses).filter((a) => !str(a.name)?.endsWith('-model-routing'));
  const ranked = [...addresses].sort((a, b) => Number(str(b.name)?.startsWith('gateway-external') ?? false) - Number(str(a.name)?.startsWith('gateway-external') ?? false));
  const found = ranked.map((a) => str(a.url)).find(pathBased);
  return found ?? statusUrl ?? str(addresses[0]?.url);
}

function hfRepository(uri: string | undefined): string | undefined {
  const match = uri && /^hf:\/\/(.+?)\/?$/.exec(uri);
  return match ? match[1] : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
