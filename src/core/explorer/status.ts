import { Condition, InferenceServiceObject } from './resources';

/** What the explorer shows at a glance for one InferenceService. */
export type IsvcPhase = 'Ready' | 'NotReady' | 'Unknown' | 'InProgress' | 'FailedToLoad' | 'Stopped';

export const ISVC_PHASES: readonly IsvcPhase[] = ['Ready', 'NotReady', 'Unknown', 'InProgress', 'FailedToLoad', 'Stopped'];

export interface DerivedStatus {
  readonly phase: IsvcPhase;
  /** A short machine-ish word: the failing condition's reason, the model failure reason, "Loading", ... */
  readonly reason?: string;
  /** The sentence explaining it: condition message or `lastFailureInfo.message`. */
  readonly message?: string;
  /** The condition that explains a phase other than Ready, when there is one. */
  readonly failingCondition?: Condition;
  /** Set when the service is Ready but something needs attention (a newer revision failed to load). */
  readonly warning?: string;
}

export const STOP_ANNOTATION = 'serving.kserve.io/stop';

const CONDITION_PRIORITY = [
  'PredictorReady', 'TransformerReady', 'ExplainerReady', 'IngressReady', 'LatestDeploymentReady', 'RoutesReady',
];
const PROGRESS_STATES = new Set(['Pending', 'Loading', 'Standby']);

/**
 * Derives the phase from `status.conditions` and `status.modelStatus`, in this order:
 * Stopped (Stopped condition, or the stop annotation before the controller reacts) → Ready (Ready=True) →
 * FailedToLoad (model state or BlockedByFailedLoad) → NotReady (InvalidSpec, or a readiness condition False) →
 * InProgress (modelStatus InProgress / Pending / Loading / Standby) → Unknown.
 */
export function deriveStatus(isvc: InferenceServiceObject): DerivedStatus {
  const status = isvc.status ?? {};
  const conditions = Array.isArray(status.conditions) ? status.conditions : [];
  const ready = conditions.find((c) => c.type === 'Ready');
  const stopped = conditions.find((c) => c.type === 'Stopped');
  const model = status.modelStatus;
  const transition = model?.transitionStatus;
  const active = model?.states?.activeModelState;
  const target = model?.states?.targetModelState;
  const failure = model?.lastFailureInfo;
  const stopRequested = isvc.metadata.annotations?.[STOP_ANNOTATION]?.toLowerCase() === 'true';
  const failing = failingCondition(conditions);
  const modelFailed = active === 'FailedToLoad' || target === 'FailedToLoad' || transition === 'BlockedByFailedLoad';

  if (stopped?.status === 'True' || (stopRequested && ready?.status !== 'True')) {
    return {
      phase: 'Stopped',
      reason: stopped?.status === 'True' ? stopped.reason ?? 'Stopped' : 'StopRequested',
      message: stopped?.message ?? ready?.message ?? `Stopped with the ${STOP_ANNOTATION} annotation.`,
    };
  }
  if (ready?.status === 'True') {
    if (stopRequested) {
      return { phase: 'InProgress', reason: 'Stopping', message: `The ${STOP_ANNOTATION} annotation is set; the service is being stopped.` };
    }
    // status.observedGeneration is copied from the Knative Service or Deployment, not this object's generation, so
    // it says nothing about whether the controller has seen the latest spec.
    const warning = modelFailed
      ? `The latest revision failed to load${failure?.reason ? ` (${failure.reason})` : ''}` +
        `${failure?.message ? `: ${failure.message}` : ''}. The previous revision keeps serving.`
      : undefined;
    return { phase: 'Ready', ...(warning ? { warning } : {}) };
  }
  if (modelFailed) {
    return {
      phase: 'FailedToLoad',
      reason: failure?.reason ?? failing?.reason ?? 'FailedToLoad',
      message: failure?.message ?? failing?.message,
      failingCondition: failing,
    };
  }
  if (transition === 'InvalidSpec') {
    return {
      phase: 'NotReady',
      reason: failure?.reason ?? 'InvalidSpec',
      message: failure?.message ?? failing?.message ?? 'The predictor spec is invalid.',
      failingCondition: failing,
    };
  }
  const blocking = failing?.status === 'False' && (!failing.severity || failing.severity === 'Error');
  if (ready?.status === 'False' || blocking) {
    const explaining = failing ?? ready;
    return {
      phase: 'NotReady',
      reason: explaining?.reason ?? `${explaining?.type ?? 'Ready'}False`,
      message: explaining?.message ?? ready?.message,
      failingCondition: explaining,
    };
  }
  if (transition === 'InProgress' || PROGRESS_STATES.has(active ?? '') || PROGRESS_STATES.has(target ?? '')) {
    const state = PROGRESS_STATES.has(target ?? '') ? target : PROGRESS_STATES.has(active ?? '') ? active : undefined;
    return {
      phase: 'InProgress',
      reason: failing?.reason ?? state ?? 'InProgress',
      message: failing?.message ?? (state ? `Model state: ${state}.` : 'The model is being rolled out.'),
      failingCondition: failing,
    };
  }
  if (ready) {
    return { phase: 'Unknown', reason: ready.reason ?? 'ReadyUnknown', message: ready.message ?? failing?.message, failingCondition: failing ?? ready };
  }
  if (conditions.length === 0 && !model) {
    return { phase: 'Unknown', reason: 'NoStatus', message: 'The KServe controller has not reported a status yet.' };
  }
  return { phase: 'Unknown', reason: 'NoReadyCondition', message: failing?.message ?? 'The status has no Ready condition.', failingCondition: failing };
}

/** The most specific readiness condition that is not True: Error severity before Info/Warning, False before Unknown. */
export function failingCondition(conditions: readonly Condition[]): Condition | undefined {
  const candidates = conditions.filter((c) => c.type.endsWith('Ready') && c.status !== 'True');
  const rank = (c: Condition) => {
    const severity = !c.severity || c.severity === 'Error' ? 0 : 1;
    const value = c.status === 'False' ? 0 : 1;
    const known = CONDITION_PRIORITY.indexOf(c.type);
    const position = c.type === 'Ready' ? CONDITION_PRIORITY.length + 1 : known === -1 ? CONDITION_PRIORITY.length : known;
    return severity * 10_000 + value * 1_000 + position;
  };
  return candidates.sort((a, b) => rank(a) - rank(b))[0];
}

/** "Ready", "NotReady · RevisionFailed", "FailedToLoad · ModelLoadFailed". */
export function statusLabel(status: DerivedStatus): string {
  if (status.phase === 'Ready') return status.warning ? 'Ready · latest revision failed' : 'Ready';
  return status.reason && status.reason !== status.phase ? `${status.phase} · ${status.reason}` : status.phase;
}
