import { ErrorCode } from '../../core/errorCodes';
import { capitalize } from '../../core/text';
import { describeNetworkCode, findErrorCode, isAbortError, isTlsCode, UserFacingError } from '../../core/errors';

export type KubeErrorKind =
  | 'unreachable' | 'tls' | 'timeout' | 'unauthorized' | 'forbidden' | 'notFound' | 'gone' | 'conflict' | 'invalid'
  | 'server' | 'authPlugin';

/** What a request was for, so that an error can say "list InferenceServices in namespace team-b". */
export interface RequestDescription {
  readonly verb: string;
  readonly what: string;
  readonly server: string;
}

/** The `Status` object the API server sends with failures (and in watch ERROR events). */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

/** One reason the API server gave for rejecting an object (`Status.details.causes`). */
export interface ServerCause {
  /** Path of the field, e.g. `spec.predictor.minReplicas` or `metadata.name`. */
  readonly field?: string;
  readonly message: string;
  readonly reason?: string;
}

/** A failed Kubernetes API call, with a message written for the user and the HTTP status when there was one. */
const KUBE_ERROR_CODES: Record<KubeErrorKind, ErrorCode> = {
  unreachable: 'clusterUnreachable',
  tls: 'clusterTls',
  timeout: 'clusterTimeout',
  unauthorized: 'clusterUnauthorized',
  forbidden: 'clusterForbidden',
  notFound: 'clusterNotFound',
  gone: 'clusterGone',
  conflict: 'clusterConflict',
  invalid: 'clusterInvalid',
  server: 'clusterServerError',
  authPlugin: 'clusterAuthPlugin',
};

export class KubeError extends UserFacingError {
  /** Which fields the server rejected, when it said. */
  readonly causes: readonly ServerCause[];
  /** The server's own message, when it sent a Status. */
  readonly serverMessage?: string;

  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly status?: number,
    detail?: string,
    options?: { cause?: unknown; body?: KubeStatus },
  ) {
    super(message, KUBE_ERROR_CODES[kind], detail, options);
    this.name = 'KubeError';
    this.causes = (options?.body?.details?.causes ?? []).map((c) => ({ field: c.field, message: c.message ?? '', reason: c.reason }));
    this.serverMessage = options?.body?.message?.trim() || undefined;
  }

  /** Problems retrying will not fix: the user has to log in, get access, or install something. */
  get needsUserAction(): boolean {
    return ['unauthorized', 'forbidden', 'notFound', 'authPlugin', 'invalid', 'tls'].includes(this.kind);
  }
}

export function errorFromStatus(httpStatus: number, body: KubeStatus | undefined, request: RequestDescription): KubeError {
  const serverMessage = body?.message?.trim();
  const detail = `${request.verb} ${request.what} at ${request.server}: HTTP ${httpStatus}${body?.reason ? ` ${body.reason}` : ''}` +
    `${serverMessage ? `: ${serverMessage}` : ''}`;
  switch (httpStatus) {
    case 401:
      return new KubeError('unauthorized',
        `The API server at ${request.server} did not accept your credentials (401 Unauthorized). Your token or client ` +
        'certificate may have expired: log in to the cluster again, then retry.', 401, detail, { body });
    case 403:
      return new KubeError('forbidden',
        `You may not ${request.verb} ${request.what} (403 Forbidden). Ask a cluster administrator for access, or choose ` +
        'other namespaces.', 403, detail, { body });
    case 404:
      return new KubeError('notFound', `${capitalize(request.what)} not found (404).`, 404, detail, { body });
    case 410:
      return new KubeError('gone', `The cached state of ${request.what} expired on the server (410 Gone).`, 410, detail, { body });
    case 409:
      return new KubeError('conflict',
        `${capitalize(request.what)} was changed by someone else (409 Conflict). Reload it and try again.`, 409, detail, { body });
    case 422:
    case 400:
      return new KubeError('invalid', `The API server rejected the request to ${request.verb} ${request.what}: ` +
        `${serverMessage ?? `HTTP ${httpStatus}`}.`, httpStatus, detail, { body });
    default:
      return new KubeError('server',
        `The API server at ${request.server} failed to ${request.verb} ${request.what} (HTTP ${httpStatus}` +
        `${body?.reason ? ` ${body.reason}` : ''})${serverMessage ? `: ${serverMessage}` : ''}.`, httpStatus, detail, { body });
  }
}

/** Maps a thrown network error (undici's "fetch failed" with a cause) to a KubeError. Abort errors pass through. */
export function errorFromFailure(err: unknown, request: RequestDescription): unknown {
  if (err instanceof KubeError || isAbortError(err)) return err;
  if (err instanceof Error && err.name === 'TimeoutError') {
    return new KubeError('timeout', `The API server at ${request.server} did not answer in time to ${request.verb} ${request.what}.`,
      undefined, err.message, { cause: err });
  }
  const code = findErrorCode(err);
  const detail = `${request.verb} ${request.what}: ${err instanceof Error ? `${err.message}${code ? ` (${code})` : ''}` : String(err)}`;
  if (code && isTlsCode(code)) {
    return new KubeError('tls', `The TLS certificate of ${request.server} could not be verified: ${describeNetworkCode(code)}. ` +
      'Check the certificate-authority of this cluster in your kubeconfig.', undefined, detail, { cause: err });
  }
  const reason = code ? describeNetworkCode(code) ?? code : err instanceof Error ? err.message : String(err);
  return new KubeError('unreachable', `Cannot reach the Kubernetes API server at ${request.server}: ${reason}. Check that the ` +
    'cluster is running and reachable from this machine (VPN, proxy), then retry.', undefined, detail, { cause: err });
}

export function authPluginError(err: unknown, user: string | undefined): KubeError {
  const text = err instanceof Error ? err.message : String(err);
  return new KubeError('authPlugin', `Could not get credentials for user "${user ?? '?'}" from your kubeconfig: ${text}. ` +
    'Check the exec or OIDC auth plugin it uses (is its command installed and logged in?).', undefined, text, { cause: err });
}
