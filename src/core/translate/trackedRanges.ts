/** One content change, as in vscode.TextDocumentContentChangeEvent: offsets into the text before the change. */
export interface TextChange {
  readonly offset: number;
  readonly removed: number;
  readonly inserted: string;
}

export interface OffsetRange {
  start: number;
  end: number;
}

interface Expected extends TextChange {
  readonly id: number;
}

/**
 * Offsets of the ranges a stream writes into, kept right while the document changes. Changes the stream makes
 * itself are announced with `expect` and grow their own range; any other change (the user typing elsewhere,
 * another extension) shifts the ranges after it and leaves them otherwise alone. Text inserted exactly at a
 * range's end by someone else stays outside the range.
 */
export class TrackedRanges {
  private readonly ranges = new Map<number, OffsetRange>();
  private readonly expected: Expected[] = [];
  private nextId = 0;

  add(start: number, end = start): number {
    const id = this.nextId++;
    this.ranges.set(id, { start, end });
    return id;
  }

  get(id: number): Readonly<OffsetRange> {
    const range = this.ranges.get(id);
    if (!range) throw new Error(`unknown tracked range ${id}`);
    return range;
  }

  /** Announces an edit this stream is about to make inside (or at the end of) range `id`. */
  expect(id: number, change: TextChange): void {
    this.expected.push({ id, ...change });
  }

  /** Forgets announced edits that will not happen (the editor refused them). */
  forgetExpected(): void {
    this.expected.length = 0;
  }

  get hasExpected(): boolean {
    return this.expected.length > 0;
  }

  /**
   * Applies one change. The changes of one document event carry offsets into the text before the event and do
   * not overlap; apply them from the highest offset down. Returns true when the change is not the stream's own and
   * falls inside a tracked range (typing there, an undo or a revert); text added at a range's edge does not count.
   */
  apply(change: TextChange): boolean {
    const mine = this.expected.findIndex(
      (e) => e.offset === change.offset && e.removed === change.removed && e.inserted === change.inserted,
    );
    const owner = mine >= 0 ? this.expected.splice(mine, 1)[0].id : undefined;
    const delta = change.inserted.length - change.removed;
    let intrudes = false;
    for (const [id, range] of this.ranges) {
      if (id === owner) {
        range.end += delta;
      } else {
        intrudes ||= owner === undefined && touches(range, change);
        shift(range, change, delta);
      }
    }
    return intrudes;
  }
}

function touches(range: OffsetRange, change: TextChange): boolean {
  const changeEnd = change.offset + change.removed;
  if (change.removed === 0) return change.offset > range.start && change.offset < range.end;
  return change.offset < range.end && changeEnd > range.start;
}

function shift(range: OffsetRange, change: TextChange, delta: number): void {
  const changeEnd = change.offset + change.removed;
  if (changeEnd <= range.start) {
    range.start += delta;
    range.end += delta;
  } else if (change.offset < range.end) {
    const start = Math.min(range.start, change.offset);
    range.end = Math.max(range.end + delta, change.offset + change.inserted.length);
    range.start = start;
  }
}
