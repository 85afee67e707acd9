import { strict as assert } from 'node:assert';
import { Disposable, disposeAll, Emitter, toDisposable } from '../../../src/core/lifecycle';

class Owner extends Disposable {
  register(fn: () => void) {
    return this._register(toDisposable(fn));
  }
}

describe('core/lifecycle', () => {
  it('disposes registered children newest first, once', () => {
    const order: string[] = [];
    const owner = new Owner();
    owner.register(() => order.push('first'));
    owner.register(() => order.push('second'));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, ['second', 'first']);
  });

  it('disposes immediately what is registered after dispose', () => {
    const owner = new Owner();
    owner.dispose();
    let disposed = false;
    owner.register(() => { disposed = true; });
    assert.equal(disposed, true);
  });

  it('keeps disposing after one child throws, then rethrows', () => {
    const seen: number[] = [];
    const items = [toDisposable(() => seen.push(1)), toDisposable(() => { throw new Error('boom'); }), toDisposable(() => seen.push(3))];
    assert.throws(() => disposeAll(items), /boom/);
    assert.deepEqual(seen, [1, 3]);
  });

  it('emits to listeners until their subscription is disposed', () => {
    const emitter = new Emitter<number>();
    const got: number[] = [];
    const bag: { dispose(): void }[] = [];
    const sub = emitter.event((n) => got.push(n), undefined, bag);
    emitter.fire(1);
    sub.dispose();
    emitter.fire(2);
    assert.deepEqual(got, [1]);
    assert.equal(bag.length, 1);
  });

  it('binds thisArgs', () => {
    const emitter = new Emitter<string>();
    const target = { seen: '' };
    emitter.event(function (this: typeof target, s: string) { this.seen = s; }, target);
    emitter.fire('x');
    assert.equal(target.seen, 'x');
  });
});
