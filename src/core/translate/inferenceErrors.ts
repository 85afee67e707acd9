/**
 * The endpoint answered with a status other than 200. The message carries only the server's error message, never
 * the raw body (a 422 body echoes the request, which holds the user's text).
 */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType: string,
    readonly server: string,
  ) {
    const said = errorMessageOf(body);
    super(`HTTP ${status}${said ? `: ${said.slice(0, 300)}` : ''}`);
    this.name = 'HttpStatusError';
  }
}

export type StreamFailureKind = 'incomplete' | 'errorEvent' | 'notEventStream' | 'malformed' | 'stalled' | 'oversized';

/** The 200 response was not a complete, well-formed completion event stream. */
export class StreamFailure extends Error {
  constructor(
    readonly kind: StreamFailureKind,
    message: string,
    /** For `notEventStream`: the Content-Type received. */
    readonly contentType = '',
  ) {
    super(message);
    this.name = 'StreamFailure';
  }
}

/** The error message inside a KServe / FastAPI / OpenAI-style error body, if the body is one. */
export function errorMessageOf(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { error, detail, message } = parsed as { error?: unknown; detail?: unknown; message?: unknown };
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((item: { loc?: unknown; msg?: unknown }) => {
        const loc = Array.isArray(item?.loc) ? item.loc.join('.') : '';
        const msg = typeof item?.msg === 'string' ? item.msg : JSON.stringify(item);
        return loc ? `${loc}: ${msg}` : msg;
      })
      .join('; ');
  }
  if (typeof message === 'string') return message;
  return undefined;
}

/** The model names in an OpenAI `GET /v1/models` body (`{"data": [{"id": …}]}`); odd entries are skipped. */
export function servedModelNames(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return [];
  return data.map((entry: { id?: unknown } | null) => entry?.id).filter((id): id is string => typeof id === 'string' && id !== '');
}
