import { containersToRead, diagnose, Diagnosis, logKey } from '../../core/explorer/diagnosis';
import { EventSummary, serviceEvents, summarizeEvent } from '../../core/explorer/events';
import { PodSummary } from '../../core/explorer/pods';
import { kindTag, ServiceKind } from '../../core/kserve/serviceKinds';
import { IsvcSummary } from '../../core/explorer/summary';
import { Logger } from '../../core/logger';
import { KServeApi } from '../../infra/kube/kserveApi';
import { PodWatches } from './podWatches';

/** What the tree shows about a service beyond its own status. */
export interface ServiceInsight {
  readonly pods: readonly PodSummary[];
  /** The service's events and its pods', newest first. */
  readonly events: readonly EventSummary[];
  readonly diagnosis?: Diagnosis;
}

/** Events of one namespace are read at most this often, however many services in it change. */
const EVENTS_MAX_AGE_MS = 2_000;
const LOG_TAIL_LINES = 60;
const LOG_LIMIT_BYTES = 64 * 1024;

/**
 * Why a service is not Ready: its pods (watched), its events and its pods' (one list per namespace, reused for a
 * moment), and the last lines of the containers that failed (read once per restart), put through `diagnose`.
 */
export class ServiceInsights {
  private readonly events = new Map<string, { at: number; items: Promise<EventSummary[]> }>();
  private readonly logs = new Map<string, Promise<string | undefined>>();
  private readonly latest = new Map<string, Diagnosis | undefined>();

  constructor(private readonly api: KServeApi, private readonly pods: PodWatches, private readonly logger: Logger) {}

  /** The diagnosis last computed for a service, for its tooltip (undefined when never computed or none). */
  lastDiagnosis(namespace: string, name: string, kind: ServiceKind = 'InferenceService'): Diagnosis | undefined {
    return this.latest.get(`${namespace}/${kindTag(kind)}:${name}`);
  }

  /** The service's pods must be watched (by the caller's lease) before this is called. */
  async insight(isvc: IsvcSummary, signal?: AbortSignal): Promise<ServiceInsight> {
    const pods = this.pods.of(isvc.namespace, isvc.name, isvc.kind);
    const events = serviceEvents(await this.namespaceEvents(isvc.namespace, signal), isvc.name, pods.map((p) => p.name), isvc.kind);
    const latestKey = `${isvc.namespace}/${kindTag(isvc.kind)}:${isvc.name}`;
    if (isvc.status.phase === 'Ready') {
      this.latest.delete(latestKey);
      return { pods, events };
    }
    const logs = new Map<string, string>();
    for (const target of containersToRead(pods)) {
      const text = await this.tail(isvc.namespace, target, pods.find((p) => p.name === target.pod)?.restarts ?? 0, signal);
      if (text) logs.set(logKey(target.pod, target.container), text);
    }
    const diagnosis = diagnose({ isvc, pods, events, logs });
    this.latest.set(latestKey, diagnosis);
    return { pods, events, diagnosis };
  }

  /** Forgets what was read, so that the next insight reads again (the refresh command). */
  forget(): void {
    this.events.clear();
    this.logs.clear();
  }

  private namespaceEvents(namespace: string, signal?: AbortSignal): Promise<EventSummary[]> {
    const cached = this.events.get(namespace);
    if (cached && Date.now() - cached.at < EVENTS_MAX_AGE_MS) return cached.items;
    const items = this.api.namespaceEvents(namespace, signal).then((list) => list.map(summarizeEvent), (err: unknown) => {
      this.logger.debug(`No events for namespace ${namespace}: ${err instanceof Error ? err.message : String(err)}`);
      this.events.delete(namespace);
      return [];
    });
    this.events.set(namespace, { at: Date.now(), items });
    return items;
  }

  private tail(namespace: string, target: { pod: string; container: string; previous: boolean }, restarts: number, signal?: AbortSignal): Promise<string | undefined> {
    const key = `${namespace}/${target.pod}/${target.container}/${restarts}/${target.previous}`;
    let text = this.logs.get(key);
    if (!text) {
      text = this.api.logs({ namespace, pod: target.pod, container: target.container }, {
        tailLines: LOG_TAIL_LINES, previous: target.previous, limitBytes: LOG_LIMIT_BYTES, signal,
      }).catch((err: unknown) => {
        this.logger.debug(`No logs of ${target.pod}/${target.container}: ${err instanceof Error ? err.message : String(err)}`);
        this.logs.delete(key);
        return undefined;
      });
      this.logs.set(key, text);
    }
    return text;
  }
}
