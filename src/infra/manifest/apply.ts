import { ApiException, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { KubeError, errorFromFailure, errorFromStatus } from '../kube/errors';
import type { ClusterConnection } from '../kube/session';

/** One reason the API server gave for rejecting an object (`Status.details.causes`). */
export interface ServerCause {
  /** Path of the field, e.g. `spec.predictor.minReplicas` or `metadata.name`. */
  field?: string;
  message: string;
  reason?: string;
}

export interface ApplyRequest {
  /** The document as a plain object: apiVersion, kind, metadata, spec. */
  object: Record<string, unknown>;
  plural: string;
  namespaced: boolean;
  /** Where a namespaced object goes: the namespace the user confirmed (defaults to its own, else the context's). */
  namespace?: string;
  fieldManager: string;
  dryRun: boolean;
  /** Take ownership of fields another field manager owns (after a 409 conflict). */
  force?: boolean;
  signal?: AbortSignal;
}

/** The API server refused the object: `causes` say which fields, when it told. */
export class ApplyRejected extends KubeError {
  constructor(base: KubeError, readonly causes: ServerCause[], readonly serverMessage: string) {
    super(base.kind, base.message, base.status, base.detail);
    this.name = 'ApplyRejected';
  }
}

interface KubeStatusBody {
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

/**
 * Server-side apply (`PATCH` with `application/apply-patch+yaml`), optionally as a dry run: the server runs every
 * admission and validation step and persists nothing. Resolves with the object the server returned.
 */
export async function serverSideApply(connection: ClusterConnection, request: ApplyRequest): Promise<Record<string, unknown>> {
  const { object } = request;
  const [group, version] = String(object.apiVersion).split('/');
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
  const name = String(metadata.name ?? '');
  const namespace = request.namespace ?? (metadata.namespace || connection.namespace);
  const what = `${String(object.kind)} "${name}"${request.namespaced ? ` in namespace ${namespace}` : ''}`;
  const describe = {
    verb: request.dryRun ? 'dry-run apply' : 'apply',
    what,
    server: connection.kubeConfig.getCurrentCluster()?.server ?? '(no cluster)',
  };
  const api = connection.kubeConfig.makeApiClient(CustomObjectsApi);
  const body = request.namespaced ? object : { ...object, metadata: { ...metadata, namespace: undefined } };
  const common = {
    group, version, plural: request.plural, name, body,
    fieldManager: request.fieldManager,
    dryRun: request.dryRun ? 'All' : undefined,
    force: request.force ? true : undefined,
  };
  const options = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
  const call = request.namespaced
    ? api.patchNamespacedCustomObject({ ...common, namespace }, options)
    : api.patchClusterCustomObject(common, options);
  try {
    return (await abortable(call, request.signal)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof ApiException) {
      const body = parseStatus(err.body);
      const base = errorFromStatus(err.code, body, describe);
      const causes = (body?.details?.causes ?? []).map((c) => ({ field: c.field, message: c.message ?? '', reason: c.reason }));
      throw new ApplyRejected(base, causes, body?.message ?? base.message);
    }
    throw errorFromFailure(err, describe);
  }
}

function parseStatus(body: unknown): KubeStatusBody | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as KubeStatusBody;
    } catch {
      return { message: body.trim() || undefined };
    }
  }
  return typeof body === 'object' && body !== null ? (body as KubeStatusBody) : undefined;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new DOMException('cancelled', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('cancelled', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
