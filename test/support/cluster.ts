// Test-side access to the loopback cluster started by test/cluster/up.sh. Must not import `vscode`: it is used from
// the extension host, the sandbox and benchmarks alike.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import * as k8s from '@kubernetes/client-node';
import { clusterScript, connectionFromEnv, readStateDir, type ClusterConnection } from './cluster-env';
import {
  ISVC_API_VERSION, ISVC_GROUP, ISVC_PLURAL, ISVC_VERSION, readyStatus, t5Spec,
  type InferenceService, type InferenceServiceStatus, type ReadyStatusOptions,
} from './cluster-isvc';
import { waitFor, type WaitOptions } from './cluster-wait';
import { IsvcWatchRecorder } from './cluster-watch';

export * from './cluster-isvc';
export * from './cluster-wait';
export * from './cluster-watch';
export { connectionFromEnv, readStateDir, type ClusterConnection } from './cluster-env';

/** Contexts in the kubeconfig written by up.sh. */
export const CLUSTER_CONTEXTS = {
  /** `admin` token user (system:masters) on the main API server, which has the KServe CRDs. */
  admin: 'kapi',
  /** `limited` token user: get/list/watch InferenceServices in `team-a` only, list namespaces. */
  limited: 'kapi-limited',
  /** `admin` on the second API server, which has no KServe CRDs. */
  bare: 'kapi-bare',
} as const;
export type ClusterContext = (typeof CLUSTER_CONTEXTS)[keyof typeof CLUSTER_CONTEXTS];

/** Namespaces up.sh creates for RBAC tests: `limited` may read InferenceServices in team-a, not in team-b. */
export const RBAC_NAMESPACES = { allowed: 'team-a', forbidden: 'team-b' } as const;

const execFileAsync = promisify(execFile);
const FIELD_MANAGER = 'kserve-test-support';
const isvcCoordinates = { group: ISVC_GROUP, version: ISVC_VERSION, plural: ISVC_PLURAL };

export function httpStatusOf(error: unknown): number | undefined {
  return error instanceof k8s.ApiException ? error.code : undefined;
}

/** `<prefix>-<time><random>`: unique per call, a valid DNS-1123 label. */
export function uniqueName(prefix = 'kst'): string {
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return `${prefix.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63 - suffix.length - 1)}-${suffix}`;
}

export class TestCluster {
  readonly connection: ClusterConnection;
  /** Admin (context `kapi`). */
  readonly kubeConfig: k8s.KubeConfig;
  readonly customObjects: k8s.CustomObjectsApi;
  readonly core: k8s.CoreV1Api;
  private readonly createdIsvcs = new Map<string, { namespace: string; name: string }>();
  private readonly createdNamespaces = new Set<string>();

  private constructor(connection: ClusterConnection) {
    this.connection = connection;
    this.kubeConfig = this.kubeConfigFor(CLUSTER_CONTEXTS.admin);
    this.customObjects = this.kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    this.core = this.kubeConfig.makeApiClient(k8s.CoreV1Api);
  }

  /** From KSERVE_TEST_KUBECONFIG / KSERVE_TEST_STATE / `<repo>/.test-results/cluster` (see connectionFromEnv). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): TestCluster {
    return new TestCluster(connectionFromEnv(env));
  }

  static fromStateDir(stateDir: string): TestCluster {
    return new TestCluster(readStateDir(stateDir));
  }

  get kubeconfigPath(): string {
    return this.connection.kubeconfigPath;
  }

  /** A fresh KubeConfig from the cluster's kubeconfig file with `context` selected. */
  kubeConfigFor(context: ClusterContext | string): k8s.KubeConfig {
    const config = new k8s.KubeConfig();
    config.loadFromFile(this.connection.kubeconfigPath);
    config.setCurrentContext(context);
    return config;
  }

  /** Creates the namespace (a unique `kst-…` one when no name is given); an existing one is fine. */
  async createNamespace(name = uniqueName('kst')): Promise<string> {
    try {
      await this.core.createNamespace({ body: { metadata: { name, labels: { 'kserve-toolkit/test': 'true' } } } });
      this.createdNamespaces.add(name);
    } catch (error) {
      if (httpStatusOf(error) !== 409) throw error;
    }
    return name;
  }

  async createInferenceService(
    namespace: string,
    name: string,
    spec: Record<string, unknown> = t5Spec(),
    metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
  ): Promise<InferenceService> {
    const body: InferenceService = {
      apiVersion: ISVC_API_VERSION, kind: 'InferenceService', metadata: { name, namespace, ...metadata }, spec,
    };
    const created = (await this.customObjects.createNamespacedCustomObject({
      ...isvcCoordinates, namespace, body, fieldManager: FIELD_MANAGER,
    })) as InferenceService;
    this.createdIsvcs.set(`${namespace}/${name}`, { namespace, name });
    return created;
  }

  async getInferenceService(namespace: string, name: string): Promise<InferenceService> {
    return (await this.customObjects.getNamespacedCustomObject({ ...isvcCoordinates, namespace, name })) as InferenceService;
  }

  /** InferenceServices in `namespace`, or in all namespaces when it is omitted. */
  async listInferenceServices(namespace?: string): Promise<InferenceService[]> {
    const list = (namespace
      ? await this.customObjects.listNamespacedCustomObject({ ...isvcCoordinates, namespace })
      : await this.customObjects.listClusterCustomObject(isvcCoordinates)) as { items: InferenceService[] };
    return list.items;
  }

  /**
   * Replaces the whole status through the status subresource, as KServe's controller does (read, then update with
   * the read resourceVersion, retrying on conflicts). observedGeneration defaults to the object's generation.
   */
  async setStatus(namespace: string, name: string, status: InferenceServiceStatus): Promise<InferenceService> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.getInferenceService(namespace, name);
      const body = { ...current, status: { observedGeneration: current.metadata.generation, ...status } };
      try {
        return (await this.customObjects.replaceNamespacedCustomObjectStatus({
          ...isvcCoordinates, namespace, name, body, fieldManager: FIELD_MANAGER,
        })) as InferenceService;
      } catch (error) {
        if (httpStatusOf(error) !== 409 || attempt >= 5) throw error;
      }
    }
  }

  /** setStatus(readyStatus) with KServe's default URL `http://<name>.<namespace>.example.com`. */
  async markReady(namespace: string, name: string, options: Partial<ReadyStatusOptions> = {}): Promise<InferenceService> {
    return this.setStatus(namespace, name, readyStatus({ url: `http://${name}.${namespace}.example.com`, ...options }));
  }

  /** Merge-patches metadata/spec (not status), e.g. to add the `serving.kserve.io/stop` annotation. */
  async patchInferenceService(namespace: string, name: string, patch: Record<string, unknown>): Promise<InferenceService> {
    return (await this.customObjects.patchNamespacedCustomObject(
      { ...isvcCoordinates, namespace, name, body: patch, fieldManager: FIELD_MANAGER },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    )) as InferenceService;
  }

  /** Deletes it; a missing one is fine unless `mustExist`. Returns whether something was deleted. */
  async deleteInferenceService(namespace: string, name: string, { mustExist = false } = {}): Promise<boolean> {
    this.createdIsvcs.delete(`${namespace}/${name}`);
    try {
      await this.customObjects.deleteNamespacedCustomObject({ ...isvcCoordinates, namespace, name });
      return true;
    } catch (error) {
      if (httpStatusOf(error) === 404 && !mustExist) return false;
      throw error;
    }
  }

  /** Waits until the InferenceService exists and `predicate` accepts it; resolves with it. */
  async waitForInferenceService(
    namespace: string,
    name: string,
    predicate: (isvc: InferenceService) => boolean,
    options: Partial<WaitOptions> = {},
  ): Promise<InferenceService> {
    return waitFor(async () => {
      const isvc = await this.getInferenceService(namespace, name);
      return predicate(isvc) ? isvc : undefined;
    }, { what: `InferenceService ${namespace}/${name} to match`, ...options });
  }

  /** Starts a watch on InferenceServices (one namespace, or all) that records every event. */
  async watchInferenceServices(namespace?: string, context: ClusterContext = CLUSTER_CONTEXTS.admin): Promise<IsvcWatchRecorder> {
    return IsvcWatchRecorder.start(this.kubeConfigFor(context), namespace);
  }

  /** Names of the API groups the server behind `context` serves (kapi-bare lacks serving.kserve.io). */
  async apiGroupNames(context: ClusterContext = CLUSTER_CONTEXTS.admin): Promise<string[]> {
    const groups = await this.kubeConfigFor(context).makeApiClient(k8s.ApisApi).getAPIVersions();
    return groups.groups.map((group) => group.name);
  }

  /** Stops and restarts the main kube-apiserver (same port, etcd keeps the data); resolves once it is ready. */
  async restartApiServer(): Promise<void> {
    const stateDir = this.connection.stateDir;
    if (!stateDir) throw new Error('restartApiServer needs the cluster state dir (set KSERVE_TEST_STATE)');
    await execFileAsync('bash', [clusterScript('restart-apiserver.sh'), stateDir], { timeout: 120_000 });
  }

  /**
   * Deletes the InferenceServices this instance created. Namespaces stay unless `namespaces` is set: without a
   * controller-manager a deleted namespace stays Terminating forever, so tests use fresh unique names instead.
   */
  async cleanup({ namespaces = false } = {}): Promise<void> {
    const isvcs = [...this.createdIsvcs.values()];
    await Promise.all(isvcs.map(({ namespace, name }) => this.deleteInferenceService(namespace, name)));
    if (namespaces) {
      const names = [...this.createdNamespaces];
      this.createdNamespaces.clear();
      await Promise.all(names.map(async (name) => {
        try {
          await this.core.deleteNamespace({ name });
        } catch (error) {
          if (httpStatusOf(error) !== 404) throw error;
        }
      }));
    }
  }
}
