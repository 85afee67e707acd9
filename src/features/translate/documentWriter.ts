import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { Disposable, toDisposable } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { FrameCoalescer } from '../../core/translate/frameCoalescer';
import { TextChange, TrackedRanges } from '../../core/translate/trackedRanges';

/** Why the writer asks the run to stop: the user edited the text being written, closed it, or edits are refused. */
export type WriterStop = 'edited' | 'closed' | 'refused';

/** Refused edits in a row before the writer gives up (the document changing under an edit refuses one at most). */
const MAX_REFUSALS = 5;

export function editRefused(): UserFacingError {
  return new UserFacingError('VS Code did not let the translation change the document (is it read-only?). It is left as it was.', 'editRefused');
}

interface Region {
  readonly id: number;
  /** What the range held right before the stream's first edit; put back by `restore()`. */
  original: string;
  /** True once the stream's first edit replaced `original`. */
  started: boolean;
  pending: string;
}

/**
 * Writes streamed text into ranges of one document: at most one edit per frame, all edits in one undo step
 * (through the visible editor; deferred while the document is not visible, then written in one WorkspaceEdit),
 * ranges that keep their place while the user edits elsewhere, a decoration on what is being written, and an exact
 * restore of the original text.
 */
export class StreamingDocumentWriter extends Disposable {
  private readonly ranges = new TrackedRanges();
  private readonly regions: Region[] = [];
  private readonly coalescer: FrameCoalescer<true>;
  private undoStopPending = true;
  private edits = 0;
  private closed = false;
  private decorated = false;
  /** Set once someone else changed the text being written: from then on nothing is written or restored. */
  private intruded = false;
  /** Consecutive edits the editor refused; a read-only editor refuses every one. */
  private refusals = 0;
  /** While `restore()` writes the original text back, which is no one else's edit. */
  private restoring = false;

  constructor(
    readonly document: vscode.TextDocument,
    private readonly decoration: vscode.TextEditorDecorationType,
    private readonly logger: Logger,
    private readonly stop: (reason: WriterStop) => void,
  ) {
    super();
    this.coalescer = this._register(new FrameCoalescer<true>(() => this.writePending()));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== this.document) return;
        const changes: TextChange[] = e.contentChanges.map((c) => ({ offset: c.rangeOffset, removed: c.rangeLength, inserted: c.text }));
        let intruded = false;
        for (const change of changes.sort((a, b) => b.offset - a.offset)) intruded = this.ranges.apply(change) || intruded;
        if (intruded && !this.intruded && !this.restoring) {
          this.intruded = true;
          this.coalescer.dispose();
          this.clearDecorations();
          this.stop('edited');
        }
      }),
    );
    this._register(
      vscode.workspace.onDidCloseTextDocument((closed) => {
        if (closed !== this.document) return;
        this.closed = true;
        this.stop('closed');
      }),
    );
    this._register(vscode.window.tabGroups.onDidChangeTabs((e) => {
      if (e.closed.some((tab) => this.shows(tab)) && !vscode.window.tabGroups.all.some((g) => g.tabs.some((tab) => this.shows(tab)))) {
        this.stop('closed');
      }
    }));
    this._register(
      vscode.window.onDidChangeVisibleTextEditors(() => {
        this.decorated = false;
        if (this.regions.some((r) => r.pending)) this.coalescer.push(true);
      }),
    );
    this._register(toDisposable(() => this.editors().forEach((editor) => editor.setDecorations(this.decoration, []))));
  }

  /** Number of edits applied so far. */
  get editCount(): number {
    return this.edits;
  }

  get isClosed(): boolean {
    return this.closed || this.document.isClosed;
  }

  /** True once an edit that was not the stream's own changed the text being written. */
  get wasEdited(): boolean {
    return this.intruded;
  }

  /** Tracks `range`; the first text written replaces what it holds (nothing, for an insertion point). */
  addRegion(range: vscode.Range): number {
    const start = this.document.offsetAt(range.start);
    const end = this.document.offsetAt(range.end);
    const id = this.ranges.add(start, end);
    this.regions.push({ id, original: '', started: false, pending: '' });
    return id;
  }

  append(regionId: number, text: string): void {
    if (text === '' || this.isClosed || this.intruded) return;
    const region = this.region(regionId);
    region.pending += text;
    this.coalescer.push(true);
  }

  /** The regions that show (or are about to show) streamed text. */
  writtenRegions(): number[] {
    return this.regions.filter((r) => r.started || r.pending !== '').map((r) => r.id);
  }

  /** Writes everything still pending (through a WorkspaceEdit if no editor shows the document) and clears the decoration. */
  async finish(): Promise<void> {
    await this.coalescer.flush();
    if (this.regions.some((r) => r.pending) && !this.isClosed && !this.intruded) await this.writePending(true);
    this.clearDecorations();
    if (this.regions.some((r) => r.pending) && !this.intruded && !this.isClosed) throw editRefused();
  }

  /** Puts every region back exactly as it was before the stream. */
  async restore(): Promise<void> {
    this.coalescer.dispose();
    await this.coalescer.flush().catch(() => undefined);
    for (const region of this.regions) region.pending = '';
    this.clearDecorations();
    const touched = this.regions.filter((r) => r.started);
    // After someone else's edit in the written text, putting the original back would write over that edit.
    if (touched.length === 0 || this.isClosed || this.intruded) return;
    const edits = touched.map((r) => {
      const { start, end } = this.ranges.get(r.id);
      return { range: this.rangeOf(start, end), text: r.original };
    });
    const editor = this.visibleEditor();
    this.restoring = true;
    try {
      const applied = editor ? await this.applyInEditor(editor, edits, false, true) : await this.applyWorkspaceEdit(edits);
      if (!applied) {
        // The document changed between reading the ranges and applying: read them again and retry once.
        const retry = touched.map((r) => ({ range: this.rangeOf(this.ranges.get(r.id).start, this.ranges.get(r.id).end), text: r.original }));
        await this.applyWorkspaceEdit(retry);
      }
    } finally {
      this.restoring = false;
    }
    this.logger.debug(`restored ${touched.length} range(s) in ${this.document.uri.toString(true)}`);
  }

  private shows(tab: vscode.Tab): boolean {
    return tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === this.document.uri.toString();
  }

  private region(id: number): Region {
    const region = this.regions.find((r) => r.id === id);
    if (!region) throw new Error(`unknown region ${id}`);
    return region;
  }

  private editors(): readonly vscode.TextEditor[] {
    return vscode.window.visibleTextEditors.filter((editor) => editor.document === this.document);
  }

  private visibleEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    return active?.document === this.document ? active : this.editors()[0];
  }

  private rangeOf(start: number, end: number): vscode.Range {
    return new vscode.Range(this.document.positionAt(start), this.document.positionAt(end));
  }

  private normalizeEol(text: string): string {
    const eol = this.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    return text.replace(/\r?\n/g, eol);
  }

  /** One edit with all pending text. Without a visible editor the text waits, unless `force` (end of stream). */
  private async writePending(force = false): Promise<void> {
    if (this.isClosed || this.intruded) return;
    const editor = this.visibleEditor();
    if (!editor && !force) return;
    const batch = this.regions.filter((r) => r.pending !== '').map((r) => ({ region: r, text: this.normalizeEol(r.pending) }));
    if (batch.length === 0) return;
    for (const { region } of batch) region.pending = '';
    const edits = batch.map(({ region, text }) => {
      const { start, end } = this.ranges.get(region.id);
      const change: TextChange = region.started ? { offset: end, removed: 0, inserted: text } : { offset: start, removed: end - start, inserted: text };
      return { region, change, range: this.rangeOf(change.offset, change.offset + change.removed), text };
    });
    for (const { region, change } of edits) {
      if (!region.started) region.original = this.document.getText(this.rangeOf(change.offset, change.offset + change.removed));
      this.ranges.expect(region.id, change);
    }
    const applied = editor ? await this.applyInEditor(editor, edits, this.undoStopPending, false) : await this.applyWorkspaceEdit(edits);
    if (!applied) {
      this.ranges.forgetExpected();
      for (const { region, text } of batch) region.pending = text + region.pending;
      if (++this.refusals >= MAX_REFUSALS && !this.isClosed) {
        this.stop('refused');
        return;
      }
      if (!this.isClosed && !this.intruded) this.coalescer.push(true);
      return;
    }
    this.refusals = 0;
    this.edits++;
    this.undoStopPending = false;
    const firstWrites = edits.filter(({ region }) => !region.started);
    for (const { region } of edits) region.started = true;
    // The decoration grows with text appended at its end (ClosedClosed), so it is only set when a region starts.
    if (firstWrites.length > 0 || !this.decorated) this.showDecorations();
  }

  /**
   * Edits through the editor, so that the edits join one undo step. False when the editor refused (the document
   * changed meanwhile) or was closed on the way.
   */
  private async applyInEditor(editor: vscode.TextEditor, edits: { range: vscode.Range; text: string }[], undoStopBefore: boolean, undoStopAfter: boolean): Promise<boolean> {
    try {
      return await editor.edit((builder) => edits.forEach((e) => builder.replace(e.range, e.text)), { undoStopBefore, undoStopAfter });
    } catch (err) {
      this.logger.debug(`editor edit not applied: ${String(err)}`);
      return false;
    }
  }

  private async applyWorkspaceEdit(edits: { range: vscode.Range; text: string }[]): Promise<boolean> {
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) edit.replace(this.document.uri, e.range, e.text);
    return vscode.workspace.applyEdit(edit);
  }

  private showDecorations(): void {
    this.decorated = this.editors().length > 0;
    const ranges = this.regions.filter((r) => r.started).map((r) => this.rangeOf(this.ranges.get(r.id).start, this.ranges.get(r.id).end));
    for (const editor of this.editors()) editor.setDecorations(this.decoration, ranges);
  }

  private clearDecorations(): void {
    for (const editor of this.editors()) editor.setDecorations(this.decoration, []);
  }
}
