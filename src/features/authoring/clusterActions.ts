import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { applyQuestion, describePlanned, planObjects, PlannedObject } from '../../core/authoring/applyPlan';
import { serverDiagnostics } from '../../core/authoring/objects';
import { KServeDocument } from '../../core/authoring/validator';
import { ManifestDiagnostic } from '../../core/authoring/types';
import { KubeError } from '../../infra/kube/errors';
import type { KServeApi } from '../../infra/kube/kserveApi';
import type { ClusterConnection } from '../../infra/kube/session';
import { Config } from '../../platform/config';
import { ErrorEdge, formatError, showError } from '../../platform/errors';
import { ManifestRef } from './codeLens';
import { isYaml, toDiagnostic } from './convert';
import { ConnectionSource } from './schemaSources';
import { ValidationController } from './validationController';

export type ClusterMode = 'dryRun' | 'apply';

export interface ActionOutcome {
  mode: ClusterMode;
  /** One entry per document sent to the server. */
  results: { kind: string; name?: string; namespace?: string; ok: boolean; message: string }[];
}

/** `kserve.manifest.dryRun` and `kserve.manifest.apply`: server-side (dry-run) apply of KServe documents. */
export class ClusterActions extends Disposable {
  private readonly serverProblems = this._register(vscode.languages.createDiagnosticCollection('kserve-server'));
  private readonly applied = this._register(new Emitter<ActionOutcome>());
  /** Fires after an apply (not a dry-run) that the API server accepted for every document. */
  readonly onDidApply = this.applied.event;

  constructor(
    private readonly validation: ValidationController,
    private readonly kube: ConnectionSource,
    private readonly config: Config,
    private readonly edge: ErrorEdge,
  ) {
    super();
    this._register(vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.serverProblems.delete(e.document.uri); }));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.serverProblems.delete(d.uri)));
  }

  /** Runs a command; `confirmed` skips the apply confirmation (for callers that asked the user themselves). */
  async guarded(mode: ClusterMode, target?: ManifestRef, options: { confirmed?: boolean } = {}): Promise<ActionOutcome | undefined> {
    try {
      return await this.run(mode, target, options.confirmed === true);
    } catch (err) {
      await showError(this.edge, mode === 'apply' ? 'KServe apply' : 'KServe dry-run', err);
      return undefined;
    }
  }

  private async run(mode: ClusterMode, target: ManifestRef | undefined, confirmed: boolean): Promise<ActionOutcome | undefined> {
    const document = await this.documentFor(target);
    // One snapshot of the text is checked, confirmed and sent; edits made meanwhile are not.
    const version = document.version;
    const text = document.getText();
    const result = await this.validation.validateNow(document);
    if (document.version !== version) {
      throw new UserFacingError('The file changed while it was being checked: try again.', 'documentChanged');
    }
    const all = result?.documents ?? [];
    if (all.length === 0) throw new UserFacingError('This file has no KServe documents (apiVersion serving.kserve.io/...).', 'noKServeDocuments');
    const chosen = await this.choose(document, all, target);
    if (!chosen) return undefined;
    const broken = chosen.filter((d) => d.broken);
    if (broken.length) {
      throw new UserFacingError(`${describe(broken[0])} has YAML syntax errors: fix them (see Problems), then try again.`, 'yamlErrors');
    }
    const api = this.kube.api;
    if (!api) {
      throw new UserFacingError('No Kubernetes cluster is connected: pick a kubeconfig context in the KServe explorer, then try again.', 'noCluster');
    }
    const connection = api.connection;
    const planned = planObjects(text, chosen, connection.namespace);
    if (mode === 'apply' && !confirmed && !(await this.confirm(planned, connection))) return undefined;
    const outcome = await this.send(mode, document, { text, version }, planned, api);
    this.report(outcome, connection);
    return outcome;
  }

  private async documentFor(target?: ManifestRef): Promise<vscode.TextDocument> {
    const document = target?.uri ? await vscode.workspace.openTextDocument(target.uri) : vscode.window.activeTextEditor?.document;
    if (!document || !isYaml(document)) throw new UserFacingError('Open a YAML file with a KServe manifest first.', 'noManifestEditor');
    return document;
  }

  /** The documents to act on: the target's, the one under the cursor, or all (asked when it is not obvious). */
  private async choose(document: vscode.TextDocument, all: KServeDocument[], target?: ManifestRef): Promise<KServeDocument[] | undefined> {
    if (target?.all) return all;
    if (target?.index !== undefined) {
      const found = all.find((d) => d.index === target.index);
      if (!found) throw new UserFacingError('That KServe document is no longer in the file.', 'documentGone');
      return [found];
    }
    const editor = vscode.window.activeTextEditor;
    const offset = editor?.document === document ? document.offsetAt(editor.selection.active) : 0;
    const underCursor = [...all].reverse().find((d) => d.range.start <= offset) ?? all[0];
    if (all.length === 1) return all;
    const picked = await vscode.window.showQuickPick([
      { label: describe(underCursor), description: 'the document under the cursor', documents: [underCursor] },
      { label: `All ${all.length} KServe documents`, description: all.map(describe).join(', '), documents: all },
    ], { placeHolder: 'Which KServe documents?' });
    return picked?.documents;
  }

  private async confirm(planned: PlannedObject[], connection: ClusterConnection): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(
      applyQuestion(planned, connection.contextName),
      { modal: true, detail: `Server-side apply with field manager "${this.config.authoring.fieldManager}". This changes the cluster.` },
      'Apply',
    );
    return answer === 'Apply';
  }

  private async send(
    mode: ClusterMode, document: vscode.TextDocument, { text, version }: { text: string; version: number },
    planned: PlannedObject[], api: KServeApi,
  ): Promise<ActionOutcome> {
    const outcome: ActionOutcome = { mode, results: [] };
    const problems: ManifestDiagnostic[] = [];
    await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true,
      title: mode === 'apply' ? 'KServe: applying' : 'KServe: dry-run',
    }, async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      for (const [i, found] of planned.entries()) {
        if (controller.signal.aborted) break;
        progress.report({ message: `${describePlanned(found)} (${i + 1}/${planned.length})`, increment: 100 / planned.length });
        const entry = { kind: found.kind.kind, name: found.name, namespace: found.namespace };
        try {
          await this.applyOne(mode, found, api, controller.signal);
          outcome.results.push({ ...entry, ok: true, message: mode === 'apply' ? 'applied' : 'accepted' });
        } catch (err) {
          if (controller.signal.aborted) break;
          outcome.results.push({ ...entry, ok: false, message: this.edge.secrets.redact(formatError(err)) });
          // Objections to the document become diagnostics on it; missing credentials or access do not.
          if (err instanceof KubeError && err.status !== undefined && err.status !== 401 && err.status !== 403) {
            problems.push(...serverDiagnostics(text, found.index, [...err.causes], err.serverMessage ?? err.message));
          }
        }
      }
    });
    if (document.version === version) this.serverProblems.set(document.uri, problems.map((p) => toDiagnostic(document, p)));
    return outcome;
  }

  private async applyOne(mode: ClusterMode, found: PlannedObject, api: KServeApi, signal: AbortSignal): Promise<void> {
    const request = {
      object: found.object, plural: found.kind.plural, namespaced: found.kind.namespaced, namespace: found.namespace,
      fieldManager: this.config.authoring.fieldManager, dryRun: mode === 'dryRun', signal,
    };
    try {
      await api.apply(request);
    } catch (err) {
      if (!(mode === 'apply' && err instanceof KubeError && err.status === 409)) throw err;
      const answer = await vscode.window.showWarningMessage(
        this.edge.secrets.redact(`${describePlanned(found)}: fields are managed by someone else. ${err.serverMessage ?? ''}`),
        { modal: true, detail: 'Apply anyway to take ownership of those fields (server-side apply with force)?' },
        'Apply Anyway',
      );
      if (answer !== 'Apply Anyway') throw err;
      await api.apply({ ...request, force: true });
    }
  }

  private report(outcome: ActionOutcome, connection: ClusterConnection): void {
    const failed = outcome.results.filter((r) => !r.ok);
    const where = (r: ActionOutcome['results'][number]) => `${r.kind} ${r.name ?? ''}${r.namespace ? ` (namespace ${r.namespace})` : ''}`;
    for (const r of failed) this.edge.logger.warn(`${outcome.mode} ${where(r)} on ${connection.contextName}: ${r.message}`);
    if (failed.length === 0 && outcome.results.length > 0) {
      if (outcome.mode === 'apply') this.applied.fire(outcome);
      const what = outcome.results.length === 1 ? where(outcome.results[0]) : `${outcome.results.length} documents`;
      void vscode.window.showInformationMessage(outcome.mode === 'apply'
        ? `Applied ${what} on context "${connection.contextName}".`
        : `Dry-run passed: the API server of context "${connection.contextName}" accepts ${what}.`);
    } else if (failed.length > 0) {
      const verb = outcome.mode === 'apply' ? 'Apply' : 'Dry-run';
      void vscode.window.showErrorMessage(`${verb} failed for ${where(failed[0])}${failed.length > 1 ? ` and ${failed.length - 1} more` : ''}: ${failed[0].message}`,
        'Show Problems').then((a) => { if (a) void vscode.commands.executeCommand('workbench.actions.view.problems'); });
    }
  }
}

function describe(document: KServeDocument): string {
  return `${document.kind.kind} "${document.name ?? '(no name)'}"`;
}
