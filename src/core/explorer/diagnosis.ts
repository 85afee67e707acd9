import { EventSummary } from './events';
import { ContainerSummary, hasFailed, MODEL_CONTAINER, PodSummary, readsPrevious, STORAGE_INITIALIZER } from './pods';
import { IsvcSummary } from './summary';

export type DiagnosisCause =
  | 'outOfMemory' | 'unschedulable' | 'modelNotFound' | 'tokenRefused' | 'imagePull' | 'crashLoop' | 'modelLoadFailed'
  | 'noRuntime' | 'warningEvent';

/** The next step a diagnosis offers, as an action on its row. */
export type DiagnosisAction =
  | { readonly kind: 'openManifest'; readonly field: string }
  | { readonly kind: 'showLogs'; readonly pod: string; readonly container: string; readonly previous: boolean }
  | { readonly kind: 'showEvents' };

export interface Diagnosis {
  readonly cause: DiagnosisCause;
  /** The row's text: the cause in plain words. */
  readonly summary: string;
  /** What was seen and what to do next. */
  readonly detail: string;
  readonly action?: DiagnosisAction;
}

export interface DiagnosisInput {
  readonly isvc: IsvcSummary;
  readonly pods: readonly PodSummary[];
  /** The service's own events and its pods', newest first. */
  readonly events: readonly EventSummary[];
  /** The last lines of failed containers' logs, by `pod/container`. */
  readonly logs?: ReadonlyMap<string, string>;
}

export const logKey = (pod: string, container: string) => `${pod}/${container}`;

const quote = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);
const CONTAINER_ORDER = [STORAGE_INITIALIZER, MODEL_CONTAINER, 'main'];

function containers(pods: readonly PodSummary[]): { pod: PodSummary; container: ContainerSummary }[] {
  return pods.flatMap((pod) => [...pod.containers]
    .sort((a, b) => rank(a) - rank(b))
    .map((container) => ({ pod, container })));
}

function rank(c: ContainerSummary): number {
  const i = CONTAINER_ORDER.indexOf(c.name);
  return i < 0 ? CONTAINER_ORDER.length : i;
}

function outOfMemory(input: DiagnosisInput): Diagnosis | undefined {
  const killed = containers(input.pods).find(({ container: c }) => c.reason === 'OOMKilled' || c.lastTermination?.reason === 'OOMKilled');
  const event = input.events.find((e) => e.reason === 'OOMKilling' || /OOMKilled|out of memory/i.test(e.message));
  if (!killed && !event) return undefined;
  const name = killed?.container.name ?? MODEL_CONTAINER;
  const limit = killed?.container.memoryLimit;
  return {
    cause: 'outOfMemory',
    summary: `Out of memory: ${name} was killed${limit ? ` at its ${limit} memory limit` : ''}`,
    detail: `Container ${name}${killed ? ` of pod ${killed.pod.name}` : ''} ran out of memory (OOMKilled)${limit ? ` with resources.limits.memory ${limit}` : ''}. ` +
      'The model needs more memory than it was given: raise resources.limits.memory (and requests) in the manifest, or serve a smaller model.',
    action: { kind: 'openManifest', field: 'resources.limits.memory' },
  };
}

function unschedulable(input: DiagnosisInput): Diagnosis | undefined {
  const condition = input.pods.flatMap((p) => p.conditions).find((c) => c.type === 'PodScheduled' && c.status === 'False');
  const event = input.events.find((e) => e.reason === 'FailedScheduling');
  if (!condition && !event) return undefined;
  const message = event?.message ?? condition?.message ?? 'no node can run the pod';
  const lacking = [...message.matchAll(/Insufficient ([\w./-]*\w)/g)].map((m) => m[1]);
  const wanted = lacking.includes('nvidia.com/gpu') && input.isvc.details.gpus ? ` (it asks for ${input.isvc.details.gpus} GPU${input.isvc.details.gpus === 1 ? '' : 's'})` : '';
  return {
    cause: 'unschedulable',
    summary: lacking.length ? `Pending: the cluster lacks ${lacking.join(', ')}${wanted}` : 'Pending: no node can run the pod',
    detail: `The scheduler cannot place the predictor pod: ${quote(message)} ` +
      (lacking.length ? `Add nodes with free ${lacking.join(', ')}, or lower the service's requests.` : 'Check the pod\'s requests, node selectors and tolerations.'),
    action: { kind: 'showEvents' },
  };
}

const NOT_FOUND = /RepositoryNotFoundError|Repository Not Found|is not a valid model identifier|404 Client Error|does not appear to have a file named|Entry Not Found/i;
const REFUSED = /401 Client Error|Invalid (user )?token|Invalid credentials|GatedRepoError|gated repo|403 Client Error|Access to model .* is restricted/i;

function modelFromLogs(input: DiagnosisInput): Diagnosis | undefined {
  for (const { pod, container } of containers(input.pods)) {
    const log = input.logs?.get(logKey(pod.name, container.name));
    if (!log) continue;
    // The Hub answers 401 "Repository Not Found" for a repository that does not exist, too.
    const notFound = NOT_FOUND.test(log);
    const refused = !notFound && REFUSED.test(log);
    if (!refused && !notFound) continue;
    const model = input.isvc.details.modelId ?? input.isvc.details.storageUri ?? 'the model';
    const line = log.split('\n').find((l) => (refused ? REFUSED : NOT_FOUND).test(l))?.trim() ?? '';
    const where = `${container.name} of pod ${pod.name}`;
    const hint = 'If the model is private or gated, store a Hugging Face token in a Secret (HF_TOKEN), reference it from the ' +
      'predictor\'s env, and check the ClusterStorageContainer that serves hf:// URIs.';
    return refused ? {
      cause: 'tokenRefused',
      summary: `Hugging Face refused the token for "${model}"`,
      detail: `${where} could not download "${model}": the Hugging Face Hub refused the token (${quote(line)}). ${hint}`,
      action: { kind: 'showLogs', pod: pod.name, container: container.name, previous: readsPrevious(container) },
    } : {
      cause: 'modelNotFound',
      summary: `Model not found: "${model}" is not on the Hugging Face Hub`,
      detail: `${where} says the model does not exist (${quote(line)}). Check the model id (--model_id or the hf:// storageUri) for typos. ${hint}`,
      action: { kind: 'showLogs', pod: pod.name, container: container.name, previous: readsPrevious(container) },
    };
  }
  return undefined;
}

function imagePull(input: DiagnosisInput): Diagnosis | undefined {
  const found = containers(input.pods).find(({ container: c }) => ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName'].includes(c.reason ?? ''));
  if (!found) return undefined;
  const { pod, container } = found;
  return {
    cause: 'imagePull',
    summary: `Image pull failed for ${container.name} (${container.reason})`,
    detail: `Pod ${pod.name} cannot pull the image of ${container.name}${container.message ? `: ${quote(container.message)}` : ''}. ` +
      'Check the image name in the runtime, and the image pull secret for a private registry.',
    action: { kind: 'showEvents' },
  };
}

function crashLoop(input: DiagnosisInput): Diagnosis | undefined {
  const found = containers(input.pods).find(({ container }) => hasFailed(container));
  if (!found) return undefined;
  const { pod, container } = found;
  const exit = container.lastTermination?.exitCode ?? container.exitCode;
  const tail = input.logs?.get(logKey(pod.name, container.name))?.trim().split('\n').slice(-5).join('\n');
  return {
    cause: 'crashLoop',
    summary: `Crash loop: ${container.name} exits${exit !== undefined ? ` with code ${exit}` : ''}${container.restarts ? ` (${container.restarts} restarts)` : ''}`,
    detail: `Container ${container.name} of pod ${pod.name} keeps failing.${tail ? ` Its last lines:\n${tail}` : ''}`,
    action: { kind: 'showLogs', pod: pod.name, container: container.name, previous: readsPrevious(container) },
  };
}

function fromStatus(input: DiagnosisInput): Diagnosis | undefined {
  const { status } = input.isvc;
  if (status.reason === 'NoSupportingRuntime' || status.reason === 'RuntimeNotRecognized') {
    return {
      cause: 'noRuntime',
      summary: `No runtime serves this model (${status.reason})`,
      detail: `${status.message ? `${quote(status.message)} ` : ''}Install a ServingRuntime or ClusterServingRuntime that supports the model format` +
        `${input.isvc.details.modelFormat ? ` "${input.isvc.details.modelFormat}"` : ''}, or change modelFormat in the manifest.`,
      action: { kind: 'openManifest', field: 'modelFormat' },
    };
  }
  if (status.phase === 'FailedToLoad') {
    const pod = input.pods[0];
    return {
      cause: 'modelLoadFailed',
      summary: `Model failed to load${status.reason ? ` (${status.reason})` : ''}`,
      detail: `${status.message ? quote(status.message) : 'KServe reports that the model failed to load.'} Check the model server's logs.`,
      action: pod ? { kind: 'showLogs', pod: pod.name, container: MODEL_CONTAINER, previous: false } : { kind: 'showEvents' },
    };
  }
  return undefined;
}

function newestWarning(input: DiagnosisInput): Diagnosis | undefined {
  const warning = input.events.find((e) => e.type === 'Warning');
  if (!warning) return undefined;
  return {
    cause: 'warningEvent',
    summary: `${warning.reason || 'Warning'}: ${quote(warning.message)}`,
    detail: `The newest warning, on ${warning.involvedKind} ${warning.involvedName}${warning.count > 1 ? ` (${warning.count} times)` : ''}: ${warning.message}`,
    action: { kind: 'showEvents' },
  };
}

/**
 * Why a service is not Ready, in plain words, with the next step. Derived from status, pods, events and the logs of
 * failed containers, most specific cause first. A Ready service has no diagnosis, even when an old pod once failed.
 */
export function diagnose(input: DiagnosisInput): Diagnosis | undefined {
  if (input.isvc.status.phase === 'Ready' || input.isvc.status.phase === 'Stopped') return undefined;
  for (const rule of [outOfMemory, unschedulable, modelFromLogs, imagePull, crashLoop, fromStatus, newestWarning]) {
    const found = rule(input);
    if (found) return found;
  }
  return undefined;
}

/** The containers whose last log lines a diagnosis reads: those that failed or keep restarting. */
export function containersToRead(pods: readonly PodSummary[]): { pod: string; container: string; previous: boolean }[] {
  return containers(pods)
    .filter(({ container }) => hasFailed(container))
    .slice(0, 4)
    .map(({ pod, container }) => ({ pod: pod.name, container: container.name, previous: readsPrevious(container) }));
}
