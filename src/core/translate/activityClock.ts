/**
 * When the model last sent text to any request of one run. The requests of a run share one clock, so a request
 * that only waits in the server's queue (KServe's Hugging Face backend generates one at a time) is not stalled
 * while the server streams text for another: a run is stalled only when the whole run hears nothing.
 */
export class ActivityClock {
  private last: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  touch(): void {
    this.last = this.now();
  }

  /** Milliseconds since the last text arrived (or since the clock started). */
  idleMs(): number {
    return this.now() - this.last;
  }
}

/**
 * Calls `onStall` once the clock has been idle for `limitMs`. Checks only when the limit could have been reached,
 * so it costs one timer per request, not one per piece.
 */
export function watchForStall(clock: ActivityClock, limitMs: number, onStall: () => void): { stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const idle = clock.idleMs();
    if (idle >= limitMs) {
      timer = undefined;
      onStall();
      return;
    }
    timer = setTimeout(check, limitMs - idle);
  };
  check();
  return {
    stop: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
