import * as vscode from 'vscode';
import { describePlanned, DeployChoices, PlannedObject, planObjects } from '../../core/deploy/plan';
import { readReview, reviewYaml } from '../../core/deploy/review';
import { formatError, isAbortError, UserFacingError } from '../../core/errors';
import { statusLabel } from '../../core/explorer/status';
import { translationTarget } from '../../core/explorer/summary';
import { Disposable, Emitter } from '../../core/lifecycle';
import { InferenceServiceTarget } from '../../core/target';
import { Deployment, followToReady } from '../../app/deploy/deployment';
import { ExplorerModel } from '../../app/explorer/explorerModel';
import { Commands } from '../../platform/commands';
import { Services } from '../../platform/services';
import { chooseModel, chooseNamespace, chooseToken, DeployArgs, StepCancelled, stepTitle } from './steps';

export type { DeployArgs } from './steps';

/** What guided deploy needs from the other features; the composition root passes them in. */
export interface DeployHooks {
  readonly useForTranslation: (target: InferenceServiceTarget) => Promise<unknown>;
  readonly testEndpoint: (target: InferenceServiceTarget) => Promise<{ ok: boolean }>;
}

export interface DeployOutcome {
  readonly status: 'ready' | 'cancelled' | 'failed';
  /** `InferenceService team-a/huggingface-t5`, … as written (created or updated). */
  readonly written: readonly string[];
  /** What a cancel took back, and what it could not. */
  readonly removed?: readonly string[];
  readonly left?: readonly string[];
  readonly tested?: boolean;
  readonly message?: string;
}

export const SAMPLE_TEXT = 'The house is wonderful.';

const ACTION_LABELS = { openManifest: 'Open Manifest', showLogs: 'Show Logs', showEvents: 'Show Events' } as const;

export interface DeployApi {
  run(args: DeployArgs): Promise<DeployOutcome>;
  /** What a Cancel on the deploy's progress does. */
  cancel(): void;
}

/** KServe: Deploy a Model…, after KServe's T5 guide: each step checked against the cluster, then follow to Ready. */
export class DeployFeature extends Disposable implements DeployApi {
  readonly commands: Commands<'kserve.deployModel'>;
  private running: AbortController | undefined;
  private readonly wrote = this._register(new Emitter<DeployOutcome>());
  /** Fires once a guided deploy has written its objects and the service is Ready. */
  readonly onDidDeploy = this.wrote.event;

  constructor(private readonly services: Services, private readonly model: ExplorerModel, private readonly hooks: DeployHooks) {
    super();
    this.commands = { 'kserve.deployModel': { title: 'Deploy a Model', run: (args) => this.run((args ?? {}) as DeployArgs) } };
    this._register({ dispose: () => this.running?.abort() });
  }

  /** Stops a deploy that is applying or following its service, which takes back what it created. */
  cancel(): void {
    this.running?.abort(new DOMException('The deploy was cancelled.', 'AbortError'));
  }

  async run(args: DeployArgs): Promise<DeployOutcome> {
    let review: vscode.TextDocument | undefined;
    try {
      const cluster = await this.cluster(args);
      const namespace = await chooseNamespace(cluster, args);
      const model = await chooseModel(cluster, namespace, args);
      const token = await chooseToken(cluster, namespace, args);
      if (token.token) this.services.secrets.add(token.token);
      const choices: DeployChoices = { namespace, ...model, tokenSecret: token.tokenSecret, storageContainer: token.storageContainer };
      const planned = planObjects(choices, token.token);
      review = await vscode.workspace.openTextDocument({ language: 'yaml', content: reviewYaml(planned) });
      await vscode.window.showTextDocument(review, { preview: false });
      const objects = await this.reviewStep(review, planned, args);
      if (!objects) return { status: 'cancelled', written: [], message: 'Nothing was created.' };
      return await this.deploy(objects, choices, args);
    } catch (err) {
      if (err instanceof StepCancelled) return { status: 'cancelled', written: [], message: 'Nothing was created.' };
      throw err;
    }
  }

  private async cluster(args: DeployArgs) {
    if (args.context && args.context !== this.model.cluster?.contextName) await this.model.useContext(args.context);
    else if (!args.context) {
      const contexts = this.model.session.contexts;
      const current = this.model.cluster?.contextName;
      if (contexts.length > 1) {
        const picked = await vscode.window.showQuickPick([current, ...contexts.filter((c) => c !== current)].filter((c): c is string => !!c),
          { title: stepTitle(1, 'Kubernetes context'), ignoreFocusOut: true });
        if (!picked) throw new StepCancelled();
        if (picked !== current) await this.model.useContext(picked);
      }
    }
    const state = await this.model.connected();
    const cluster = this.model.cluster;
    if (!cluster || state.kind !== 'ready') throw new UserFacingError('Guided deploy needs a cluster with KServe: the explorer is not connected to one.', 'notConnected');
    return cluster;
  }

  /** Step 4: the manifests in an editor, validated like any other; Dry-run as often as wanted, then Deploy. */
  private async reviewStep(document: vscode.TextDocument, planned: PlannedObject[], args: DeployArgs): Promise<PlannedObject[] | undefined> {
    const secret = planned.filter((p) => p.kind === 'Secret');
    for (;;) {
      const choice = args.review === 'cancel' ? undefined : args.review === 'deploy' ? 'Dry-run and Deploy'
        : await vscode.window.showInformationMessage(stepTitle(4, 'review the manifests in the editor'), 'Dry-run', 'Deploy');
      if (!choice) return undefined;
      const read = readReview(document.getText());
      if ('problem' in read) throw new UserFacingError(read.problem, 'yamlErrors');
      const objects = [...secret, ...read.objects];
      if (choice === 'Deploy') return objects;
      const results = await new Deployment(this.model.cluster!, this.services.logger, this.services.config.authoring.fieldManager).dryRun(objects);
      const failed = results.filter((r) => r.error);
      if (failed.length > 0) {
        throw new UserFacingError(`Dry-run: the API server refused ${failed.map((r) => `${describePlanned(r.planned)} (${r.error})`).join('; ')}.`, 'deployFailed');
      }
      this.services.logger.info(`Dry-run of ${objects.map(describePlanned).join(', ')}: accepted`);
      if (args.review === 'deploy') return objects;
      void vscode.window.setStatusBarMessage('KServe: the dry-run was accepted', 5000);
    }
  }

  /** Steps 5 and 6: apply, follow to Ready (with the diagnosis when it stalls), then make it the target and test it. */
  private async deploy(objects: PlannedObject[], choices: DeployChoices, args: DeployArgs): Promise<DeployOutcome> {
    const cluster = this.model.cluster!;
    const deployment = new Deployment(cluster, this.services.logger, this.services.config.authoring.fieldManager);
    const abort = new AbortController();
    this.running = abort;
    const written = () => deployment.written.map((w) => describePlanned(w.planned));
    try {
      const service = await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification, cancellable: true, title: stepTitle(5, `deploying ${choices.namespace}/${choices.name}`),
      }, async (progress, token) => {
        token.onCancellationRequested(() => this.cancel());
        progress.report({ message: 'applying…' });
        await deployment.apply(objects, abort.signal);
        let lastDiagnosis = '';
        return followToReady(cluster, choices.namespace, choices.name, {
          signal: abort.signal,
          onStatus: (summary) => {
            progress.report({ message: summary ? statusLabel(summary.status) : 'waiting for the controller…' });
            if (!summary || summary.status.phase === 'Ready' || summary.status.phase === 'InProgress' || summary.status.phase === 'Unknown') return;
            void this.model.diagnose(cluster.contextName, choices.namespace, choices.name).then((diagnosis) => {
              if (!diagnosis || diagnosis.summary === lastDiagnosis) return;
              lastDiagnosis = diagnosis.summary;
              progress.report({ message: diagnosis.summary });
              this.services.logger.warn(`${choices.namespace}/${choices.name} is not Ready yet: ${diagnosis.summary}`);
              // The diagnosis row's own next step, run the way its row in the tree runs it.
              const node = { kind: 'diagnosis', context: cluster.contextName, namespace: choices.namespace, name: choices.name, serviceKind: 'InferenceService', diagnosis };
              const button = diagnosis.action ? ACTION_LABELS[diagnosis.action.kind] : undefined;
              void vscode.window.showWarningMessage(`KServe: ${choices.name} is not Ready: ${diagnosis.summary}. ${diagnosis.detail}`, ...(button ? [button] : []))
                .then((picked) => picked && vscode.commands.executeCommand('kserve.explorer.runDiagnosisAction', node));
            });
          },
        });
      });
      const target = translationTarget(cluster.contextName, service);
      await this.hooks.useForTranslation(target);
      const tested = await this.hooks.testEndpoint(target);
      this.services.logger.info(`Deployed ${written().join(', ')}: Ready${tested.ok ? ', and it answered' : ''}`);
      this.wrote.fire({ status: 'ready', written: written(), tested: tested.ok });
      if (args.translateSample) await this.offerSample(args);
      else void this.offerSample(args);
      return { status: 'ready', written: written(), tested: tested.ok };
    } catch (err) {
      if (!isAbortError(err) && !abort.signal.aborted) {
        const message = `Deploy stopped: ${formatError(err)}. ${written().length ? `Written so far: ${written().join(', ')}.` : 'Nothing was created.'}`;
        void vscode.window.showErrorMessage(`KServe: ${message}`);
        return { status: 'failed', written: written(), message };
      }
      const created = deployment.written.filter((w) => w.created).map((w) => describePlanned(w.planned));
      const left = await deployment.rollback();
      const message = `Deploy cancelled: ${created.length ? `deleted ${created.join(', ')}` : 'nothing was created'}${left.length ? `; could not delete ${left.join(', ')}` : ''}.`;
      void vscode.window.showInformationMessage(`KServe: ${message}`);
      return { status: 'cancelled', written: [], removed: created.filter((c) => !left.some((l) => l.startsWith(c))), left, message };
    } finally {
      if (this.running === abort) this.running = undefined;
    }
  }

  /** Step 6's last part: a sample sentence, translated on request. */
  private async offerSample(args: DeployArgs): Promise<void> {
    const go = args.translateSample ?? (await vscode.window.showInformationMessage(
      'KServe: the model is Ready and is the translation target.', 'Translate a Sample')) === 'Translate a Sample';
    if (!go) return;
    const document = await vscode.workspace.openTextDocument({ content: SAMPLE_TEXT, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(document.positionAt(0), document.positionAt(SAMPLE_TEXT.length));
    await vscode.commands.executeCommand('kserve.translateSelection');
  }
}
