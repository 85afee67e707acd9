import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../../core/lifecycle';
import { InferenceServiceTarget } from '../../core/target';
import { ResolvedEndpoint } from '../../core/translate/endpoint';
import { BUILT_IN_TASKS, normalizeTaskPrefix, T5Task, TRANSLATE_TO_GERMAN } from '../../core/translate/tasks';
import { InferenceClient } from '../../infra/http/inferenceClient';
import { Commands } from '../../platform/commands';
import { Services } from '../../platform/services';
import { EndpointService } from './endpointService';
import { ErrorReporter, ShownError } from './errorReporter';
import { SELECT_TARGET_COMMAND, TargetStatusBar } from './statusBar';
import { EndpointTestResult, ServiceSource, TargetAction, TargetMenu } from './targetMenu';
import { TranslationController, TranslationOutcome } from './translationController';

export type { EndpointTestResult, ServiceSource, ShownError, TranslationOutcome };

/** What the explorer (through src/extension.ts) and the tests use. */
export interface TranslateApi {
  /** Makes `target` the translation target (undefined: back to the endpoint settings). */
  useInferenceService(target: InferenceServiceTarget | undefined): Promise<void>;
  /** Tests `target`, or the active target, and shows the result. */
  testEndpoint(target?: InferenceServiceTarget): Promise<EndpointTestResult>;
  /** Lets the target menu offer the explorer's InferenceServices, and a failed test say why one is not Ready. */
  useExplorer(explorer: ServiceSource): vscode.Disposable;
  /** The target requests go to now; undefined when none is configured. */
  readonly activeEndpoint: ResolvedEndpoint | undefined;
  readonly isTranslating: boolean;
  /** The last error message shown by a translate command. */
  readonly lastError: ShownError | undefined;
  readonly statusBarText: string;
  /** The Markdown source of the status bar's tooltip. */
  readonly statusBarTooltip: string;
  readonly onDidFinishTranslation: vscode.Event<TranslationOutcome>;
}

interface RunTaskArgs {
  /** A task prefix to run without asking, e.g. "summarize: ". */
  readonly prefix?: string;
  /** A custom prefix to remember and run, as if typed into the custom prefix box. */
  readonly custom?: string;
}

type TranslateCommand =
  | 'kserve.translateSelection' | 'kserve.runT5Task' | 'kserve.cancelStreaming' | 'kserve.setEndpointToken'
  | 'kserve.selectTranslationTarget' | 'kserve.testEndpoint';

/** Run on selection: the translation target, the status bar, and the commands that stream text into the editor. */
export class TranslateFeature extends Disposable implements TranslateApi {
  readonly commands: Commands<TranslateCommand>;
  private readonly errors: ErrorReporter;
  private readonly endpoints: EndpointService;
  private readonly controller: TranslationController;
  private readonly targets: TargetMenu;
  private readonly statusBar: TargetStatusBar;

  constructor(private readonly services: Services) {
    super();
    this.errors = new ErrorReporter(services);
    this.endpoints = this._register(new EndpointService(services));
    const client = this._register(new InferenceClient(services.logger, () => services.config.logBodies));
    this._register(this.endpoints.onDidChange(() => client.resetConnections()));
    this.controller = this._register(new TranslationController(services, this.endpoints, client, this.errors));
    this.targets = new TargetMenu(services, this.endpoints, client, this.errors);
    this.statusBar = this._register(new TargetStatusBar(this.endpoints, this.controller));
    this.commands = {
      'kserve.translateSelection': { title: 'Translate Selection', run: () => this.controller.translate(vscode.window.activeTextEditor, TRANSLATE_TO_GERMAN) },
      'kserve.runT5Task': { title: 'Run T5 Task', run: (args) => this.runTask(args as RunTaskArgs | undefined) },
      'kserve.cancelStreaming': { title: 'Cancel Translation', run: () => this.controller.cancelAll() },
      'kserve.setEndpointToken': { title: 'Set Endpoint Token', run: (token) => this.targets.setToken(typeof token === 'string' ? token : undefined) },
      [SELECT_TARGET_COMMAND]: { title: 'Choose Translation Target', run: (args) => {
        const { action, model, style } = (args ?? {}) as { action?: TargetAction; model?: string; style?: string };
        return this.targets.pickAction(action, action === 'useStyle' ? style : model);
      } },
      'kserve.testEndpoint': { title: 'Test Endpoint', run: (target) => this.targets.test(isTarget(target) ? target : undefined) },
    };
    void vscode.commands.executeCommand('setContext', 'kserve.translating', false);
  }

  useInferenceService(target: InferenceServiceTarget | undefined): Promise<void> {
    this.services.logger.info(target ? `Translating with InferenceService ${target.namespace}/${target.name}` : 'Translating with the endpoint settings');
    return this.endpoints.choose(target);
  }

  testEndpoint(target?: InferenceServiceTarget): Promise<EndpointTestResult> {
    return this.targets.test(target);
  }

  useExplorer(explorer: ServiceSource): vscode.Disposable {
    this.targets.explorer = explorer;
    this.endpoints.reach = (target) => explorer.reach(target);
    this.endpoints.findTarget = (kind, namespace, name) => explorer.findTarget(kind, namespace, name);
    return toDisposable(() => {
      if (this.targets.explorer !== explorer) return;
      this.targets.explorer = undefined;
      this.endpoints.reach = undefined;
      this.endpoints.findTarget = undefined;
    });
  }

  get activeEndpoint(): ResolvedEndpoint | undefined {
    try {
      return this.endpoints.resolve();
    } catch {
      return undefined;
    }
  }

  get isTranslating(): boolean {
    return this.controller.isRunning;
  }

  get lastError(): ShownError | undefined {
    return this.errors.lastError;
  }

  get statusBarText(): string {
    return this.statusBar.text;
  }

  get statusBarTooltip(): string {
    return this.statusBar.tooltipMarkdown;
  }

  get onDidFinishTranslation(): vscode.Event<TranslationOutcome> {
    return this.controller.onDidFinish;
  }

  private async runTask(args?: RunTaskArgs): Promise<TranslationOutcome | undefined> {
    const editor = vscode.window.activeTextEditor;
    // Nothing to work on: report it the same way as Translate Selection, before asking for a task.
    if (!editor || editor.selections.every((s) => editor.document.getText(s).trim() === '')) return this.controller.translate(editor, TRANSLATE_TO_GERMAN);
    const task = await this.pickTask(args);
    if (!task) return undefined;
    return this.controller.translate(editor, task);
  }

  private async pickTask(args?: RunTaskArgs): Promise<T5Task | undefined> {
    if (args?.prefix) return { label: args.prefix.replace(/:\s*$/, ''), prefix: normalizeTaskPrefix(args.prefix) };
    const lastCustom = this.services.config.translate.lastCustomTask.trim();
    const custom = args?.custom ?? (await this.askTask(lastCustom));
    if (custom === undefined || typeof custom === 'object') return custom;
    const prefix = normalizeTaskPrefix(custom);
    if (!prefix) return undefined;
    if (prefix !== normalizeTaskPrefix(lastCustom)) await this.services.config.update('translate.customTask', prefix.trim());
    return { label: prefix.replace(/:\s*$/, ''), prefix };
  }

  /** Resolves to a built-in task, a custom prefix to normalize and remember, or undefined when dismissed. */
  private async askTask(lastCustom: string): Promise<T5Task | string | undefined> {
    type Item = vscode.QuickPickItem & { task?: T5Task; custom?: string };
    const items: Item[] = [
      ...BUILT_IN_TASKS.map((task) => ({ label: task.label, description: task.prefix.trim(), task })),
      ...(lastCustom ? [{ label: `$(history) ${lastCustom}`, description: 'last custom prefix', custom: lastCustom }] : []),
      { label: '$(edit) Custom Prefix…', description: 'any T5 task prefix' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'KServe: Run T5 Task', placeHolder: 'Choose what T5 does with the selection' });
    if (!picked) return undefined;
    if (picked.task) return picked.task;
    if (picked.custom) return picked.custom;
    return vscode.window.showInputBox({
      title: 'KServe: Custom T5 Task Prefix',
      prompt: 'The prefix T5 was trained with, for example "translate English to German:" or "summarize:".',
      value: lastCustom,
      validateInput: (value) => (value.trim() ? undefined : 'Enter a prefix.'),
    });
  }
}

function isTarget(value: unknown): value is InferenceServiceTarget {
  return typeof value === 'object' && value !== null && typeof (value as InferenceServiceTarget).name === 'string' && 'url' in value;
}
