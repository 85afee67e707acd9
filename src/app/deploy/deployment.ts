import { DEPLOY_TYPES, describePlanned, PlannedObject } from '../../core/deploy/plan';
import { ResourceType } from '../../core/explorer/resources';
import { formatError } from '../../core/errors';
import { IsvcSummary } from '../../core/explorer/summary';
import { Logger } from '../../core/logger';
import { KubeError } from '../../infra/kube/errors';
import { ClusterModel } from '../explorer/clusterModel';

export interface AppliedObject {
  readonly planned: PlannedObject;
  /** It did not exist before this deploy: cancelling deletes it. */
  readonly created: boolean;
}

export interface DryRunResult {
  readonly planned: PlannedObject;
  readonly error?: string;
}

function typeOf(planned: PlannedObject): ResourceType {
  const apiVersion = String(planned.object.apiVersion);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return { group, version, kind: planned.kind, ...DEPLOY_TYPES[planned.kind] };
}

/**
 * Writes a deploy's objects with server-side apply, in order, remembering which ones it created so that a cancel can
 * take exactly those back. Nothing is written before `apply`; `dryRun` only asks the API server.
 */
export class Deployment {
  private readonly applied: AppliedObject[] = [];

  constructor(private readonly cluster: ClusterModel, private readonly logger: Logger, private readonly fieldManager: string) {}

  get written(): readonly AppliedObject[] {
    return this.applied;
  }

  async dryRun(objects: readonly PlannedObject[], signal?: AbortSignal): Promise<DryRunResult[]> {
    const results: DryRunResult[] = [];
    for (const planned of objects) {
      try {
        await this.write(planned, true, signal);
        results.push({ planned });
      } catch (err) {
        results.push({ planned, error: formatError(err) });
      }
    }
    return results;
  }

  /** Applies each object; stops at the first failure (the ones before it stay, and are in `written`). */
  async apply(objects: readonly PlannedObject[], signal?: AbortSignal): Promise<void> {
    for (const planned of objects) {
      const existed = await this.exists(planned, signal);
      await this.write(planned, false, signal);
      this.applied.push({ planned, created: !existed });
      this.logger.info(`${existed ? 'Updated' : 'Created'} ${describePlanned(planned)} (context ${this.cluster.contextName})`);
    }
  }

  /** Deletes what this deploy created, newest first; resolves with what could not be deleted. */
  async rollback(): Promise<string[]> {
    const left: string[] = [];
    for (const { planned, created } of [...this.applied].reverse()) {
      if (!created) continue;
      try {
        await this.cluster.api.delete(typeOf(planned), planned.namespace, planned.name);
        this.logger.info(`Deleted ${describePlanned(planned)}: the deploy was cancelled`);
      } catch (err) {
        if (err instanceof KubeError && err.kind === 'notFound') continue;
        left.push(`${describePlanned(planned)} (${formatError(err)})`);
      }
    }
    this.applied.length = 0;
    return left;
  }

  private async exists(planned: PlannedObject, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.cluster.api.get(typeOf(planned), planned.namespace, planned.name, signal);
      return true;
    } catch (err) {
      if (err instanceof KubeError && err.kind === 'notFound') return false;
      throw err;
    }
  }

  private write(planned: PlannedObject, dryRun: boolean, signal?: AbortSignal) {
    const { plural, namespaced } = DEPLOY_TYPES[planned.kind];
    return this.cluster.api.apply({
      object: planned.object, plural, namespaced, namespace: planned.namespace, fieldManager: this.fieldManager, dryRun, force: true, signal,
    });
  }
}

export interface FollowOptions {
  readonly signal: AbortSignal;
  /** Called with every status the service goes through. */
  readonly onStatus: (service: IsvcSummary | undefined) => void;
}

/** Watches the service until it is Ready; rejects with the abort reason when `signal` aborts. */
export async function followToReady(cluster: ClusterModel, namespace: string, name: string, options: FollowOptions): Promise<IsvcSummary> {
  const lease = cluster.watchNamespace(namespace);
  let subscription: { dispose(): void } | undefined;
  try {
    await lease.whenSettled();
    return await new Promise<IsvcSummary>((resolve, reject) => {
      const check = () => {
        const service = cluster.service(namespace, name);
        options.onStatus(service);
        if (service?.status.phase === 'Ready') resolve(service);
      };
      subscription = cluster.onDidChange((change) => {
        if ((change.kind === 'isvc' && change.name === name && change.namespace === namespace) || (change.kind === 'namespace' && change.namespace === namespace)) check();
      });
      // The signal may have fired while the first list was loading: a listener added now would never hear it.
      if (options.signal.aborted) reject(options.signal.reason);
      options.signal.addEventListener('abort', () => reject(options.signal.reason), { once: true });
      check();
    });
  } finally {
    subscription?.dispose();
    lease.dispose();
  }
}
