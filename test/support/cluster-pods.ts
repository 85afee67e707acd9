// Pods and Events as the kubelet, the scheduler and KServe's controller write them, for an InferenceService's
// predictor. Used by the unit tests (as recorded shapes), the integration tests and the sandbox.

export interface PodOptions {
  readonly namespace: string;
  readonly isvc: string;
  /** Default `<isvc>-predictor-5d8f7c9b4-x2x7q`. */
  readonly name?: string;
  readonly nodeName?: string;
  readonly memoryLimit?: string;
  readonly gpus?: number;
  readonly storageUri?: string;
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

export function podName(options: Pick<PodOptions, 'isvc' | 'name'>): string {
  return options.name ?? `${options.isvc}-predictor-5d8f7c9b4-x2x7q`;
}

/** The pod KServe's Deployment creates: storage-initializer as init container, then kserve-container. */
export function predictorPod(options: PodOptions): Record<string, unknown> {
  const resources = {
    limits: { cpu: '1', memory: options.memoryLimit ?? '2Gi', ...(options.gpus ? { 'nvidia.com/gpu': String(options.gpus) } : {}) },
    requests: { cpu: '1', memory: options.memoryLimit ?? '2Gi', ...(options.gpus ? { 'nvidia.com/gpu': String(options.gpus) } : {}) },
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName(options),
      namespace: options.namespace,
      labels: {
        'serving.kserve.io/inferenceservice': options.isvc,
        component: 'predictor',
        app: `isvc.${options.isvc}-predictor`,
        'pod-template-hash': '5d8f7c9b4',
      },
    },
    spec: {
      nodeName: options.nodeName,
      automountServiceAccountToken: false,
      initContainers: [{
        name: 'storage-initializer', image: 'kserve/storage-initializer:v0.20.0',
        args: [options.storageUri ?? 'hf://google-t5/t5-small', '/mnt/models'],
        resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '100Mi' } },
      }],
      containers: [{
        name: 'kserve-container', image: 'kserve/huggingfaceserver:v0.20.0',
        args: ['--model_name=t5', '--model_dir=/mnt/models'], resources,
      }],
    },
  };
}

const condition = (type: string, status: string, extra: Record<string, string> = {}) => ({ type, status, lastTransitionTime: ago(60), ...extra });
const started = (seconds: number) => ({ startedAt: ago(seconds) });

/** Everything up: the storage initializer completed, the server is ready. */
export function runningStatus(): Record<string, unknown> {
  return {
    phase: 'Running',
    conditions: [condition('Initialized', 'True'), condition('Ready', 'True'), condition('ContainersReady', 'True'), condition('PodScheduled', 'True')],
    initContainerStatuses: [{ name: 'storage-initializer', ready: true, restartCount: 0, image: 'kserve/storage-initializer:v0.20.0',
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(300), finishedAt: ago(240) } } }],
    containerStatuses: [{ name: 'kserve-container', ready: true, restartCount: 0, image: 'kserve/huggingfaceserver:v0.20.0',
      started: true, state: { running: started(240) } }],
    startTime: ago(300),
  };
}

/** The model server was killed at its memory limit and is waiting to restart. */
export function oomKilledStatus(restarts = 3): Record<string, unknown> {
  return {
    phase: 'Running',
    conditions: [condition('Initialized', 'True'), condition('Ready', 'False', { reason: 'ContainersNotReady', message: 'containers with unready status: [kserve-container]' }),
      condition('ContainersReady', 'False', { reason: 'ContainersNotReady' }), condition('PodScheduled', 'True')],
    initContainerStatuses: [{ name: 'storage-initializer', ready: true, restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(600), finishedAt: ago(540) } } }],
    containerStatuses: [{
      name: 'kserve-container', ready: false, restartCount: restarts,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=kserve-container' } },
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: ago(120), finishedAt: ago(60) } },
    }],
  };
}

/** Never scheduled: no node has what it asks for. */
export function unschedulableStatus(message = '0/1 nodes are available: 1 Insufficient nvidia.com/gpu.'): Record<string, unknown> {
  return { phase: 'Pending', conditions: [condition('PodScheduled', 'False', { reason: 'Unschedulable', message })] };
}

/** The storage initializer failed to download the model, and keeps retrying. */
export function storageInitializerFailedStatus(restarts = 2): Record<string, unknown> {
  return {
    phase: 'Pending',
    conditions: [condition('Initialized', 'False', { reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [storage-initializer]' }),
      condition('Ready', 'False', { reason: 'ContainersNotReady' }), condition('PodScheduled', 'True')],
    initContainerStatuses: [{
      name: 'storage-initializer', ready: false, restartCount: restarts,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=storage-initializer' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(90), finishedAt: ago(80) } },
    }],
    containerStatuses: [{ name: 'kserve-container', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
  };
}

/** The image cannot be pulled. */
export function imagePullStatus(image = 'kserve/huggingfaceserver:v9.9.9'): Record<string, unknown> {
  return {
    phase: 'Pending',
    conditions: [condition('Ready', 'False', { reason: 'ContainersNotReady' }), condition('PodScheduled', 'True')],
    containerStatuses: [{ name: 'kserve-container', ready: false, restartCount: 0, image,
      state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } } }],
  };
}

/** What the storage initializer prints when the Hugging Face repository does not exist. */
export function modelNotFoundLog(modelId = 'google-t5/t5-smal'): string {
  return [
    `INFO:root:Initializing, args: src_uri [hf://${modelId}] dest_path[ [/mnt/models]`,
    `INFO:root:Copying contents of hf://${modelId} to local`,
    'Traceback (most recent call last):',
    `huggingface_hub.errors.RepositoryNotFoundError: 401 Client Error. (Request ID: Root=1-6745)`,
    `Repository Not Found for url: https://huggingface.co/api/models/${modelId}/revision/main.`,
    'Please make sure you specified the correct `repo_id` and `repo_type`.',
    '',
  ].join('\n');
}

/** An Event as the scheduler or the kubelet writes it about `involved`. */
export function event(options: {
  namespace: string; involved: { kind: string; name: string }; reason: string; message: string;
  type?: 'Normal' | 'Warning'; count?: number; component?: string; secondsAgo?: number; name?: string;
}): Record<string, unknown> {
  const at = ago(options.secondsAgo ?? 5);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: options.name ?? `${options.involved.name}.${Math.random().toString(16).slice(2, 14)}`, namespace: options.namespace },
    involvedObject: { apiVersion: options.involved.kind === 'Pod' ? 'v1' : 'serving.kserve.io/v1beta1', kind: options.involved.kind,
      name: options.involved.name, namespace: options.namespace },
    reason: options.reason,
    message: options.message,
    type: options.type ?? 'Warning',
    count: options.count ?? 1,
    firstTimestamp: options.count && options.count > 1 ? ago((options.secondsAgo ?? 5) + 600) : at,
    lastTimestamp: at,
    source: { component: options.component ?? 'kubelet' },
    reportingComponent: options.component ?? 'kubelet',
  };
}

export { now as kubeNow };
