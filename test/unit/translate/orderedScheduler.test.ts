import { strict as assert } from 'node:assert';
import { runOrdered } from '../../../src/core/translate/orderedScheduler';
import { integer, seeded } from './random';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('translate: ordered scheduler', () => {
  it('delivers every item in task order whatever order tasks finish in, never running more than the limit', async () => {
    const random = seeded(5);
    for (let round = 0; round < 20; round++) {
      const count = integer(random, 0, 25);
      const concurrency = integer(random, 1, 6);
      const delays = Array.from({ length: count }, () => Array.from({ length: integer(random, 0, 4) }, () => integer(random, 0, 4)));
      let running = 0;
      let maxRunning = 0;
      const delivered: string[] = [];
      const completed: number[] = [];
      await runOrdered<string>({
        count,
        concurrency,
        run: async (index, emit) => {
          maxRunning = Math.max(maxRunning, ++running);
          for (const [i, delay] of delays[index].entries()) {
            await tick(delay);
            emit(`${index}.${i}`);
          }
          running--;
        },
        deliver: (index, item) => {
          assert.ok(item.startsWith(`${index}.`));
          delivered.push(item);
        },
        completed: (index) => completed.push(index),
      });
      const expected = delays.flatMap((items, index) => items.map((_, i) => `${index}.${i}`));
      assert.deepEqual(delivered, expected);
      assert.deepEqual(completed, Array.from({ length: count }, (_, i) => i));
      assert.ok(maxRunning <= concurrency, `ran ${maxRunning} at once with limit ${concurrency}`);
    }
  });

  it('streams the first task live while later ones are buffered', async () => {
    const events: string[] = [];
    let releaseFirst!: () => void;
    const firstMayEnd = new Promise<void>((resolve) => (releaseFirst = resolve));
    const run = runOrdered<string>({
      count: 2,
      concurrency: 2,
      run: async (index, emit) => {
        emit(`piece of ${index}`);
        events.push(`${index} emitted`);
        if (index === 0) await firstMayEnd;
      },
      deliver: (_index, item) => events.push(`delivered ${item}`),
    });
    await tick(5);
    assert.deepEqual(events, ['delivered piece of 0', '0 emitted', '1 emitted']);
    releaseFirst();
    await run;
    assert.deepEqual(events.slice(3), ['delivered piece of 1']);
  });

  it('runs tasks in parallel up to the limit', async () => {
    const started = performance.now();
    await runOrdered({ count: 8, concurrency: 4, run: async () => void (await tick(40)), deliver: () => undefined });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 150, `8 tasks of 40 ms with 4 at once took ${elapsed} ms`);
    assert.ok(elapsed >= 75, `finished too early (${elapsed} ms): limit not respected`);
  });

  it('rejects with the first failure and aborts the tasks still running', async () => {
    const aborted: number[] = [];
    const started: number[] = [];
    await assert.rejects(
      runOrdered({
        count: 10,
        concurrency: 3,
        run: (index, _emit, signal) =>
          new Promise<void>((_resolve, reject) => {
            started.push(index);
            if (index === 1) setTimeout(() => reject(new Error('part 1 failed')), 5);
            signal.addEventListener('abort', () => {
              aborted.push(index);
              reject(signal.reason);
            });
          }),
        deliver: () => undefined,
      }),
      /part 1 failed/,
    );
    assert.deepEqual(started, [0, 1, 2]);
    assert.deepEqual(aborted.sort(), [0, 1, 2]);
  });

  it('stops when the caller aborts, with the abort reason', async () => {
    const controller = new AbortController();
    const run = runOrdered({
      count: 3,
      concurrency: 1,
      signal: controller.signal,
      run: (_index, _emit, signal) => new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      deliver: () => undefined,
    });
    controller.abort();
    await assert.rejects(run, (err: Error) => err.name === 'AbortError');
  });

  it('drops items emitted after the run failed', async () => {
    const delivered: number[] = [];
    let lateEmit: ((item: number) => void) | undefined;
    await assert.rejects(
      runOrdered<number>({
        count: 2,
        concurrency: 2,
        run: async (index, emit) => {
          if (index === 0) {
            lateEmit = emit;
            await tick(10);
            return;
          }
          throw new Error('boom');
        },
        deliver: (_index, item) => delivered.push(item),
      }),
      /boom/,
    );
    lateEmit?.(1);
    assert.deepEqual(delivered, []);
  });
});
