import type { IncomingMessage } from 'node:http';
import type { RecordedRequest } from './types';

interface Waiter {
  count: number;
  resolve(entries: readonly RecordedRequest[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

function lowerCasedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (value !== undefined) headers[name.toLowerCase()] = value.join(', ');
  }
  return headers;
}

export class RequestLog {
  private readonly recorded: RecordedRequest[] = [];
  private readonly waiters = new Set<Waiter>();

  get entries(): readonly RecordedRequest[] {
    return this.recorded;
  }

  record(req: IncomingMessage, path: string, rawBody: string, body: unknown): RecordedRequest {
    const entry: RecordedRequest = {
      index: this.recorded.length,
      method: req.method ?? 'GET',
      path,
      url: req.url ?? path,
      headers: lowerCasedHeaders(req),
      body,
      rawBody,
      receivedAt: Date.now(),
    };
    this.recorded.push(entry);
    for (const waiter of this.waiters) {
      if (this.recorded.length >= waiter.count) this.settle(waiter, () => waiter.resolve(this.recorded));
    }
    return entry;
  }

  clear(): void {
    this.recorded.length = 0;
  }

  waitFor(count: number, timeoutMs: number): Promise<readonly RecordedRequest[]> {
    if (this.recorded.length >= count) return Promise.resolve(this.recorded);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter, () =>
            reject(new Error(`expected ${count} requests within ${timeoutMs} ms, received ${this.recorded.length}`)),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  cancelWaits(reason: string): void {
    for (const waiter of this.waiters) this.settle(waiter, () => waiter.reject(new Error(reason)));
  }

  private settle(waiter: Waiter, outcome: () => void): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    outcome();
  }
}
