import { setMaxListeners } from 'node:events';

export interface OrderedRunOptions<T> {
  /** Number of tasks; they start in index order. */
  readonly count: number;
  /** At most this many tasks run at once (at least 1). */
  readonly concurrency: number;
  /** Aborting it stops every running task and rejects the run with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Runs task `index`, reporting its output through `emit`; must stop when `signal` aborts. */
  run(index: number, emit: (item: T) => void, signal: AbortSignal): Promise<void>;
  /** Receives every item in task order: all of task 0's items, then task 1's, ... as early as that order allows. */
  deliver(index: number, item: T): void;
  /** Called in index order once a task's items have all been delivered. */
  completed?(index: number): void;
}

/**
 * Runs tasks with bounded concurrency and delivers their streamed output strictly in order: the lowest unfinished
 * task streams live, later ones are buffered until every task before them has completed. The first failure aborts
 * the other tasks and rejects the run.
 */
export function runOrdered<T>(options: OrderedRunOptions<T>): Promise<void> {
  const { count, signal } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const controller = new AbortController();
  // Every running task listens to this signal (undici adds one listener per request).
  setMaxListeners(Math.max(10, concurrency * 2 + 2), controller.signal);
  const buffers = new Map<number, T[]>();
  const finished = new Set<number>();
  let head = 0;
  let nextToStart = 0;
  let running = 0;
  let settled = false;

  return new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      controller.abort(error);
      reject(error);
    };
    const onAbort = () => fail(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });

    const advance = () => {
      while (!settled && finished.has(head)) {
        finished.delete(head);
        options.completed?.(head);
        head++;
        const waiting = buffers.get(head);
        buffers.delete(head);
        for (const item of waiting ?? []) options.deliver(head, item);
      }
      if (settled) return;
      if (head >= count) {
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve();
        return;
      }
      startMore();
    };

    const startMore = () => {
      while (!settled && running < concurrency && nextToStart < count) {
        const index = nextToStart++;
        running++;
        const emit = (item: T) => {
          if (settled) return;
          if (index === head) options.deliver(index, item);
          else {
            const buffer = buffers.get(index);
            if (buffer) buffer.push(item);
            else buffers.set(index, [item]);
          }
        };
        let task: Promise<void>;
        try {
          task = Promise.resolve(options.run(index, emit, controller.signal));
        } catch (error) {
          task = Promise.reject(error);
        }
        task.then(
          () => {
            running--;
            finished.add(index);
            advance();
          },
          (error: unknown) => {
            running--;
            fail(error);
          },
        );
      }
    };

    advance();
  });
}
