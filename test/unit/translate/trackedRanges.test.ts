import { strict as assert } from 'node:assert';
import { TextChange, TrackedRanges } from '../../../src/core/translate/trackedRanges';
import { integer, seeded } from './random';

function applyText(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.inserted + text.slice(change.offset + change.removed);
}

describe('translate: tracked ranges', () => {
  it('grows a range with its own edits and shifts it with edits before it', () => {
    const ranges = new TrackedRanges();
    const id = ranges.add(10, 15);
    ranges.expect(id, { offset: 10, removed: 5, inserted: 'Das' });
    ranges.apply({ offset: 10, removed: 5, inserted: 'Das' });
    assert.deepEqual(ranges.get(id), { start: 10, end: 13 });
    ranges.apply({ offset: 0, removed: 0, inserted: 'abc' });
    assert.deepEqual(ranges.get(id), { start: 13, end: 16 });
    ranges.expect(id, { offset: 16, removed: 0, inserted: ' Haus' });
    ranges.apply({ offset: 16, removed: 0, inserted: ' Haus' });
    assert.deepEqual(ranges.get(id), { start: 13, end: 21 });
    assert.equal(ranges.hasExpected, false);
  });

  it('leaves a range alone for edits after it and for text typed right at its end', () => {
    const ranges = new TrackedRanges();
    const id = ranges.add(5, 10);
    ranges.apply({ offset: 20, removed: 3, inserted: '' });
    ranges.apply({ offset: 10, removed: 0, inserted: 'typed' });
    assert.deepEqual(ranges.get(id), { start: 5, end: 10 });
  });

  it('shifts other ranges with a range\'s own edits', () => {
    const ranges = new TrackedRanges();
    const first = ranges.add(0, 2);
    const second = ranges.add(5, 7);
    ranges.expect(first, { offset: 2, removed: 0, inserted: 'xyz' });
    ranges.apply({ offset: 2, removed: 0, inserted: 'xyz' });
    assert.deepEqual(ranges.get(first), { start: 0, end: 5 });
    assert.deepEqual(ranges.get(second), { start: 8, end: 10 });
  });

  it('stretches over an edit that overlaps the range', () => {
    const ranges = new TrackedRanges();
    const id = ranges.add(10, 20);
    ranges.apply({ offset: 5, removed: 10, inserted: '' });
    assert.deepEqual(ranges.get(id), { start: 5, end: 10 });
    ranges.apply({ offset: 8, removed: 5, inserted: 'ab' });
    assert.deepEqual(ranges.get(id), { start: 5, end: 10 });
  });

  it('keeps the streamed text intact under 500 random user edits outside it', () => {
    const random = seeded(9);
    let text = 'lorem ipsum dolor sit amet, '.repeat(4);
    const ranges = new TrackedRanges();
    const id = ranges.add(40, 50);
    let streamed = '';
    for (let step = 0; step < 500; step++) {
      const { start, end } = ranges.get(id);
      assert.equal(text.slice(start, end), step === 0 ? text.slice(40, 50) : streamed);
      if (random() < 0.4) {
        const piece = `w${step} `;
        const change = step === 0 ? { offset: start, removed: end - start, inserted: piece } : { offset: end, removed: 0, inserted: piece };
        ranges.expect(id, change);
        text = applyText(text, change);
        ranges.apply(change);
        streamed = step === 0 ? piece : streamed + piece;
        if (step === 0) continue;
      } else {
        const before = random() < 0.5;
        const lo = before ? 0 : end + 1;
        const hi = before ? start : text.length;
        if (hi <= lo) continue;
        const offset = integer(random, lo, hi);
        const removed = Math.min(integer(random, 0, 3), (before ? start : text.length) - offset);
        const change = { offset, removed: Math.max(0, removed), inserted: random() < 0.5 ? 'X' : '' };
        text = applyText(text, change);
        ranges.apply(change);
      }
      if (streamed === '') streamed = text.slice(ranges.get(id).start, ranges.get(id).end);
    }
  });
});

describe('translate: tracked ranges tell edits inside the written text', () => {
  it('reports a change that is not the stream\'s own and falls inside a range, not one at its edge or elsewhere', () => {
    const ranges = new TrackedRanges();
    const id = ranges.add(10, 20);
    assert.equal(ranges.apply({ offset: 0, removed: 0, inserted: 'abc' }), false, 'before it');
    assert.equal(ranges.apply({ offset: 40, removed: 2, inserted: '' }), false, 'after it');
    assert.equal(ranges.apply({ offset: 23, removed: 0, inserted: 'x' }), false, 'typed at its end');
    assert.equal(ranges.apply({ offset: 13, removed: 0, inserted: 'x' }), false, 'typed at its start');
    assert.deepEqual(ranges.get(id), { start: 14, end: 24 });
    ranges.expect(id, { offset: 24, removed: 0, inserted: 'Haus ' });
    assert.equal(ranges.apply({ offset: 24, removed: 0, inserted: 'Haus ' }), false, 'the stream\'s own edit');
    assert.equal(ranges.apply({ offset: 16, removed: 0, inserted: 'typed' }), true, 'typing inside');
    assert.equal(ranges.apply({ offset: 0, removed: 100, inserted: 'reverted' }), true, 'a revert over it');
  });

  it('reports an undo that takes the streamed text back', () => {
    const ranges = new TrackedRanges();
    const id = ranges.add(5, 10);
    ranges.expect(id, { offset: 5, removed: 5, inserted: 'Das Haus' });
    ranges.apply({ offset: 5, removed: 5, inserted: 'Das Haus' });
    assert.equal(ranges.apply({ offset: 5, removed: 8, inserted: 'house' }), true);
  });
});
