import * as vscode from 'vscode';
import {
  backendProblem, DEFAULT_MODEL_ID, DeployChoices, HF_SECRET, HF_TOKEN_KEY, modelIdProblem, nameProblem, ResourcePreset, serviceNameFor,
} from '../../core/deploy/plan';
import { UserFacingError } from '../../core/errors';
import { isRecord, KubeObject, RESOURCES } from '../../core/explorer/resources';
import { summarizeResource } from '../../core/explorer/summary';
import { ClusterModel } from '../../app/explorer/clusterModel';
import { KubeError } from '../../infra/kube/errors';

/** Answers given up front (by a caller or a test); a step asks only for what is missing. */
export interface DeployArgs {
  readonly context?: string;
  readonly namespace?: string;
  readonly modelId?: string;
  readonly modelName?: string;
  readonly name?: string;
  readonly backend?: DeployChoices['backend'];
  readonly resources?: ResourcePreset;
  readonly deploymentMode?: 'Standard' | 'Knative' | 'default';
  /** A token for a new `hf-secret`; null for no token. */
  readonly token?: string | null;
  readonly existingSecret?: string;
  /** What to do at the review: dry-run then deploy, or cancel. */
  readonly review?: 'deploy' | 'cancel';
  /** Translate a sample sentence once the service is Ready. */
  readonly translateSample?: boolean;
}

export const TOTAL_STEPS = 6;
export const stepTitle = (step: number, what: string) => `KServe: Deploy a Model (${step}/${TOTAL_STEPS}): ${what}`;

/** Thrown when the user dismisses a step: nothing after it runs, and nothing was written. */
export class StepCancelled extends Error {}

async function pick<T extends vscode.QuickPickItem>(items: T[], title: string, placeHolder?: string): Promise<T> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  if (!picked) throw new StepCancelled();
  return picked;
}

async function input(options: vscode.InputBoxOptions): Promise<string> {
  const value = await vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  if (value === undefined) throw new StepCancelled();
  return value.trim();
}

/** Step 1, second half: the namespace exists and its InferenceServices can be read. */
export async function chooseNamespace(cluster: ClusterModel, args: DeployArgs): Promise<string> {
  const namespace = args.namespace ?? await (async () => {
    const known = cluster.listedNamespaces ?? cluster.visibleNamespaces();
    const own = cluster.connection.namespace;
    const items = [own, ...known.filter((n) => n !== own)].map((label) => ({ label }));
    return (await pick(items, stepTitle(1, `namespace in ${cluster.contextName}`), 'Where the InferenceService goes')).label;
  })();
  try {
    await cluster.api.get(RESOURCES.namespaces, undefined, namespace);
  } catch (err) {
    if (err instanceof KubeError && err.kind === 'notFound') throw new UserFacingError(`Namespace ${namespace} does not exist in ${cluster.contextName}.`, 'badNamespace');
    if (!(err instanceof KubeError && err.kind === 'forbidden')) throw err;
  }
  await cluster.api.list(RESOURCES.inferenceServices, { namespace, limit: 1 });
  return namespace;
}

/** Step 2: the model, its name, the backend (vLLM does not serve T5), resources and deployment mode. */
export async function chooseModel(cluster: ClusterModel, namespace: string, args: DeployArgs) {
  const title = stepTitle(2, 'the model');
  const modelId = args.modelId ?? await input({ title, prompt: 'Hugging Face model id', value: DEFAULT_MODEL_ID, validateInput: modelIdProblem });
  const problem = modelIdProblem(modelId);
  if (problem) throw new UserFacingError(problem, 'badArgument');
  const suggested = /t5/i.test(modelId) ? 't5' : (modelId.split('/').pop() ?? 'model').toLowerCase();
  const modelName = args.modelName ?? await input({ title, prompt: '--model_name: what requests name as "model"', value: suggested, validateInput: (v) => nameProblem(v, 'The model name') });
  const name = args.name ?? await input({ title, prompt: 'InferenceService name', value: serviceNameFor(modelId), validateInput: (v) => nameProblem(v, 'The name') });
  for (const [value, what] of [[modelName, 'The model name'], [name, 'The name']] as const) {
    const bad = nameProblem(value, what);
    if (bad) throw new UserFacingError(bad, 'badArgument');
  }
  const backend = args.backend ?? (await pick([
    { label: 'huggingface', description: 'KServe\'s Hugging Face backend: serves T5', backend: 'huggingface' as const },
    { label: 'vllm', description: 'vLLM: decoder-only LLMs. It does not serve T5 (encoder-decoder).', backend: 'vllm' as const },
  ], title, 'Backend of the Hugging Face runtime')).backend;
  const mismatch = backendProblem(modelId, backend);
  if (mismatch) throw new UserFacingError(mismatch, 'badArgument');
  const resources = args.resources ?? (await pick([
    { label: '1 GPU', description: 'nvidia.com/gpu: 1, 1 CPU, 2–4Gi (the guide\'s)', preset: 'gpu' as const },
    { label: 'CPU only', description: '1–2 CPU, 2–4Gi: slow, but no GPU needed', preset: 'cpu' as const },
  ], title, 'Resources')).preset;
  if (resources === 'gpu' && !(await clusterHasGpus(cluster)) && !args.resources) {
    await pick([{ label: 'Keep 1 GPU', description: 'the pod stays Pending until a GPU node joins' }], title, 'No node offers nvidia.com/gpu');
  }
  const mode = args.deploymentMode ?? (await pick([
    { label: 'Cluster default', description: 'no annotation', mode: 'default' as const },
    { label: 'Standard', description: 'a Deployment (RawDeployment)', mode: 'Standard' as const },
    { label: 'Knative', description: 'a Knative Service, scales to zero (Serverless)', mode: 'Knative' as const },
  ], title, 'Deployment mode')).mode;
  const existing = await cluster.api.get(RESOURCES.inferenceServices, namespace, name).catch(() => undefined);
  if (existing && !args.name) await pick([{ label: `Update ${name}` }], title, `${namespace}/${name} exists: deploying updates it`);
  return { modelId, modelName, name, backend, resources, deploymentMode: mode === 'default' ? undefined : mode };
}

/** Step 3: a token, as a new secret or one that exists; a ClusterStorageContainer for hf:// if the cluster has none. */
export async function chooseToken(cluster: ClusterModel, namespace: string, args: DeployArgs): Promise<{ tokenSecret?: string; token?: string; storageContainer: boolean }> {
  const title = stepTitle(3, 'Hugging Face token (optional)');
  const secrets = await cluster.api.list(RESOURCES.secrets, { namespace }).catch(() => undefined);
  const holders = (secrets?.items ?? []).filter((s) => isRecord(s.data) && HF_TOKEN_KEY in s.data).map((s) => s.metadata.name);
  let tokenSecret: string | undefined = args.existingSecret;
  let token: string | undefined = typeof args.token === 'string' ? args.token : undefined;
  if (args.token === undefined && !args.existingSecret) {
    const choice = await pick([
      { label: 'No token', description: 'public models such as google-t5/t5-small', value: '' },
      ...holders.map((name) => ({ label: `Use secret ${name}`, description: `it holds ${HF_TOKEN_KEY}`, value: name })),
      { label: `Create secret ${HF_SECRET}…`, description: 'from a token you paste; it is never shown or logged', value: '+' },
    ], title, 'Private or gated models need a token');
    if (choice.value === '+') {
      token = await input({ title, prompt: `${HF_TOKEN_KEY} for secret ${namespace}/${HF_SECRET}`, password: true, validateInput: (v) => (v.trim() ? undefined : 'Paste a token, or press Escape') });
    } else if (choice.value) tokenSecret = choice.value;
  }
  if (token !== undefined) tokenSecret = HF_SECRET;
  if (!tokenSecret) return { storageContainer: false };
  const containers = await cluster.api.list(RESOURCES.clusterStorageContainers).catch(() => undefined);
  const handlesHf = (containers?.items ?? []).some((c: KubeObject) => summarizeResource(c).handles.some((h) => h.startsWith('hf://')));
  return { tokenSecret, token, storageContainer: !handlesHf };
}

async function clusterHasGpus(cluster: ClusterModel): Promise<boolean> {
  const nodes = await cluster.api.list(RESOURCES.nodes).catch(() => undefined);
  if (!nodes) return true; // cannot tell: do not warn
  return nodes.items.some((n) => {
    const allocatable = isRecord(n.status) && isRecord(n.status.allocatable) ? n.status.allocatable : {};
    return Object.keys(allocatable).some((k) => /gpu/i.test(k) && String(allocatable[k]) !== '0');
  });
}
