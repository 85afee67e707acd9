import type { ServerResponse } from 'node:http';

/** Marks every response as coming from the simulator, not from a model. */
export const SIMULATOR_HEADERS = { 'x-kserve-simulator': '1' } as const;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body), 'application/json');
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string): void {
  if (res.headersSent || res.destroyed) return;
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, { ...SIMULATOR_HEADERS, 'content-type': contentType, 'content-length': payload.length });
  res.end(payload);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...SIMULATOR_HEADERS, ...headers, 'content-length': 0 });
  res.end();
}
