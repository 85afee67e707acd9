import * as vscode from 'vscode';
import { Disposable, IDisposable } from '../../core/lifecycle';
import type { ExplorerSnapshot } from '../../app/explorer/snapshot';
import { WALKTHROUGH_KEYS, WalkthroughStep } from './keys';

export const WALKTHROUGH_ID = 'kserve.getStarted';
const SHOWN_KEY = 'kserve.walkthrough.shown';

/** Opens the walkthrough the first time the extension runs for this user (unless kserve.walkthrough.openOnFirstRun is off). */
export function openWalkthroughOnFirstRun(context: vscode.ExtensionContext, enabled: boolean): void {
  if (!enabled || context.globalState.get<boolean>(SHOWN_KEY)) return;
  void context.globalState.update(SHOWN_KEY, true);
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
}

type Subscribe<T> = (listener: (value: T) => void) => IDisposable;

/** The events the steps complete on; the composition root wires them to the features. */
export interface WalkthroughSources {
  readonly explorerChanged: Subscribe<unknown>;
  readonly snapshot: () => ExplorerSnapshot;
  readonly applied: Subscribe<unknown>;
  readonly deployed: Subscribe<unknown>;
  readonly translated: Subscribe<{ readonly status: string }>;
}

const SNAPSHOT_EVERY_MS = 300;
const MANIFEST = /^apiVersion:\s*["']?serving\.kserve\.io\//m;

/**
 * Completes each walkthrough step when the thing it teaches happens (a connection, a service in the tree, a manifest in
 * an editor, an apply, a Ready service, a translation), never on a click. VS Code remembers completed steps.
 */
export class WalkthroughProgress extends Disposable {
  private readonly done = new Set<WalkthroughStep>();
  private pending: NodeJS.Timeout | undefined;

  constructor(sources: WalkthroughSources) {
    super();
    // A snapshot walks every watched service: take one at most every so often, and none once its steps are done.
    const watching = sources.explorerChanged(() => {
      this.pending ??= setTimeout(() => {
        this.pending = undefined;
        this.fromSnapshot(sources.snapshot());
        if (this.done.has('connected') && this.done.has('servicesShown') && this.done.has('serviceReady')) watching.dispose();
      }, SNAPSHOT_EVERY_MS);
    });
    this._register(watching);
    this._register({ dispose: () => clearTimeout(this.pending) });
    this._register(sources.applied(() => this.complete('applied')));
    this._register(sources.deployed(() => this.complete('applied')));
    this._register(sources.translated((outcome) => outcome.status === 'completed' && this.complete('translated')));
    const checkEditor = (document: vscode.TextDocument | undefined) => {
      if (document?.languageId === 'yaml' && MANIFEST.test(document.getText(new vscode.Range(0, 0, 400, 0)))) this.complete('manifestOpen');
    };
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => checkEditor(editor?.document)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.document === vscode.window.activeTextEditor?.document && checkEditor(e.document)));
    checkEditor(vscode.window.activeTextEditor?.document);
  }

  /** The steps completed in this window (for tests). */
  get completed(): readonly WalkthroughStep[] {
    return [...this.done];
  }

  private fromSnapshot(snapshot: ExplorerSnapshot): void {
    if (snapshot.state === 'ready') this.complete('connected');
    const services = Object.values(snapshot.namespaces).flatMap((n) => n.services);
    if (services.length > 0) this.complete('servicesShown');
    if (services.some((s) => s.phase === 'Ready')) this.complete('serviceReady');
  }

  private complete(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_KEYS[step], true);
  }
}
