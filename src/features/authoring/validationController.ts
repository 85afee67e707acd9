import * as vscode from 'vscode';
import { Disposable, Emitter } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { ManifestValidator, ValidationResult, ValidatorOptions } from '../../core/authoring/validator';
import { ValidationScheduler } from '../../app/authoring/validationScheduler';
import { kindAt } from '../../core/authoring/assist';
import { KindInfo } from '../../core/authoring/schemas/types';
import { KSERVE_GROUP } from '../../core/kserve/group';
import { OffThreadValidator } from '../../infra/validation/offThreadValidator';
import { Config } from '../../platform/config';
import { DIAGNOSTIC_SOURCE, isYaml, toDiagnostic } from './convert';
import { SchemaSources } from './schemaSources';
import { YamlPeers } from './yamlPeers';

const TYPING_DELAY_MS = 250;

export interface DocumentResult {
  version: number;
  result: ValidationResult;
}

/**
 * Validates open YAML documents: debounced while typing, chunk by chunk with yields in between so nothing waits on
 * a large file, and only on save above `kserve.validation.maxFileSizeKb`.
 */
export class ValidationController extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('kserve'));
  private scheduler: ValidationScheduler | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, DocumentResult>();
  private readonly running = new Map<string, number>();
  private generation = 0;
  private readonly validated = this._register(new Emitter<vscode.TextDocument>());
  readonly onDidValidate = this.validated.event;

  constructor(
    private readonly sources: SchemaSources, private readonly config: Config, private readonly peers: YamlPeers,
    private readonly logger: Logger, private readonly workerFile: string,
  ) {
    super();
    this._register({ dispose: () => this.scheduler?.dispose() });
    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.schedule(e.document, TYPING_DELAY_MS); }));
    this._register(vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0, true)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)));
    this._register(config.onDidChange((e) => {
      if (['kserve.validation', 'kserve.lint'].some((s) => e.affectsConfiguration(s))) this.reconfigure();
    }));
    this._register(sources.onDidChange(() => this.reconfigure()));
    this._register(peers.onDidChange(() => this.reconfigure()));
    this._register({ dispose: () => { for (const t of this.timers.values()) clearTimeout(t); } });
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** The latest result for the document's current version, if it has been validated. */
  resultFor(document: vscode.TextDocument): ValidationResult | undefined {
    const entry = this.results.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.result : undefined;
  }

  /**
   * The KServe kind of the document at `offset`, from the last validation of the file (hover and completion must
   * not parse the file again on every request). Its ranges may lag an edit behind, which only matters at a
   * document boundary. Files never validated yet are parsed here only below the while-typing size cap.
   */
  kindAt(document: vscode.TextDocument, offset: number): KindInfo | undefined {
    const entry = this.results.get(document.uri.toString());
    if (entry) {
      const found = [...entry.result.documents].reverse().find((d) => d.range.start <= offset);
      // Past the document's end, but before any `---` that starts another one, is still that document.
      const between = found && found.range.end < offset
        ? document.getText(new vscode.Range(document.positionAt(found.range.end), document.positionAt(offset))) : '';
      return found && !/^---/m.test(between) ? found.kind : undefined;
    }
    if (document.offsetAt(document.lineAt(document.lineCount - 1).range.end) > this.config.authoring.maxFileSizeKb * 1024) return undefined;
    const text = document.getText();
    return text.includes(KSERVE_GROUP) ? kindAt(text, offset, this.sources.current) : undefined;
  }

  /** Validates now (without debounce) and resolves with the result; used by commands and tests. */
  async validateNow(document: vscode.TextDocument): Promise<ValidationResult | undefined> {
    await this.sources.whenReady();
    return this.run(document, true);
  }

  /** Created for the first KServe document: until then no schema, YAML parser or worker is loaded. */
  private validator(): ValidationScheduler {
    this.scheduler ??= new ValidationScheduler(new ManifestValidator(this.sources.current, this.options()), {
      offThread: new OffThreadValidator(this.workerFile),
      onOffThreadFailure: (err) => this.logger.warn(
        `KServe validation worker failed (${err instanceof Error ? err.message : String(err)}): validating on the main thread`),
    });
    return this.scheduler;
  }

  private options(): ValidatorOptions {
    const { validate, lint } = this.config.authoring;
    return { schema: validate, lint, syntax: validate && !this.peers.syntaxReportedElsewhere };
  }

  private reconfigure(): void {
    this.generation++;
    this.scheduler?.configure(this.sources.current, this.options());
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number, saved = false): void {
    if (!isYaml(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.run(document, saved).catch((err) => this.logger.error(`KServe validation of ${document.uri.fsPath} failed: ${err}`));
    }, delayMs));
  }

  private async run(document: vscode.TextDocument, saved: boolean): Promise<ValidationResult | undefined> {
    const key = document.uri.toString();
    const { validate, lint, maxFileSizeKb } = this.config.authoring;
    if (!validate && !lint) {
      this.collection.delete(document.uri);
      return undefined;
    }
    const text = document.getText();
    if (!text.includes(KSERVE_GROUP)) {
      this.results.set(key, { version: document.version, result: { diagnostics: [], documents: [] } });
      this.collection.delete(document.uri);
      this.validated.fire(document);
      return this.results.get(key)!.result;
    }
    const tooLarge = text.length > maxFileSizeKb * 1024;
    if (tooLarge && !saved) {
      if (!this.results.has(key)) this.collection.set(document.uri, [sizeNote(document, maxFileSizeKb)]);
      return undefined;
    }
    const version = document.version;
    const generation = this.generation;
    const ticket = (this.running.get(key) ?? 0) + 1;
    this.running.set(key, ticket);
    const stale = () => document.isClosed || document.version !== version || this.generation !== generation || this.running.get(key) !== ticket;
    const result = await this.validator().validate(text, stale);
    if (!result) return undefined;
    this.results.set(key, { version, result });
    const diagnostics = result.diagnostics.map((d) => toDiagnostic(document, d));
    if (tooLarge) diagnostics.unshift(sizeNote(document, maxFileSizeKb));
    this.collection.set(document.uri, diagnostics);
    this.validated.fire(document);
    return result;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.running.delete(key);
    this.collection.delete(uri);
  }
}

function sizeNote(document: vscode.TextDocument, maxFileSizeKb: number): vscode.Diagnostic {
  const note = new vscode.Diagnostic(new vscode.Range(0, 0, 0, document.lineAt(0).text.length),
    `This file is larger than ${maxFileSizeKb} KB, so KServe checks it when you save it, not while you type ` +
    '(setting kserve.validation.maxFileSizeKb).', vscode.DiagnosticSeverity.Information);
  note.source = DIAGNOSTIC_SOURCE;
  note.code = 'size';
  return note;
}
