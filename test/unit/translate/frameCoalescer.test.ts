import { strict as assert } from 'node:assert';
import { Clock, FrameCoalescer } from '../../../src/core/translate/frameCoalescer';

/** A clock the test moves by hand. */
class ManualClock implements Clock {
  time = 0;
  private timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number) {
    const timer = { at: this.time + ms, callback, cancelled: false };
    this.timers.push(timer);
    return { dispose: () => (timer.cancelled = true) };
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => !t.cancelled && t.at <= this.time);
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const timer of due) timer.callback();
  }
  get pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('translate: frame coalescer', () => {
  it('writes the first item at once, then at most once per frame', async () => {
    const clock = new ManualClock();
    const writes: string[][] = [];
    const coalescer = new FrameCoalescer<string>(async (items) => void writes.push(items), clock, 16);
    coalescer.push('a');
    assert.deepEqual(writes, [['a']]);
    await settle();
    clock.advance(2);
    coalescer.push('b');
    coalescer.push('c');
    await settle();
    assert.deepEqual(writes, [['a']], 'held until the frame is over');
    clock.advance(13);
    assert.deepEqual(writes, [['a']]);
    clock.advance(1);
    assert.deepEqual(writes, [['a'], ['b', 'c']]);
    await settle();
    clock.advance(100);
    coalescer.push('d');
    assert.deepEqual(writes.at(-1), ['d'], 'after a quiet period the next item goes out at once');
  });

  it('never starts a write while one is running, and writes what came meanwhile right after', async () => {
    const clock = new ManualClock();
    const writes: string[][] = [];
    let finishWrite!: () => void;
    const coalescer = new FrameCoalescer<string>(
      (items) => {
        writes.push(items);
        return new Promise<void>((resolve) => (finishWrite = resolve));
      },
      clock,
      16,
    );
    coalescer.push('a');
    clock.advance(50);
    coalescer.push('b');
    coalescer.push('c');
    assert.deepEqual(writes, [['a']]);
    finishWrite();
    await settle();
    assert.deepEqual(writes, [['a'], ['b', 'c']]);
    finishWrite();
    await coalescer.flush();
    assert.equal(clock.pendingTimers, 0);
  });

  it('flush writes pending items without waiting for the frame and reports a failed write', async () => {
    const clock = new ManualClock();
    const writes: string[][] = [];
    let fail = false;
    const coalescer = new FrameCoalescer<string>(
      async (items) => {
        if (fail) throw new Error('editor closed');
        writes.push(items);
      },
      clock,
      16,
    );
    coalescer.push('a');
    coalescer.push('b');
    await coalescer.flush();
    assert.deepEqual(writes, [['a'], ['b']]);
    fail = true;
    coalescer.push('c');
    await assert.rejects(coalescer.flush(), /editor closed/);
  });

  it('drops pending items on dispose', async () => {
    const clock = new ManualClock();
    const writes: string[][] = [];
    const coalescer = new FrameCoalescer<string>(async (items) => void writes.push(items), clock, 16);
    coalescer.push('a');
    await settle();
    coalescer.push('b');
    coalescer.dispose();
    clock.advance(100);
    await coalescer.flush();
    assert.deepEqual(writes, [['a']]);
  });
});
