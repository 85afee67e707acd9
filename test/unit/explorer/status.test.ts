import { strict as assert } from 'node:assert';
import { Condition, InferenceServiceObject, ModelStatus } from '../../../src/core/explorer/resources';
import { deriveStatus, failingCondition, ISVC_PHASES, statusLabel, STOP_ANNOTATION } from '../../../src/core/explorer/status';
import { failedToLoadStatus, inProgressStatus, readyStatus, stoppedStatus, t5Spec } from '../../support/cluster-isvc';

function isvc(status: InferenceServiceObject['status'], annotations?: Record<string, string>, generation = 1): InferenceServiceObject {
  return {
    apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
    metadata: { name: 'huggingface-t5', namespace: 'default', generation, ...(annotations ? { annotations } : {}) },
    spec: t5Spec(), status,
  };
}

// Every value NOTES.md and the CRD list for the fields the status is derived from.
const READY_VALUES = [undefined, 'True', 'False', 'Unknown'] as const;
const STOPPED_VALUES = [undefined, 'True', 'False'] as const;
const TRANSITIONS = [undefined, '', 'UpToDate', 'InProgress', 'BlockedByFailedLoad', 'InvalidSpec'] as const;
const MODEL_STATES = [undefined, '', 'Pending', 'Standby', 'Loading', 'Loaded', 'FailedToLoad'] as const;
const FAILURE = { reason: 'ModelLoadFailed', message: 'Failed to download model from hf://google-t5/t5-small', exitCode: 1 };

interface Combination {
  ready?: string;
  stopped?: string;
  transition?: string;
  active?: string;
  target?: string;
  stopAnnotation: boolean;
}

function* combinations(): Generator<Combination> {
  for (const ready of READY_VALUES) for (const stopped of STOPPED_VALUES) for (const transition of TRANSITIONS)
    for (const active of MODEL_STATES) for (const target of MODEL_STATES) for (const stopAnnotation of [false, true])
      yield { ready, stopped, transition, active, target, stopAnnotation };
}

function build(c: Combination): InferenceServiceObject {
  const conditions: Condition[] = [];
  if (c.ready) {
    conditions.push({ type: 'PredictorReady', status: c.ready, reason: c.ready === 'True' ? undefined : 'RevisionFailed', message: c.ready === 'True' ? undefined : 'Revision "t5-predictor-00001" failed with message: OOMKilled.' });
    conditions.push({ type: 'Ready', status: c.ready, reason: c.ready === 'True' ? undefined : 'RevisionFailed' });
  }
  if (c.stopped) conditions.push({ type: 'Stopped', status: c.stopped, reason: c.stopped === 'True' ? 'Stopped' : undefined });
  let modelStatus: ModelStatus | undefined;
  if (c.transition !== undefined || c.active !== undefined || c.target !== undefined) {
    modelStatus = {
      transitionStatus: c.transition,
      states: { activeModelState: c.active, targetModelState: c.target },
      ...(c.transition === 'BlockedByFailedLoad' || c.active === 'FailedToLoad' || c.target === 'FailedToLoad' || c.transition === 'InvalidSpec'
        ? { lastFailureInfo: FAILURE } : {}),
    };
  }
  return isvc({ conditions, ...(modelStatus ? { modelStatus } : {}) }, c.stopAnnotation ? { [STOP_ANNOTATION]: 'true' } : undefined);
}

/** The rules in the order the README documents them. */
function expectedPhase(c: Combination): string {
  const failed = c.active === 'FailedToLoad' || c.target === 'FailedToLoad' || c.transition === 'BlockedByFailedLoad';
  const progressing = c.transition === 'InProgress' || ['Pending', 'Loading', 'Standby'].includes(c.active ?? '') || ['Pending', 'Loading', 'Standby'].includes(c.target ?? '');
  if (c.stopped === 'True' || (c.stopAnnotation && c.ready !== 'True')) return 'Stopped';
  if (c.ready === 'True') return c.stopAnnotation ? 'InProgress' : 'Ready';
  if (failed) return 'FailedToLoad';
  if (c.transition === 'InvalidSpec') return 'NotReady';
  if (c.ready === 'False') return 'NotReady';
  if (progressing) return 'InProgress';
  return 'Unknown';
}

describe('explorer status derivation', () => {
  it('derives the documented phase for every condition × modelStatus combination', () => {
    let count = 0;
    const seen = new Set<string>();
    for (const c of combinations()) {
      const status = deriveStatus(build(c));
      assert.equal(status.phase, expectedPhase(c), JSON.stringify(c));
      assert.ok(ISVC_PHASES.includes(status.phase));
      assert.ok(statusLabel(status).startsWith(status.phase), `label of ${JSON.stringify(c)}`);
      if (status.phase === 'FailedToLoad') {
        assert.equal(status.reason, FAILURE.reason);
        assert.equal(status.message, FAILURE.message);
      }
      if (status.phase === 'NotReady' && c.transition !== 'InvalidSpec') {
        assert.equal(status.failingCondition?.type, 'PredictorReady', 'the specific condition explains NotReady');
        assert.match(status.message ?? '', /OOMKilled/);
      }
      if (status.phase === 'Ready') assert.equal(status.warning !== undefined, c.active === 'FailedToLoad' || c.target === 'FailedToLoad' || c.transition === 'BlockedByFailedLoad');
      seen.add(status.phase);
      count++;
    }
    assert.equal(count, 4 * 3 * 6 * 7 * 7 * 2);
    assert.deepEqual([...seen].sort(), [...ISVC_PHASES].sort(), 'every phase is reachable');
  });

  it('reads the statuses KServe’s controller writes (real-shaped objects)', () => {
    const ready = deriveStatus(isvc(readyStatus({ url: 'http://huggingface-t5.default.example.com' })));
    assert.deepEqual(ready, { phase: 'Ready' });

    const failed = deriveStatus(isvc(failedToLoadStatus('ModelLoadFailed', 'OSError: google-t5/t5-smal is not a valid model identifier', { revision: 'huggingface-t5-predictor-00001' })));
    assert.equal(failed.phase, 'FailedToLoad');
    assert.equal(failed.reason, 'ModelLoadFailed');
    assert.match(failed.message ?? '', /not a valid model identifier/);
    assert.equal(failed.failingCondition?.type, 'PredictorReady');
    assert.match(failed.failingCondition?.message ?? '', /Revision "huggingface-t5-predictor-00001" failed/);
    assert.equal(statusLabel(failed), 'FailedToLoad · ModelLoadFailed');

    const loading = deriveStatus(isvc(inProgressStatus({ modelState: 'Loading' })));
    assert.equal(loading.phase, 'InProgress');
    assert.equal(loading.reason, 'RevisionMissing');

    const stopped = deriveStatus(isvc(stoppedStatus(), { [STOP_ANNOTATION]: 'true' }));
    assert.equal(stopped.phase, 'Stopped');
    assert.equal(stopped.reason, 'Stopped');
  });

  it('says Unknown when the controller has not written a status yet', () => {
    const none = deriveStatus(isvc(undefined));
    assert.equal(none.phase, 'Unknown');
    assert.equal(none.reason, 'NoStatus');
    assert.equal(deriveStatus(isvc({ conditions: [{ type: 'Ready', status: 'Unknown', reason: 'Initializing' }] })).reason, 'Initializing');
  });

  it('trusts the conditions over observedGeneration, which KServe copies from the Knative Service or Deployment', () => {
    const status = readyStatus({ url: 'http://t5.default.example.com' });
    for (const [observed, generation] of [[1, 2], [1, 7], [5, 2]]) {
      assert.deepEqual(deriveStatus(isvc({ ...status, observedGeneration: observed }, undefined, generation)), { phase: 'Ready' });
    }
  });

  it('ignores a False condition of Info severity when deciding NotReady', () => {
    const status = deriveStatus(isvc({ conditions: [
      { type: 'Ready', status: 'Unknown', reason: 'Deploying' },
      { type: 'LatestDeploymentReady', status: 'False', severity: 'Info', reason: 'Waiting' },
    ] }));
    assert.equal(status.phase, 'Unknown');
  });

  it('picks the most specific failing condition', () => {
    const conditions: Condition[] = [
      { type: 'Ready', status: 'False', reason: 'IngressNotConfigured' },
      { type: 'RoutesReady', status: 'False', severity: 'Info' },
      { type: 'IngressReady', status: 'False', reason: 'IngressNotConfigured', message: 'Ingress has not been configured.' },
      { type: 'PredictorReady', status: 'True' },
      { type: 'Stopped', status: 'False' },
    ];
    assert.equal(failingCondition(conditions)?.type, 'IngressReady');
    assert.equal(failingCondition([{ type: 'Ready', status: 'False' }])?.type, 'Ready');
    assert.equal(failingCondition([{ type: 'Stopped', status: 'False' }, { type: 'Ready', status: 'True' }]), undefined);
    const derived = deriveStatus(isvc({ conditions }));
    assert.equal(derived.phase, 'NotReady');
    assert.equal(derived.reason, 'IngressNotConfigured');
    assert.equal(derived.message, 'Ingress has not been configured.');
  });

  it('survives malformed status objects', () => {
    const weird = isvc({ conditions: 'nope' as unknown as Condition[], modelStatus: {} });
    assert.equal(deriveStatus(weird).phase, 'Unknown');
  });
});
