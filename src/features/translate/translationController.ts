import * as vscode from 'vscode';
import { ErrorCode, errorCodeInfo } from '../../core/errorCodes';
import { formatError, isAbortError, UserFacingError } from '../../core/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { textBudget } from '../../core/translate/tokenBudget';
import { T5Task } from '../../core/translate/tasks';
import { InferenceClient } from '../../infra/http/inferenceClient';
import { TranslateOutput } from '../../platform/config';
import { Services } from '../../platform/services';
import { editRefused, StreamingDocumentWriter, WriterStop } from './documentWriter';
import { EndpointService } from './endpointService';
import { inPlaceRegions, newDocumentRegion, OutputRegion, planSelections } from './outputRegions';
import { ErrorReporter } from './errorReporter';
import { countParts, runTranslation } from '../../app/translate/translationRun';

export interface TranslationOutcome {
  readonly status: 'completed' | 'cancelled' | 'failed';
  readonly document?: vscode.Uri;
  /** Requests made (parts of the selections). */
  readonly parts: number;
  /** Edits applied to the document while streaming. */
  readonly edits: number;
  readonly error?: { readonly message: string; readonly code: ErrorCode };
}

/** Failures after which a partial insertBelow translation may be kept, marked (the stream was cut, not refused), and how the mark says why. */
export const TRANSLATING_CONTEXT_KEY = 'kserve.translating';

interface RunningJob {
  readonly document: vscode.TextDocument;
  readonly abort: AbortController;
}

/** Runs translations: one job per command, cancellable, restoring (or marking) the document when it fails. */
export class TranslationController extends Disposable {
  private readonly jobs = new Set<RunningJob>();
  private readonly finished = this._register(new Emitter<TranslationOutcome>());
  readonly onDidFinish = this.finished.event;
  private readonly stateChanged = this._register(new Emitter<boolean>());
  readonly onDidChangeRunning = this.stateChanged.event;
  private readonly decoration = this._register(
    vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor('editor.findRangeHighlightBackground'),
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('editorInfo.foreground'),
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  );

  constructor(
    private readonly services: Services,
    private readonly endpoints: EndpointService,
    private readonly client: InferenceClient,
    private readonly errors: ErrorReporter,
  ) {
    super();
  }

  get isRunning(): boolean {
    return this.jobs.size > 0;
  }

  cancelAll(): boolean {
    for (const job of this.jobs) job.abort.abort();
    return this.jobs.size > 0;
  }

  override dispose(): void {
    this.cancelAll();
    super.dispose();
  }

  /** Translates the selections of `editor` with `task`; resolves when the text is written, restored or marked. */
  async translate(editor: vscode.TextEditor | undefined, task: T5Task): Promise<TranslationOutcome> {
    const settings = this.services.config.translate;
    let writer: StreamingDocumentWriter | undefined;
    let parts = 0;
    let job: RunningJob | undefined;
    let deadline: ReturnType<typeof setTimeout> | undefined;
    try {
      if (!editor) throw new UserFacingError('Open a document and select the text to translate first.', 'emptySelection');
      if ([...this.jobs].some((j) => j.document === editor.document)) {
        throw new UserFacingError('A translation is already running in this document. Wait for it, or cancel it with Escape.', 'busy');
      }
      const selections = planSelections(editor, textBudget(task.prefix, settings.maxTokens), settings.output);
      if (settings.output !== 'newDocument') await refuseReadOnly(editor.document);
      job = { document: editor.document, abort: new AbortController() };
      const abort = job.abort;
      this.track(job);
      const seconds = settings.deadlineMs / 1000;
      deadline = setTimeout(() => abort.abort(new UserFacingError(
        `The translation took longer than ${seconds} s, so it was stopped. Raise kserve.translate.deadlineSeconds for very long selections.`,
        'deadlineExceeded',
      )), settings.deadlineMs);
      const connection = await this.endpoints.connect();
      const output = settings.output;
      const target = output === 'newDocument' ? await this.openOutputDocument(editor.document) : editor.document;
      const regions: OutputRegion[] =
        output === 'newDocument' ? [newDocumentRegion(target, selections)] : inPlaceRegions(target, selections, output);
      parts = countParts(regions);
      const activeWriter = new StreamingDocumentWriter(target, this.decoration, this.services.logger, (reason) => abort.abort(stopReason(reason)));
      writer = activeWriter;
      const regionIds = regions.map((region) => activeWriter.addRegion(region.range));
      this.services.logger.info(
        `${task.label}: ${selections.length} selection(s), ${parts} request(s) to ${connection.endpoint.label} (${connection.endpoint.baseUrl}), output ${output}`,
      );
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `KServe: ${task.label}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          progress.report({ message: parts > 1 ? `0 of ${parts} parts` : `streaming from ${connection.endpoint.label}…` });
          await runTranslation(
            {
              regions,
              connection,
              client: this.client,
              taskPrefix: task.prefix,
              maxTokens: settings.maxTokens,
              concurrency: settings.maxConcurrency,
              write: (region, text) => activeWriter.append(regionIds[region], text),
              progress: (done, total) => total > 1 && progress.report({ message: `${done} of ${total} parts`, increment: 100 / total }),
            },
            abort.signal,
          );
          await activeWriter.finish();
        },
      );
      return this.report({ status: 'completed', document: target.uri, parts, edits: writer.editCount });
    } catch (thrown) {
      // An abort with a reason (the deadline) is a failure to explain, not the user's cancel.
      const reason: unknown = job?.abort.signal.reason;
      const err = reason instanceof UserFacingError ? reason : thrown;
      const cancelled = !(err instanceof UserFacingError) && (isAbortError(err) || (job?.abort.signal.aborted ?? false));
      const code: ErrorCode = err instanceof UserFacingError ? err.code : cancelled ? 'cancelled' : 'unknown';
      const edited = writer?.wasEdited === true;
      if (writer) await this.cleanUp(writer, settings.output, settings.onCancel, cancelled ? 'cancelled' : code);
      if (writer && edited) {
        // The user's own edit stopped it: say so, without an error.
        const message = `Translate: ${formatError(err)}`;
        this.services.logger.info(message);
        void vscode.window.showInformationMessage(`KServe: ${message}`);
        return this.report({
          status: 'cancelled', document: writer.document.uri, parts, edits: writer.editCount, error: { message, code: 'editedWhileStreaming' },
        });
      }
      if (cancelled) {
        if (writer?.isClosed) this.services.logger.info('Translation stopped: its document was closed.');
        else vscode.window.setStatusBarMessage('$(circle-slash) KServe: translation cancelled', 4000);
        return this.report({ status: 'cancelled', document: writer?.document.uri, parts, edits: writer?.editCount ?? 0 });
      }
      const shown = this.errors.show('Translate', err);
      return this.report({ status: 'failed', document: writer?.document.uri, parts, edits: writer?.editCount ?? 0, error: shown });
    } finally {
      clearTimeout(deadline);
      writer?.dispose();
      if (job) this.untrack(job);
    }
  }

  private async cleanUp(writer: StreamingDocumentWriter, output: TranslateOutput, onCancel: string, code: ErrorCode): Promise<void> {
    if (writer.isClosed) return;
    const reason = errorCodeInfo(code).cutMidStream;
    const keepMarked = output === 'insertBelow' && onCancel === 'keepMarked' && reason !== undefined;
    try {
      const written = writer.writtenRegions();
      if (keepMarked && written.length > 0) {
        const marker = ` [translation incomplete: ${reason}]`;
        for (const id of written) writer.append(id, marker);
        await writer.finish();
        return;
      }
      await writer.restore();
      if (output === 'newDocument') await closeEmptyUntitled(writer.document);
    } catch (cleanupError) {
      this.services.logger.error(`Could not restore ${writer.document.uri.toString(true)}: ${formatError(cleanupError)}`);
    }
  }

  private async openOutputDocument(source: vscode.TextDocument): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument({ language: source.languageId, content: '' });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    return document;
  }

  private track(job: RunningJob): void {
    this.jobs.add(job);
    void vscode.commands.executeCommand('setContext', TRANSLATING_CONTEXT_KEY, true);
    this.stateChanged.fire(true);
  }

  private untrack(job: RunningJob): void {
    this.jobs.delete(job);
    if (this.jobs.size > 0) return;
    void vscode.commands.executeCommand('setContext', TRANSLATING_CONTEXT_KEY, false);
    this.stateChanged.fire(false);
  }

  private report(outcome: TranslationOutcome): TranslationOutcome {
    this.services.logger.info(`Translation ${outcome.status}: ${outcome.parts} request(s), ${outcome.edits} edit(s)`);
    this.finished.fire(outcome);
    return outcome;
  }
}

/** Closes an untitled output document that was emptied again, so a failed run leaves nothing behind. */
async function closeEmptyUntitled(document: vscode.TextDocument): Promise<void> {
  if (!document.isUntitled || document.getText() !== '') return;
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === document.uri.toString());
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}

/** What aborts the run when the writer stops it: the user's edit and refused edits are explained; a close cancels. */
function stopReason(reason: WriterStop): UserFacingError | undefined {
  switch (reason) {
    case 'edited':
      return new UserFacingError(
        'The translation stopped because the text it was writing was changed (typing, undo or revert). Your change is kept, and nothing more was written.',
        'editedWhileStreaming',
      );
    case 'refused':
      return editRefused();
    case 'closed':
      return undefined;
  }
}

/** A document that cannot be written is refused before any text is sent. */
async function refuseReadOnly(document: vscode.TextDocument): Promise<void> {
  const readOnly = vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false
    || (document.uri.scheme === 'file' && await vscode.workspace.fs.stat(document.uri).then(
      (stat) => ((stat.permissions ?? 0) & vscode.FilePermission.Readonly) !== 0, () => false));
  if (readOnly) {
    throw new UserFacingError(`${document.uri.path.split('/').pop() || 'This document'} is read-only, so the translation cannot be written into it. Set kserve.translate.output to newDocument, or make the file writable.`, 'readOnly');
  }
}
