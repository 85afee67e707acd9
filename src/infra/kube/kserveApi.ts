import { KSERVE_GROUP } from '../../core/kserve/group';
import { KubeEvent } from '../../core/explorer/events';
import { KubeList, KubeObject, ResourceType, resourcePath, RESOURCES } from '../../core/explorer/resources';
import { WatchEvent } from '../../core/explorer/watchCache';
import { IDisposable } from '../../core/lifecycle';
import { KubeClient } from './client';
import { KubeError } from './errors';
import type { ClusterConnection } from './session';

export type KServeAvailability =
  | { readonly installed: true; readonly resources: readonly string[] }
  | { readonly installed: false; readonly reason: string };

/** Accept values that ask for PartialObjectMetadata: a list of them, or one per watch event. */
const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
const METADATA_ACCEPT = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

export interface ListOptions {
  readonly namespace?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly fieldSelector?: string;
  readonly labelSelector?: string;
  /** Only each object's metadata (PartialObjectMetadata): a fraction of the bytes when only names are needed. */
  readonly metadataOnly?: boolean;
  readonly signal?: AbortSignal;
}

export interface WatchOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly resourceVersion?: string;
  readonly metadataOnly?: boolean;
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal;
  /** The stream is abandoned when nothing arrives for this long (a half-open connection looks like a quiet watch). */
  readonly idleTimeoutMs: number;
  readonly onOpen?: () => void;
  readonly onEvent: (event: WatchEvent) => void;
}

/** One container of one pod. */
export interface ContainerRef {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

export interface LogOptions {
  readonly tailLines?: number;
  /** The instance before the last restart. */
  readonly previous?: boolean;
  readonly timestamps?: boolean;
  /** Read at most this much; the server stops there too. */
  readonly limitBytes: number;
  readonly signal?: AbortSignal;
}

/** The object an event is about: events are matched on `involvedObject`. */
export interface InvolvedObject {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export interface ApplyRequest {
  /** The document as a plain object: apiVersion, kind, metadata, spec. */
  readonly object: Record<string, unknown>;
  readonly plural: string;
  readonly namespaced: boolean;
  /** Where a namespaced object goes: the namespace the user confirmed (defaults to its own, else the context's). */
  readonly namespace?: string;
  readonly fieldManager: string;
  readonly dryRun: boolean;
  /** Take ownership of fields another field manager owns (after a 409 conflict). */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

interface CrdList {
  items?: { spec?: { group?: string } }[];
}

function logPath(ref: ContainerRef): string {
  return `${resourcePath(RESOURCES.pods, ref.namespace, ref.pod)}/log`;
}

function logQuery(ref: ContainerRef, options: LogOptions, follow: boolean) {
  return {
    container: ref.container, tailLines: options.tailLines, previous: options.previous || undefined,
    timestamps: options.timestamps || undefined, limitBytes: options.limitBytes, follow: follow || undefined,
  };
}

/** "InferenceServices in namespace team-b": what a request was for, in the words of an error message. */
export function describeResources(type: ResourceType, namespace?: string): string {
  return `${type.kind}s${type.namespaced && namespace ? ` in namespace ${namespace}` : ''}`;
}

function describeObject(type: ResourceType, namespace: string | undefined, name: string): string {
  return `${type.kind} ${type.namespaced && namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * Everything the extension asks of one cluster context, on one client: REST paths, queries and error wording live
 * here and nowhere else. Every call takes an AbortSignal that cancels the request itself.
 */
export class KServeApi implements IDisposable {
  private readonly client: KubeClient;

  constructor(readonly connection: ClusterConnection, client?: KubeClient) {
    this.client = client ?? new KubeClient(connection.kubeConfig);
  }

  get contextName(): string {
    return this.connection.contextName;
  }

  /** The context's own namespace (`default` when it names none). */
  get namespace(): string {
    return this.connection.namespace;
  }

  get server(): string {
    return this.client.server;
  }

  /**
   * Whether KServe's API group is served. Reachability and credential problems surface as KubeErrors (unreachable,
   * 401); a 403 on discovery is unusual and is treated as "installed".
   */
  async discover(signal?: AbortSignal): Promise<KServeAvailability> {
    const { group, version, plural } = RESOURCES.inferenceServices;
    try {
      const list = await this.client.requestJson<{ resources?: { name: string }[] }>('GET', `/apis/${group}/${version}`, {
        describe: { verb: 'discover', what: `the ${group}/${version} API` }, signal, timeoutMs: 15_000,
      });
      const resources = (list?.resources ?? []).map((r) => r.name);
      if (!resources.includes(plural)) return { installed: false, reason: `The ${group}/${version} API does not serve ${plural}.` };
      return { installed: true, resources };
    } catch (err) {
      if (err instanceof KubeError && err.kind === 'notFound') {
        return { installed: false, reason: `The API group ${group}/${version} is not served by this cluster.` };
      }
      if (err instanceof KubeError && err.kind === 'forbidden') return { installed: true, resources: [] };
      throw err;
    }
  }

  /** The first of `versions` (newest first) at which KServe's group serves `plural`, or undefined when none does. */
  async servedVersion(plural: string, versions: readonly string[], signal?: AbortSignal): Promise<string | undefined> {
    for (const version of versions) {
      const list = await this.client.requestJson<{ resources?: { name: string }[] }>('GET', `/apis/${KSERVE_GROUP}/${version}`, {
        describe: { verb: 'discover', what: `the ${KSERVE_GROUP}/${version} API` }, signal, timeoutMs: 15_000,
      }).catch((err: unknown) => {
        if (err instanceof KubeError && (err.kind === 'notFound' || err.kind === 'forbidden')) return undefined;
        throw err;
      });
      if ((list?.resources ?? []).some((r) => r.name === plural)) return version;
    }
    return undefined;
  }

  get<T extends KubeObject = KubeObject>(type: ResourceType, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<T> {
    return this.client.requestJson<T>('GET', resourcePath(type, namespace, name), {
      describe: { verb: 'get', what: describeObject(type, namespace, name) }, signal,
    });
  }

  list<T extends KubeObject = KubeObject>(type: ResourceType, options: ListOptions = {}): Promise<KubeList<T>> {
    return this.client.requestJson<KubeList<T>>('GET', resourcePath(type, options.namespace), {
      describe: { verb: 'list', what: describeResources(type, options.namespace) },
      query: { limit: options.limit, continue: options.continue, fieldSelector: options.fieldSelector, labelSelector: options.labelSelector },
      accept: options.metadataOnly ? METADATA_LIST_ACCEPT : undefined,
      signal: options.signal,
    });
  }

  /** One watch stream from `resourceVersion`, with bookmarks; resolves when the server ends it. */
  watch(type: ResourceType, options: WatchOptions): Promise<void> {
    return this.client.watch(resourcePath(type, options.namespace), {
      describe: { verb: 'watch', what: describeResources(type, options.namespace) },
      query: {
        resourceVersion: options.resourceVersion, allowWatchBookmarks: true, timeoutSeconds: options.timeoutSeconds,
        labelSelector: options.labelSelector,
      },
      accept: options.metadataOnly ? METADATA_ACCEPT : undefined,
      signal: options.signal, idleTimeoutMs: options.idleTimeoutMs, onOpen: options.onOpen, onEvent: options.onEvent,
    });
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<void> {
    await this.client.requestJson('DELETE', resourcePath(type, namespace, name), {
      describe: { verb: 'delete', what: describeObject(type, namespace, name) }, signal,
    });
  }

  /** The events whose `involvedObject` is `about`. */
  async events(about: InvolvedObject, signal?: AbortSignal): Promise<(KubeObject & KubeEvent)[]> {
    const list = await this.client.requestJson<KubeList<KubeObject & KubeEvent>>('GET', resourcePath(RESOURCES.events, about.namespace), {
      describe: { verb: 'list', what: `events of ${about.kind} ${about.namespace}/${about.name}` },
      query: { fieldSelector: `involvedObject.kind=${about.kind},involvedObject.name=${about.name}` },
      signal,
    });
    return list.items ?? [];
  }

  /** Every event in a namespace (one list; the caller picks the ones it needs). */
  async namespaceEvents(namespace: string, signal?: AbortSignal): Promise<(KubeObject & KubeEvent)[]> {
    const list = await this.list<KubeObject & KubeEvent>(RESOURCES.events, { namespace, signal });
    return list.items ?? [];
  }

  /** A container's log (through the API server, from its node's kubelet). */
  logs(ref: ContainerRef, options: LogOptions): Promise<string> {
    return this.client.requestText(logPath(ref), {
      describe: { verb: 'read the logs of', what: `container ${ref.container} of pod ${ref.namespace}/${ref.pod}` },
      query: logQuery(ref, options, false), signal: options.signal, maxBytes: options.limitBytes, timeoutMs: 30_000,
    });
  }

  /** Follows a container's log, handing over text as it arrives, until the pod's log ends or `signal` aborts. */
  followLogs(ref: ContainerRef, options: LogOptions & { readonly signal: AbortSignal; readonly onText: (text: string) => void }): Promise<void> {
    return this.client.streamText(logPath(ref), {
      describe: { verb: 'follow the logs of', what: `container ${ref.container} of pod ${ref.namespace}/${ref.pod}` },
      query: logQuery(ref, options, true), signal: options.signal, maxBytes: options.limitBytes, onText: options.onText,
    });
  }

  /** KServe's CustomResourceDefinitions as the API server serves them (list items get their kind back). */
  async kserveCrds(signal?: AbortSignal): Promise<unknown[]> {
    const list = await this.client.requestJson<CrdList>('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      describe: { verb: 'list', what: 'CustomResourceDefinitions' }, signal,
    });
    return (list.items ?? []).filter((crd) => crd.spec?.group === KSERVE_GROUP)
      .map((crd) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', ...crd }));
  }

  /** The cluster's OpenAPI v2 document, which describes the core Kubernetes types. */
  openApiV2(signal?: AbortSignal): Promise<{ definitions?: Record<string, unknown> }> {
    return this.client.requestJson('GET', '/openapi/v2', { describe: { verb: 'read', what: 'the OpenAPI document' }, signal, timeoutMs: 120_000 });
  }

  /**
   * Server-side apply (`PATCH` with `application/apply-patch+yaml`), optionally as a dry run: the server runs every
   * admission and validation step and persists nothing. Resolves with the object the server returned.
   */
  apply(request: ApplyRequest): Promise<KubeObject> {
    const { object } = request;
    const apiVersion = String(object.apiVersion);
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
    const name = String(metadata.name ?? '');
    const namespace = request.namespace ?? (metadata.namespace || this.namespace);
    const type: ResourceType = { group, version, plural: request.plural, kind: String(object.kind), namespaced: request.namespaced };
    const body = request.namespaced ? object : { ...object, metadata: { ...metadata, namespace: undefined } };
    return this.client.requestJson<KubeObject>('PATCH', resourcePath(type, namespace, name), {
      describe: {
        verb: request.dryRun ? 'dry-run apply' : 'apply',
        what: `${type.kind} "${name}"${request.namespaced ? ` in namespace ${namespace}` : ''}`,
      },
      query: { fieldManager: request.fieldManager, dryRun: request.dryRun ? 'All' : undefined, force: request.force ? true : undefined },
      body, contentType: 'application/apply-patch+yaml', signal: request.signal,
    });
  }

  dispose(): void {
    this.client.dispose();
  }
}
