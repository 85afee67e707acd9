import { ServiceKind } from '../kserve/serviceKinds';
import { KubeObject, isRecord } from './resources';

/** KServe's labels on the pods of an InferenceService. */
export const ISVC_POD_LABEL = 'serving.kserve.io/inferenceservice';
export const COMPONENT_LABEL = 'component';
/** KServe's labels on the pods of an LLMInferenceService (workloads and scheduler). */
export const LLM_PART_OF = 'app.kubernetes.io/part-of=llminferenceservice';
const LLM_NAME_LABEL = 'app.kubernetes.io/name';
const LLM_COMPONENT_LABEL = 'app.kubernetes.io/component';
export const STORAGE_INITIALIZER = 'storage-initializer';
export const MODEL_CONTAINER = 'kserve-container';

export type ContainerState = 'running' | 'waiting' | 'terminated' | 'unknown';

export interface Termination {
  readonly reason?: string;
  readonly exitCode?: number;
  readonly message?: string;
  readonly finishedAt?: string;
}

export interface ContainerSummary {
  readonly name: string;
  /** An init container, such as `storage-initializer`. */
  readonly init: boolean;
  readonly state: ContainerState;
  /** Why it waits or ended: `CrashLoopBackOff`, `ImagePullBackOff`, `OOMKilled`, `Completed`, … */
  readonly reason?: string;
  readonly message?: string;
  readonly exitCode?: number;
  readonly ready: boolean;
  readonly restarts: number;
  /** The previous instance's end, after a restart. */
  readonly lastTermination?: Termination;
  /** `resources.limits.memory` from the pod spec. */
  readonly memoryLimit?: string;
}

export interface PodCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface PodSummary {
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion?: string;
  /** `predictor`, `transformer` or `explainer` (KServe's `component` label). */
  readonly component: string;
  readonly phase: string;
  readonly ready: boolean;
  readonly restarts: number;
  readonly containers: readonly ContainerSummary[];
  readonly conditions: readonly PodCondition[];
  readonly createdAt?: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

function termination(value: unknown): Termination | undefined {
  if (!isRecord(value)) return undefined;
  return { reason: str(value.reason), exitCode: num(value.exitCode), message: str(value.message), finishedAt: str(value.finishedAt) };
}

function container(status: Record<string, unknown>, init: boolean, specs: Record<string, unknown>[]): ContainerSummary {
  const name = str(status.name) ?? '?';
  const state = isRecord(status.state) ? status.state : {};
  const [kind, detail] = (['running', 'waiting', 'terminated'] as const)
    .map((k) => [k, state[k]] as const).find(([, v]) => isRecord(v)) ?? ['unknown', undefined];
  const details = isRecord(detail) ? detail : {};
  const spec = specs.find((s) => s.name === name);
  const limits = isRecord(spec?.resources) && isRecord(spec.resources.limits) ? spec.resources.limits : {};
  const last = isRecord(status.lastState) ? termination(status.lastState.terminated) : undefined;
  return {
    name, init, state: kind, reason: str(details.reason), message: str(details.message), exitCode: num(details.exitCode),
    ready: status.ready === true, restarts: num(status.restartCount) ?? 0, lastTermination: last,
    memoryLimit: typeof limits.memory === 'string' || typeof limits.memory === 'number' ? String(limits.memory) : undefined,
  };
}

/** What the tree and the diagnosis need from a pod, read defensively: pods from the cluster are often partial. */
export function summarizePod(object: KubeObject): PodSummary {
  const spec = isRecord(object.spec) ? object.spec : {};
  const status = isRecord(object.status) ? object.status : {};
  const labels = object.metadata.labels ?? {};
  const containers = [
    ...list(status.initContainerStatuses).map((s) => container(s, true, list(spec.initContainers))),
    ...list(status.containerStatuses).map((s) => container(s, false, list(spec.containers))),
  ];
  // A pod not started yet has no statuses: list its containers from the spec.
  if (containers.length === 0) {
    for (const [specs, init] of [[list(spec.initContainers), true], [list(spec.containers), false]] as const) {
      for (const s of specs) containers.push(container({ name: s.name }, init, specs));
    }
  }
  const conditions = list(status.conditions).map((c) => ({
    type: str(c.type) ?? '?', status: str(c.status) ?? 'Unknown', reason: str(c.reason), message: str(c.message),
  }));
  return {
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
    resourceVersion: object.metadata.resourceVersion,
    component: labels[COMPONENT_LABEL] ?? llmComponent(labels[LLM_COMPONENT_LABEL]) ?? 'predictor',
    phase: str(status.phase) ?? 'Pending',
    ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    restarts: containers.reduce((sum, c) => sum + c.restarts, 0),
    containers,
    conditions,
    createdAt: object.metadata.creationTimestamp,
  };
}

/** The label selector of a service's pods. */
export function podSelector(name: string, kind: ServiceKind = 'InferenceService'): string {
  return kind === 'LLMInferenceService' ? `${LLM_PART_OF},${LLM_NAME_LABEL}=${name}` : `${ISVC_POD_LABEL}=${name}`;
}

/** `llminferenceservice-workload-prefill` → `workload-prefill`, `llminferenceservice-router-scheduler` → `router-scheduler`. */
function llmComponent(label: string | undefined): string | undefined {
  return label?.replace(/^llminferenceservice-/, '') || undefined;
}

/** It ended with an error, now or in its last instance, or keeps crashing. */
export function hasFailed(c: ContainerSummary): boolean {
  return c.reason === 'CrashLoopBackOff' || (c.state === 'terminated' && (c.exitCode ?? 0) !== 0) || (c.lastTermination?.exitCode ?? 0) !== 0;
}

/** Waiting to start again after it ended: what explains that is in the previous instance's log. */
export function readsPrevious(c: ContainerSummary): boolean {
  return c.state === 'waiting' && c.lastTermination !== undefined;
}

/** The container whose logs explain a failure: the storage initializer when it failed, else the model server. */
export function defaultLogContainer(pod: PodSummary): string {
  const init = pod.containers.find((c) => c.name === STORAGE_INITIALIZER);
  if (init && hasFailed(init)) return STORAGE_INITIALIZER;
  return pod.containers.find((c) => c.name === MODEL_CONTAINER)?.name ?? pod.containers.find((c) => !c.init)?.name ?? MODEL_CONTAINER;
}

/** One line for a pod: `Running 1/1 · 2 restarts`. */
export function podLabel(pod: PodSummary): string {
  const main = pod.containers.filter((c) => !c.init);
  const ready = main.filter((c) => c.ready).length;
  const waiting = pod.containers.find((c) => c.state === 'waiting' && c.reason && c.reason !== 'PodInitializing');
  const phase = waiting?.reason ?? pod.phase;
  return `${phase} ${ready}/${main.length}${pod.restarts ? ` · ${pod.restarts} restart${pod.restarts === 1 ? '' : 's'}` : ''}`;
}

/** One line for a container: its state and, after a restart, how the last instance ended. */
export function containerLabel(c: ContainerSummary): string {
  const now = c.reason ? `${c.state}: ${c.reason}` : c.state;
  const exit = c.state === 'terminated' && c.exitCode !== undefined ? ` (exit ${c.exitCode})` : '';
  const last = c.lastTermination ? ` · last: ${c.lastTermination.reason ?? 'terminated'}${c.lastTermination.exitCode !== undefined
    ? ` (exit ${c.lastTermination.exitCode})` : ''}${c.lastTermination.finishedAt ? ` at ${c.lastTermination.finishedAt}` : ''}` : '';
  return `${now}${exit}${last}`;
}
