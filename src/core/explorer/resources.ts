import { KSERVE_GROUP } from '../kserve/group';
/** The Kubernetes object shapes the explorer reads. Everything is optional: real objects are often partial. */

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  managedFields?: unknown[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus | string;
  reason?: string;
  message?: string;
  severity?: string;
  lastTransitionTime?: string;
}

export interface TrafficTarget {
  revisionName?: string;
  latestRevision?: boolean;
  percent?: number;
  tag?: string;
  url?: string;
}

export interface ComponentStatus {
  url?: string;
  address?: { url?: string };
  latestReadyRevision?: string;
  latestCreatedRevision?: string;
  latestRolledoutRevision?: string;
  previousRolledoutRevision?: string;
  traffic?: TrafficTarget[];
}

export interface ModelStatus {
  transitionStatus?: string;
  states?: { activeModelState?: string; targetModelState?: string };
  lastFailureInfo?: { reason?: string; message?: string; exitCode?: number; location?: string; modelRevisionName?: string; time?: string };
  copies?: { failedCopies?: number; totalCopies?: number };
}

export interface InferenceServiceStatus {
  url?: string;
  address?: { url?: string };
  conditions?: Condition[];
  components?: Record<string, ComponentStatus | undefined>;
  modelStatus?: ModelStatus;
  deploymentMode?: string;
  observedGeneration?: number;
  servingRuntimeName?: string;
  clusterServingRuntimeName?: string;
}

export interface InferenceServiceObject extends KubeObject {
  spec?: Record<string, unknown>;
  status?: InferenceServiceStatus;
}

/** A resource type the explorer lists and watches. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}


export const RESOURCES = {
  inferenceServices: { group: KSERVE_GROUP, version: 'v1beta1', plural: 'inferenceservices', kind: 'InferenceService', namespaced: true },
  /** Read at the newest version the cluster serves: see `llmInferenceServices`. */
  llmInferenceServices: { group: KSERVE_GROUP, version: 'v1alpha2', plural: 'llminferenceservices', kind: 'LLMInferenceService', namespaced: true },
  servingRuntimes: { group: KSERVE_GROUP, version: 'v1alpha1', plural: 'servingruntimes', kind: 'ServingRuntime', namespaced: true },
  clusterServingRuntimes: { group: KSERVE_GROUP, version: 'v1alpha1', plural: 'clusterservingruntimes', kind: 'ClusterServingRuntime', namespaced: false },
  clusterStorageContainers: { group: KSERVE_GROUP, version: 'v1alpha1', plural: 'clusterstoragecontainers', kind: 'ClusterStorageContainer', namespaced: false },
  namespaces: { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  events: { group: '', version: 'v1', plural: 'events', kind: 'Event', namespaced: true },
  pods: { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  services: { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  configMaps: { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true },
  secrets: { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  nodes: { group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false },
} as const satisfies Record<string, ResourceType>;

/** LLMInferenceServices at one of their served versions. */
export function llmInferenceServices(version: string): ResourceType {
  return { ...RESOURCES.llmInferenceServices, version };
}

/** `/api/v1/...` for the core group, `/apis/<group>/<version>/...` otherwise; `namespace` only for namespaced types. */
export function resourcePath(type: ResourceType, namespace?: string, name?: string): string {
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const scope = type.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${scope}/${type.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** Identity of an object inside one cache: `<namespace>/<name>` or just `<name>` for cluster-scoped objects. */
export function objectKey(meta: Pick<ObjectMeta, 'name' | 'namespace'>): string {
  return meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
