// InferenceService shapes and the statuses KServe's controller writes, for seeding the test cluster. They are
// stricter than the extension's own reading of them (src/core/explorer/resources.ts), which must accept anything.
import { KSERVE_GROUP } from '../../src/core/kserve/group';
import type { ConditionStatus, TrafficTarget } from '../../src/core/explorer/resources';

export type { ConditionStatus, TrafficTarget };

export const ISVC_GROUP = KSERVE_GROUP;
export const ISVC_VERSION = 'v1beta1';
export const ISVC_PLURAL = 'inferenceservices';
export const ISVC_API_VERSION = `${ISVC_GROUP}/${ISVC_VERSION}`;

export interface IsvcCondition {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  severity?: 'Info' | 'Warning' | 'Error';
  lastTransitionTime?: string;
}

export interface ComponentStatus {
  url?: string;
  restUrl?: string;
  grpcUrl?: string;
  address?: { url?: string };
  latestReadyRevision?: string;
  latestCreatedRevision?: string;
  latestRolledoutRevision?: string;
  previousRolledoutRevision?: string;
  traffic?: TrafficTarget[];
}

export type ModelState = '' | 'Pending' | 'Standby' | 'Loading' | 'Loaded' | 'FailedToLoad';
export type TransitionStatus = 'UpToDate' | 'InProgress' | 'BlockedByFailedLoad' | 'InvalidSpec';
export type FailureReason =
  | 'ModelLoadFailed' | 'RuntimeUnhealthy' | 'RuntimeDisabled' | 'NoSupportingRuntime' | 'RuntimeNotRecognized'
  | 'InvalidPredictorSpec';

export interface ModelStatus {
  transitionStatus: TransitionStatus;
  states?: { activeModelState: ModelState; targetModelState?: ModelState };
  lastFailureInfo?: { reason?: FailureReason; message?: string; exitCode?: number; location?: string; time?: string };
  copies?: { failedCopies: number; totalCopies?: number };
}

export interface InferenceServiceStatus {
  url?: string;
  address?: { url?: string };
  conditions?: IsvcCondition[];
  components?: Record<string, ComponentStatus>;
  modelStatus?: ModelStatus;
  deploymentMode?: string;
  observedGeneration?: number;
  [field: string]: unknown;
}

export interface InferenceService {
  apiVersion: string;
  kind: 'InferenceService';
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
  status?: InferenceServiceStatus;
}

/** The Hugging Face T5 predictor from KServe's docs (text2text, OpenAI-compatible routes, model name `t5`). */
export function t5Spec(): Record<string, unknown> {
  return {
    predictor: {
      model: {
        modelFormat: { name: 'huggingface' },
        args: ['--model_name=t5', '--model_id=google-t5/t5-small', '--backend=huggingface'],
        resources: {
          limits: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' },
          requests: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' },
        },
      },
    },
  };
}

/** Kubernetes' metav1.Time form: RFC 3339 with second precision. */
export function kubeTime(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

export type DeploymentMode = 'Serverless' | 'Knative' | 'RawDeployment' | 'Standard';

function isKnative(mode: DeploymentMode): boolean {
  return mode === 'Serverless' || mode === 'Knative';
}

// Knative keeps conditions sorted by type; KServe inherits that.
function conditions(list: IsvcCondition[], at: string): IsvcCondition[] {
  return list
    .map((c) => ({ ...c, lastTransitionTime: c.lastTransitionTime ?? at }))
    .sort((a, b) => a.type.localeCompare(b.type));
}

/** Derives `<name>` and `<namespace>` from KServe's default URL template `http://<name>.<namespace>.<domain>`. */
function namesFromUrl(url: string): { name: string; namespace: string } {
  const [name = 'isvc', namespace = 'default'] = new URL(url).hostname.split('.');
  return { name, namespace };
}

export interface ReadyStatusOptions {
  /** External URL, e.g. `http://huggingface-t5.default.example.com`. */
  url: string;
  /** Cluster-local URL; default `http://<name>-predictor.<namespace>.svc.cluster.local`. */
  addressUrl?: string;
  deploymentMode?: DeploymentMode;
  /** Knative revision serving 100% of traffic; default `<name>-predictor-00001`. */
  revision?: string;
  observedGeneration?: number;
  totalCopies?: number;
}

export function readyStatus(options: ReadyStatusOptions): InferenceServiceStatus {
  const { url, deploymentMode = 'Serverless', totalCopies = 1 } = options;
  const { name, namespace } = namesFromUrl(url);
  const at = kubeTime();
  const addressUrl = options.addressUrl ?? `http://${name}-predictor.${namespace}.svc.cluster.local`;
  const predictorUrl = url.replace(`//${name}.`, `//${name}-predictor.`);
  const revision = options.revision ?? `${name}-predictor-00001`;
  const predictor: ComponentStatus = isKnative(deploymentMode)
    ? {
        url: predictorUrl,
        address: { url: addressUrl },
        latestCreatedRevision: revision,
        latestReadyRevision: revision,
        latestRolledoutRevision: revision,
        traffic: [{ revisionName: revision, latestRevision: true, percent: 100 }],
      }
    : { url: predictorUrl, address: { url: addressUrl } };
  const knativeOnly: IsvcCondition[] = isKnative(deploymentMode)
    ? [
        { type: 'LatestDeploymentReady', status: 'True', severity: 'Info' },
        { type: 'PredictorConfigurationReady', status: 'True', severity: 'Info' },
        { type: 'PredictorRouteReady', status: 'True', severity: 'Info' },
        { type: 'RoutesReady', status: 'True', severity: 'Info' },
      ]
    : [];
  return {
    url,
    address: { url: addressUrl },
    conditions: conditions(
      [
        { type: 'IngressReady', status: 'True' },
        { type: 'PredictorReady', status: 'True' },
        { type: 'Ready', status: 'True' },
        ...knativeOnly,
      ],
      at,
    ),
    components: { predictor },
    modelStatus: {
      transitionStatus: 'UpToDate',
      states: { activeModelState: 'Loaded', targetModelState: 'Loaded' },
      copies: { failedCopies: 0, totalCopies },
    },
    deploymentMode,
    ...(options.observedGeneration === undefined ? {} : { observedGeneration: options.observedGeneration }),
  };
}

export interface FailedStatusOptions {
  exitCode?: number;
  deploymentMode?: DeploymentMode;
  /** Knative revision that failed, e.g. `huggingface-t5-predictor-00001`; named in the condition message. */
  revision?: string;
}

/**
 * The status after the predictor container failed to load the model: Ready/PredictorReady False, model
 * BlockedByFailedLoad. Like KServe, only targetModelState says FailedToLoad; no model was ever active.
 */
export function failedToLoadStatus(
  reason: FailureReason,
  message: string,
  options: FailedStatusOptions = {},
): InferenceServiceStatus {
  const at = kubeTime();
  const conditionMessage = options.revision ? `Revision "${options.revision}" failed with message: ${message}.` : message;
  return {
    conditions: conditions(
      [
        { type: 'PredictorReady', status: 'False', reason: 'RevisionFailed', message: conditionMessage },
        { type: 'Ready', status: 'False', reason: 'RevisionFailed', message: conditionMessage },
      ],
      at,
    ),
    components: { predictor: options.revision ? { latestCreatedRevision: options.revision } : {} },
    modelStatus: {
      transitionStatus: 'BlockedByFailedLoad',
      states: { activeModelState: '', targetModelState: 'FailedToLoad' },
      lastFailureInfo: { reason, message, exitCode: options.exitCode ?? 1, time: at },
      copies: { failedCopies: 1, totalCopies: 0 },
    },
    deploymentMode: options.deploymentMode ?? 'Serverless',
  };
}

/** A freshly created or updating InferenceService: predictor pods pending or loading the model. */
export function inProgressStatus(
  options: { modelState?: 'Pending' | 'Loading'; deploymentMode?: DeploymentMode } = {},
): InferenceServiceStatus {
  const at = kubeTime();
  const message = 'Configuration is waiting for a Revision to become ready.';
  return {
    conditions: conditions(
      [
        { type: 'PredictorReady', status: 'Unknown', reason: 'RevisionMissing', message },
        { type: 'Ready', status: 'Unknown', reason: 'RevisionMissing', message },
      ],
      at,
    ),
    modelStatus: {
      transitionStatus: 'InProgress',
      states: { activeModelState: '', targetModelState: options.modelState ?? 'Pending' },
    },
    deploymentMode: options.deploymentMode ?? 'Serverless',
  };
}

/** Scaled to zero on purpose with the `serving.kserve.io/stop: "true"` annotation. */
export function stoppedStatus(options: { deploymentMode?: DeploymentMode } = {}): InferenceServiceStatus {
  const at = kubeTime();
  const message = 'The inference service is stopped';
  return {
    conditions: conditions(
      [
        { type: 'IngressReady', status: 'False', reason: 'Stopped', message },
        { type: 'PredictorReady', status: 'False', reason: 'Stopped', message },
        { type: 'Ready', status: 'False', reason: 'Stopped', message },
        { type: 'Stopped', status: 'True' },
      ],
      at,
    ),
    modelStatus: { transitionStatus: 'UpToDate', states: { activeModelState: '', targetModelState: '' } },
    deploymentMode: options.deploymentMode ?? 'Serverless',
  };
}

export function conditionStatus(isvc: InferenceService, type: string): ConditionStatus | undefined {
  return isvc.status?.conditions?.find((c) => c.type === type)?.status;
}
