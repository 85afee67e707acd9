export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Fraction of the delay that is randomised: 0.2 gives delays in [0.8d, 1.2d]. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000, factor: 2, jitter: 0.2 };

/** Exponential backoff with jitter, capped; `reset()` after a success starts again from the initial delay. */
export class Backoff {
  private attempts = 0;

  constructor(
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  get attempt(): number {
    return this.attempts;
  }

  next(): number {
    const { initialMs, maxMs, factor, jitter } = this.options;
    const base = Math.min(maxMs, initialMs * factor ** this.attempts);
    this.attempts++;
    const spread = base * jitter * (2 * this.random() - 1);
    return Math.round(Math.min(maxMs, Math.max(0, base + spread)));
  }

  reset(): void {
    this.attempts = 0;
  }
}
