import { IDisposable } from '../lifecycle';

/** One animation frame at 60 Hz. */
export const FRAME_MS = 16;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): IDisposable;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    return { dispose: () => clearTimeout(handle) };
  },
};

/**
 * Collects text and hands it to `write` at most once per frame: the first piece after a quiet period is written at
 * once, pieces arriving within a frame of the last write are joined and written when the frame is over, and while
 * a write is still running everything waits for it. There is never a delay per piece.
 */
export class FrameCoalescer<T> implements IDisposable {
  private pending: T[] = [];
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private writing: Promise<void> | undefined;
  private timer: IDisposable | undefined;
  private failure: unknown;
  private disposed = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly clock: Clock = systemClock,
    private readonly frameMs = FRAME_MS,
  ) {}

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  push(item: T): void {
    if (this.disposed) return;
    this.pending.push(item);
    this.schedule();
  }

  /** Writes whatever is pending now (after a running write) and resolves once everything pushed is written. */
  async flush(): Promise<void> {
    while (this.writing || this.pending.length > 0) {
      if (this.writing) {
        await this.writing;
        continue;
      }
      this.timer?.dispose();
      this.timer = undefined;
      this.startWrite();
    }
    if (this.failure !== undefined) throw this.failure;
  }

  dispose(): void {
    this.disposed = true;
    this.timer?.dispose();
    this.timer = undefined;
    this.pending = [];
  }

  private schedule(): void {
    if (this.writing || this.timer || this.failure !== undefined) return;
    const wait = this.lastWriteAt + this.frameMs - this.clock.now();
    if (wait <= 0) {
      this.startWrite();
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.pending.length > 0 && !this.writing) this.startWrite();
    }, wait);
  }

  private startWrite(): void {
    const items = this.pending;
    this.pending = [];
    this.lastWriteAt = this.clock.now();
    this.writing = this.write(items)
      .catch((error: unknown) => {
        this.failure ??= error;
        this.pending = [];
      })
      .finally(() => {
        this.writing = undefined;
        if (this.pending.length > 0 && !this.disposed) this.schedule();
      });
  }
}
