import { Condition, KubeObject } from './resources';
import { DerivedStatus, STOP_ANNOTATION } from './status';

export const PRESETS_CONDITION = 'PresetsCombined';

/** Sub-conditions first, then the two aggregates, then Ready: the first one that is not True explains the state. */
const SPECIFICITY = [
  'MainWorkloadReady', 'WorkerWorkloadReady', 'PrefillWorkloadReady', 'PrefillWorkerWorkloadReady', 'ScalingReady',
  'PrefillScalingReady', 'GatewaysReady', 'HTTPRoutesReady', 'InferencePoolReady', 'SchedulerWorkloadReady',
  'WorkloadsReady', 'RouterReady', 'Ready',
];

/** Conditions that are neither part of `Ready` nor the presets gate (routing groups). */
const INDEPENDENT = new Set(['GroupReady', 'GroupDegraded', PRESETS_CONDITION]);

export function llmConditions(object: KubeObject): Condition[] {
  const status = object.status as { conditions?: unknown } | undefined;
  return Array.isArray(status?.conditions) ? (status.conditions as Condition[]).filter((c) => typeof c?.type === 'string') : [];
}

/**
 * The state of an LLMInferenceService, after KServe's status contract: `Ready` is `WorkloadsReady` ∧ `RouterReady`;
 * `PresetsCombined` is a separate gate that, when False, stops reconciliation while `Ready` keeps its old value.
 */
export function deriveLlmStatus(object: KubeObject): DerivedStatus {
  const conditions = llmConditions(object);
  const find = (type: string) => conditions.find((c) => c.type === type);
  const ready = find('Ready');
  const presets = find(PRESETS_CONDITION);
  const isReady = ready ? ready.status === 'True' : find('WorkloadsReady')?.status === 'True' && find('RouterReady')?.status === 'True';
  const stopRequested = object.metadata.annotations?.[STOP_ANNOTATION]?.toLowerCase() === 'true';
  const stoppedBy = conditions.find((c) => c.status !== 'True' && c.reason === 'Stopped');

  if ((stopRequested || stoppedBy) && !isReady) {
    return { phase: 'Stopped', reason: stoppedBy ? 'Stopped' : 'StopRequested', message: stoppedBy?.message ?? `Stopped with the ${STOP_ANNOTATION} annotation.` };
  }
  const presetsFailed = presets?.status === 'False';
  if (isReady) {
    if (stopRequested) return { phase: 'InProgress', reason: 'Stopping', message: `The ${STOP_ANNOTATION} annotation is set; the service is being stopped.` };
    if (!presetsFailed) return { phase: 'Ready' };
    return {
      phase: 'Ready',
      warning: `${PRESETS_CONDITION} is False (${presets.reason ?? 'no reason'})${presets.message ? `: ${presets.message}` : ''}. `
        + 'The service keeps serving its last configuration; changes are not reconciled until this is fixed.',
    };
  }
  if (presetsFailed) {
    return {
      phase: 'NotReady',
      reason: presets.reason ?? `${PRESETS_CONDITION}False`,
      message: presets.message ?? 'The referenced LLMInferenceServiceConfig presets could not be combined.',
      failingCondition: presets,
    };
  }
  if (conditions.length === 0) {
    return { phase: 'Unknown', reason: 'NoStatus', message: 'The KServe controller has not reported a status yet.' };
  }
  const failing = explainingCondition(conditions);
  if (failing?.status === 'False') {
    return { phase: 'NotReady', reason: failing.reason ?? `${failing.type}False`, message: failing.message, failingCondition: failing };
  }
  if (failing) {
    return {
      phase: 'InProgress',
      reason: failing.reason ?? `${failing.type}Unknown`,
      message: failing.message ?? `${failing.type} is not known yet: the controller is still reconciling.`,
      failingCondition: failing,
    };
  }
  return { phase: 'Unknown', reason: 'NoReadyCondition', message: 'The status has no Ready, WorkloadsReady or RouterReady condition.' };
}

/** The most specific readiness condition that is not True, False before Unknown. */
export function explainingCondition(conditions: readonly Condition[]): Condition | undefined {
  const rank = (c: Condition) => {
    const known = SPECIFICITY.indexOf(c.type);
    return (c.status === 'False' ? 0 : 1_000) + (known === -1 ? SPECIFICITY.length - 3 : known);
  };
  return conditions
    .filter((c) => c.status !== 'True' && !INDEPENDENT.has(c.type) && (c.type.endsWith('Ready')))
    .sort((a, b) => rank(a) - rank(b))[0];
}

export type LlmLayout = 'single-node' | 'multi-node' | 'prefill-decode' | 'multi-node prefill-decode';

export interface LlmTopology {
  readonly layout?: LlmLayout;
  readonly scheduler: boolean;
  readonly autoscaling: boolean;
}

/** The deployment topology, read from status alone, as the status reference describes it. */
export function llmTopology(object: KubeObject): LlmTopology {
  const types = new Set(llmConditions(object).map((c) => c.type));
  const status = (object.status ?? {}) as { workloads?: Record<string, { kind?: string } | undefined>; router?: { scheduler?: unknown } };
  const workloads = status.workloads ?? {};
  const multi = types.has('WorkerWorkloadReady') || workloads.primary?.kind === 'LeaderWorkerSet';
  const prefill = types.has('PrefillWorkloadReady') || types.has('PrefillWorkerWorkloadReady') || Boolean(workloads.prefill);
  const single = types.has('MainWorkloadReady') || workloads.primary?.kind === 'Deployment';
  const layout: LlmLayout | undefined = multi && (types.has('PrefillWorkerWorkloadReady') || workloads.prefill?.kind === 'LeaderWorkerSet')
    ? 'multi-node prefill-decode'
    : prefill ? 'prefill-decode' : multi ? 'multi-node' : single ? 'single-node' : undefined;
  return {
    layout,
    scheduler: types.has('SchedulerWorkloadReady') || types.has('InferencePoolReady') || Boolean(status.router?.scheduler) || Boolean(workloads.scheduler),
    autoscaling: types.has('ScalingReady') || types.has('PrefillScalingReady'),
  };
}

/** "single-node · scheduler", "prefill-decode · autoscaling"; undefined before the first reconcile. */
export function topologyLabel(topology: LlmTopology): string | undefined {
  if (!topology.layout) return undefined;
  return [topology.layout, topology.scheduler ? 'scheduler' : undefined, topology.autoscaling ? 'autoscaling' : undefined].filter(Boolean).join(' · ');
}
