/**
 * An error whose message is written for the user: it names the cause and what to do.
 * `detail` carries technical context for the log only.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UserFacingError';
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR');
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (DNS lookup timed out)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending data',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server presented a self-signed TLS certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server\'s TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server\'s TLS certificate could not be verified',
  CERT_HAS_EXPIRED: 'the server\'s TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server\'s TLS certificate does not match its host name',
};

/** Walks an error's `cause` chain for a Node or undici error code. */
export function findErrorCode(err: unknown): string | undefined {
  for (let current: unknown = err, depth = 0; current && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in NETWORK_CODES) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function describeNetworkCode(code: string): string | undefined {
  return NETWORK_CODES[code];
}

/** One line for the user, from any thrown value. */
export function formatError(err: unknown): string {
  if (err instanceof UserFacingError) return err.message;
  const code = findErrorCode(err);
  const base = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  if (code) return `${capitalize(describeNetworkCode(code) ?? code)} (${code}).`;
  return base || 'Unknown error.';
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
