import { ErrorCode } from './errorCodes';
import { capitalize } from './text';

/**
 * An error whose message is written for the user: it names the cause and what to do.
 * `detail` carries technical context for the log only.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
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

interface NetworkCode {
  /** What happened, as a clause: "the connection was refused". */
  readonly text: string;
  /** A failed TLS handshake or certificate check. */
  readonly tls?: boolean;
}

const tls = (text: string): NetworkCode => ({ text, tls: true });

/** Node's and undici's error codes for network and TLS failures: the one table every error message reads. */
const NETWORK_CODES: Record<string, NetworkCode> = {
  ECONNREFUSED: { text: 'the connection was refused' },
  ECONNRESET: { text: 'the connection was reset' },
  EPIPE: { text: 'the connection was closed while sending' },
  ENOTFOUND: { text: 'the host name could not be resolved' },
  EAI_AGAIN: { text: 'the host name could not be resolved (DNS lookup timed out)' },
  EAI_FAIL: { text: 'the host name could not be resolved' },
  EAI_NONAME: { text: 'the host name could not be resolved' },
  ETIMEDOUT: { text: 'the connection timed out' },
  EHOSTUNREACH: { text: 'the host is unreachable' },
  ENETUNREACH: { text: 'the network is unreachable' },
  EADDRNOTAVAIL: { text: 'the address is not available from this machine' },
  UND_ERR_CONNECT_TIMEOUT: { text: 'connecting timed out' },
  UND_ERR_HEADERS_TIMEOUT: { text: 'the server did not answer in time' },
  UND_ERR_BODY_TIMEOUT: { text: 'the server stopped sending data' },
  UND_ERR_SOCKET: { text: 'the connection closed unexpectedly' },
  DEPTH_ZERO_SELF_SIGNED_CERT: tls('the server presented a self-signed TLS certificate'),
  SELF_SIGNED_CERT_IN_CHAIN: tls('the server\'s TLS certificate chain ends in an untrusted self-signed CA'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: tls('the server\'s TLS certificate was issued by an unknown CA'),
  UNABLE_TO_GET_ISSUER_CERT: tls('the server\'s TLS certificate was issued by an unknown CA'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: tls('the server\'s TLS certificate was issued by an unknown CA'),
  CERT_HAS_EXPIRED: tls('the server\'s TLS certificate has expired'),
  CERT_NOT_YET_VALID: tls('the server\'s TLS certificate is not valid yet'),
  CERT_UNTRUSTED: tls('the server\'s TLS certificate is not trusted'),
  CERT_REJECTED: tls('the server\'s TLS certificate was rejected'),
  ERR_TLS_CERT_ALTNAME_INVALID: tls('the server\'s TLS certificate does not match its host name'),
  EPROTO: tls('the TLS handshake failed'),
};

/** Every `code` along an error's `cause` chain (and inside AggregateErrors), outermost first. */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const queue: unknown[] = [err];
  for (let seen = 0; queue.length > 0 && seen < 32; seen++) {
    const current = queue.shift() as { code?: unknown; cause?: unknown; errors?: unknown } | undefined;
    if (!current || typeof current !== 'object') continue;
    if (typeof current.code === 'string') codes.push(current.code);
    if (current.cause) queue.push(current.cause);
    if (Array.isArray(current.errors)) queue.push(...current.errors);
  }
  return codes;
}

/** The first network or TLS code along the cause chain. */
export function findErrorCode(err: unknown): string | undefined {
  return errorCodes(err).find((code) => code in NETWORK_CODES || isTlsCode(code));
}

export function describeNetworkCode(code: string): string | undefined {
  return NETWORK_CODES[code]?.text ?? (isTlsCode(code) ? `the TLS handshake failed (${code})` : undefined);
}

export function isTlsCode(code: string): boolean {
  return NETWORK_CODES[code]?.tls === true || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}

/** One line for the user, from any thrown value. */
export function formatError(err: unknown): string {
  if (err instanceof UserFacingError) return err.message;
  const code = findErrorCode(err);
  const base = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  if (code) return `${capitalize(describeNetworkCode(code) ?? code)} (${code}).`;
  return base || 'Unknown error.';
}
