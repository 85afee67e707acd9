export interface WaitOptions {
  /** What is awaited, for the timeout message ("isvc t5 Ready"). */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

export class WaitTimeoutError extends Error {
  constructor(what: string, timeoutMs: number, lastObservation: string | undefined) {
    super(`Timed out after ${timeoutMs} ms waiting for ${what}` + (lastObservation ? ` (last: ${lastObservation})` : ''));
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Polls `probe` until it returns a truthy value and resolves with that value. Errors thrown by the probe count as
 * "not yet" (they are reported if the deadline passes) so transient API errors during a restart don't end the wait.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { what, timeoutMs = 10_000, intervalMs = 50 }: WaitOptions,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastObservation: string | undefined;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      lastObservation = describe(value);
    } catch (error) {
      lastObservation = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError(what, timeoutMs, lastObservation);
    await delay(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}

function describe(value: unknown): string {
  if (value === undefined || value === null || value === false) return String(value);
  return JSON.stringify(value)?.slice(0, 200) ?? String(value);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
