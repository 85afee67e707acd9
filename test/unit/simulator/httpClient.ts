import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface RequestOptions {
  method?: string;
  path: string;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface OpenResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Everything received so far, decoded as UTF-8 (a character split across packets is joined). */
  received(): string;
  /** Resolves when the response ends (`completed`) or breaks off (`completed: false`). */
  finished: Promise<{ body: string; completed: boolean }>;
  /** Resolves with the text received so far once `predicate` holds; rejects after `timeoutMs`. */
  waitUntil(predicate: (text: string) => boolean, timeoutMs: number): Promise<string>;
  destroy(): void;
}

export interface CompleteResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  completed: boolean;
}

function trackBody(res: IncomingMessage) {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  res.on('data', (chunk: Buffer) => {
    text += decoder.decode(chunk, { stream: true });
    notify();
  });
  const finished = new Promise<{ body: string; completed: boolean }>((resolve) => {
    let settled = false;
    const settle = (completed: boolean) => {
      if (settled) return;
      settled = true;
      text += decoder.decode();
      notify();
      resolve({ body: text, completed });
    };
    res.on('end', () => settle(res.complete));
    res.on('aborted', () => settle(false));
    res.on('error', () => settle(false));
    res.on('close', () => settle(res.complete));
  });
  const waitUntil = (predicate: (body: string) => boolean, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (!predicate(text)) return;
        cleanUp();
        resolve(text);
      };
      const timer = setTimeout(() => {
        cleanUp();
        reject(new Error(`condition not met within ${timeoutMs} ms; received: ${JSON.stringify(text.slice(-500))}`));
      }, timeoutMs);
      const cleanUp = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { received: () => text, finished, waitUntil };
}

/** Sends a request without connection pooling; resolves when the response headers arrive. */
export function openRequest(baseUrl: string, options: RequestOptions): Promise<OpenResponse> {
  const url = new URL(options.path, baseUrl);
  const payload =
    options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? (payload === undefined ? 'GET' : 'POST'), headers, agent: false }, (res) => {
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        ...trackBody(res),
        destroy: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

export async function send(baseUrl: string, options: RequestOptions): Promise<CompleteResponse> {
  const response = await openRequest(baseUrl, options);
  const { body, completed } = await response.finished;
  return { status: response.status, headers: response.headers, body, completed };
}

export function postCompletion(baseUrl: string, body: unknown, headers?: Record<string, string>) {
  return send(baseUrl, { path: '/openai/v1/completions', body, headers });
}

/** The `data:` payloads of an SSE body, in order. */
export function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ChoiceJson {
  index: number;
  text?: string;
  delta?: { role?: string; content?: string };
  message?: { role: string; content: string };
  logprobs: unknown;
  finish_reason: string | null;
  stop_reason?: unknown;
  token_ids?: unknown;
}

export interface CompletionJson {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: ChoiceJson[];
  usage: Usage | null;
  system_fingerprint?: string;
  error?: unknown;
}

/** The JSON chunks of an SSE body, without the final `[DONE]`. */
export function sseChunks(body: string): CompletionJson[] {
  return sseData(body)
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as CompletionJson);
}

export function pieceTexts(body: string): string[] {
  return sseChunks(body).map((chunk) => chunk.choices[0].text ?? '');
}

export function activeTimerCount(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}
