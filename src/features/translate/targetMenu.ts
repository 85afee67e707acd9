import * as vscode from 'vscode';
import { Diagnosis } from '../../core/explorer/diagnosis';
import type { Reach } from '../../app/explorer/reach';
import { formatError, isAbortError, UserFacingError } from '../../core/errors';
import { InferenceServiceTarget } from '../../core/target';
import { RequestStyle } from '../../core/kserve/openaiRoutes';
import { ServiceKind } from '../../core/kserve/serviceKinds';
import { describeInferenceFailure, describeModelCheck, modelNotServed, ModelNotServedError } from '../../core/translate/errorMapping';
import { HttpStatusError } from '../../core/translate/inferenceErrors';
import { modelsUrl, modelUrl, normalizeBaseUrl } from '../../core/translate/endpoint';
import { InferenceClient } from '../../infra/http/inferenceClient';
import { shownMessage } from '../../platform/errors';
import { Services } from '../../platform/services';
import { Connection } from '../../app/translate/connection';
import { EndpointService } from './endpointService';
import { failureContext } from '../../app/translate/translationRun';
import { ErrorReporter, ShownError } from './errorReporter';
import { SELECT_TARGET_COMMAND } from './statusBar';

/** What the explorer lends the translate feature: its services as targets, and why one is not Ready. */
export interface ServiceSource {
  inferenceServiceTargets(): Promise<readonly InferenceServiceTarget[]>;
  diagnose(target: InferenceServiceTarget): Promise<Diagnosis | undefined>;
  reach(target: InferenceServiceTarget): Promise<Reach | undefined>;
  findTarget(kind: ServiceKind, namespace: string, name: string): Promise<InferenceServiceTarget | undefined>;
}

export interface EndpointTestResult {
  readonly ok: boolean;
  /** What the test reached, e.g. "default/huggingface-t5". */
  readonly target?: string;
  /** `GET /openai/v1/models/{model}`, or a one-token completion when that route is missing. */
  readonly method?: 'models' | 'completion';
  readonly elapsedMs?: number;
  readonly error?: ShownError;
  /** The names the endpoint serves, when the model name was not among them. */
  readonly servedModels?: readonly string[];
}

export type TargetAction = 'chooseInferenceService' | 'configureUrl' | 'useSettings' | 'setToken' | 'test' | 'useModel' | 'useStyle';

const STYLES: Record<RequestStyle, { label: string; detail: string }> = {
  completions: { label: '$(symbol-text) Send as a Prompt', detail: 'POST …/v1/completions with the task and the text as one prompt' },
  chat: { label: '$(comment-discussion) Send as Chat Messages', detail: 'POST …/v1/chat/completions: the task as the instruction, the text as the user message' },
};

/** The status bar menu and the commands behind it: choose the target, set its token, test it. */
export class TargetMenu {
  /** Lent by the explorer through the composition root. */
  explorer: ServiceSource | undefined;

  constructor(
    private readonly services: Services,
    private readonly endpoints: EndpointService,
    private readonly client: InferenceClient,
    private readonly errors: ErrorReporter,
  ) {}

  /** `value` is the model name for `useModel`, the request style for `useStyle`. */
  async pickAction(preset?: TargetAction, value?: string): Promise<void> {
    const action = preset ?? (await this.askAction());
    switch (action) {
      case 'useModel':
        return value ? this.useModel(value) : undefined;
      case 'useStyle':
        return value === 'chat' || value === 'completions' ? this.useStyle(value) : undefined;
      case 'chooseInferenceService':
        return this.chooseInferenceService();
      case 'configureUrl':
        return this.configureUrl();
      case 'useSettings':
        return this.endpoints.choose(undefined);
      case 'setToken':
        return this.setToken();
      case 'test':
        await this.test();
        return;
    }
  }

  async setToken(value?: string): Promise<void> {
    try {
      const connection = await this.endpoints.connect();
      const token =
        typeof value === 'string'
          ? value
          : await vscode.window.showInputBox({
              title: 'KServe: Set Endpoint Token',
              prompt: `Bearer token for ${connection.scope}. It is stored in VS Code's secret storage and sent only to this endpoint. Leave empty to remove it.`,
              password: true,
              ignoreFocusOut: true,
            });
      if (token === undefined) return;
      await this.endpoints.setToken(connection.scope, token.trim() || undefined);
      this.services.logger.info(`${token.trim() ? 'Stored' : 'Removed'} the endpoint token for ${connection.scope}`);
      if (typeof value !== 'string') {
        void vscode.window.showInformationMessage(`KServe: ${token.trim() ? 'Token stored' : 'Token removed'} for ${connection.scope}.`);
      }
    } catch (err) {
      this.errors.show('Set Endpoint Token', err);
    }
  }

  /** Checks that the target answers: its model readiness route, else a one-token completion. */
  async test(override?: InferenceServiceTarget, quiet = false): Promise<EndpointTestResult> {
    let connection: Connection | undefined;
    try {
      connection = await this.endpoints.connect(override);
      const ready = connection;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `KServe: Testing ${ready.endpoint.label}`, cancellable: true },
        (_progress, token) => this.probe(ready, token),
      );
      const message = `KServe: ${ready.endpoint.label} is ready: model "${ready.endpoint.model}" answered in ${result.elapsedMs.toFixed(0)} ms.`;
      this.services.logger.info(message);
      if (!quiet) void vscode.window.showInformationMessage(message);
      return { ok: true, target: ready.endpoint.label, ...result };
    } catch (err) {
      if (isAbortError(err)) return { ok: false, target: connection?.endpoint.label };
      const mapped = connection ? describeInferenceFailure(err, failureContext(connection)) : err;
      if (connection && mapped instanceof ModelNotServedError) {
        const error = quiet ? { message: shownMessage(this.services, 'Test Endpoint', mapped), code: mapped.code } : this.offerServedModel(mapped);
        return { ok: false, target: connection.endpoint.label, error, servedModels: mapped.served };
      }
      return { ok: false, target: connection?.endpoint.label, error: this.errors.show('Test Endpoint', await this.withDiagnosis(mapped, override)) };
    }
  }

  /** Adds why the InferenceService is not Ready to a failed test's message, when the explorer knows. */
  private async withDiagnosis(err: unknown, override: InferenceServiceTarget | undefined): Promise<unknown> {
    const target = override ?? this.endpoints.chosenInferenceService;
    if (!target || !this.explorer || !(err instanceof UserFacingError)) return err;
    const diagnosis = await this.explorer.diagnose(target).catch(() => undefined);
    if (!diagnosis) return err;
    return new UserFacingError(`${err.message} ${target.namespace}/${target.name} is not Ready: ${diagnosis.summary}.`, err.code,
      `${err.detail ?? ''} ${diagnosis.detail}`.trim(), { cause: err });
  }

  /** Shows which models the endpoint serves, with a button to use each of the first few. */
  private offerServedModel(err: ModelNotServedError): ShownError {
    const shown = { message: shownMessage(this.services, 'Test Endpoint', err), code: err.code };
    this.services.logger.warn(`${shown.message}${err.detail ? ` (${err.detail})` : ''}`);
    const choices = err.served.slice(0, 3).map((name) => `Use "${name}"`);
    void vscode.window.showWarningMessage(`KServe: ${shown.message}`, ...choices).then((picked) => {
      const model = picked ? err.served[choices.indexOf(picked)] : undefined;
      if (model !== undefined) void vscode.commands.executeCommand(SELECT_TARGET_COMMAND, { action: 'useModel', model });
    });
    return shown;
  }

  /** Sends requests to `model` from now on: on the chosen InferenceService, or in kserve.endpoint.model. */
  private async useModel(model: string): Promise<void> {
    const chosen = this.endpoints.chosenInferenceService;
    if (chosen) await this.endpoints.choose({ ...chosen, model });
    else await this.services.config.update('endpoint.model', model);
    this.services.logger.info(`Using model "${model}" for ${chosen ? `${chosen.namespace}/${chosen.name}` : 'the endpoint settings'}`);
  }

  /** Sends selections to the chosen service as a prompt or as chat messages. */
  private async useStyle(style: RequestStyle): Promise<void> {
    const chosen = this.endpoints.chosenInferenceService;
    if (!chosen) throw new UserFacingError('Choose a service as the translation target first.', 'noEndpoint');
    await this.endpoints.choose({ ...chosen, style });
    this.services.logger.info(`Sending selections to ${chosen.namespace}/${chosen.name} ${style === 'chat' ? 'as chat messages' : 'as a prompt'}`);
  }

  private async probe(connection: Connection, token: vscode.CancellationToken): Promise<{ method: 'models' | 'completion'; elapsedMs: number }> {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    if (!modelUrl(connection.address)) return this.probeByList(connection, abort.signal);
    try {
      const { elapsedMs } = await this.client.checkModel(connection.address, connection.transport, abort.signal);
      return { method: 'models', elapsedMs };
    } catch (err) {
      if (err instanceof HttpStatusError && err.status === 503) {
        const served = await this.client.listModels(connection.address, connection.transport, abort.signal).catch(() => undefined);
        throw describeModelCheck(err, served, failureContext(connection, modelUrl(connection.address)));
      }
      // Servers without the OpenAI models route answer a bare 404; a one-token completion still proves the endpoint works.
      if (!(err instanceof HttpStatusError && err.status === 404 && !/model/i.test(err.message))) throw err;
    }
    const started = performance.now();
    const pieces = this.client.streamCompletion(connection.address, connection.transport, { prompt: 'translate English to German: Hello.', maxTokens: 1 }, abort.signal);
    for await (const _piece of pieces) {
      // Draining the stream checks it ends with [DONE].
    }
    return { method: 'completion', elapsedMs: performance.now() - started };
  }

  /** Servers without a readiness route (vLLM): the model must be among those `GET /v1/models` lists. */
  private async probeByList(connection: Connection, signal: AbortSignal): Promise<{ method: 'models'; elapsedMs: number }> {
    const started = performance.now();
    const served = await this.client.listModels(connection.address, connection.transport, signal);
    const url = modelsUrl(connection.address);
    if (!served.includes(connection.address.model)) {
      throw modelNotServed(served, failureContext(connection, url), `${url} lists ${served.map((s) => `"${s}"`).join(', ') || 'nothing'}`);
    }
    return { method: 'models', elapsedMs: performance.now() - started };
  }

  private async askAction(): Promise<TargetAction | undefined> {
    type Item = vscode.QuickPickItem & { action: TargetAction };
    const chosen = this.endpoints.chosenInferenceService;
    let current = 'no endpoint';
    try {
      current = this.endpoints.resolve()?.label ?? current;
    } catch (err) {
      current = formatError(err);
    }
    const items: Item[] = [
      { action: 'chooseInferenceService', label: '$(server-process) Choose a Service…', description: 'an InferenceService or LLMInferenceService from the KServe explorer' },
      { action: 'configureUrl', label: '$(link) Set Endpoint URL…', description: 'kserve.endpoint.url' },
      ...(chosen ? [{ action: 'useSettings' as const, label: '$(settings-gear) Use Endpoint Settings', description: `instead of ${chosen.namespace}/${chosen.name}` }] : []),
      ...(chosen?.kind === 'LLMInferenceService' ? [{ action: 'useStyle' as const, ...STYLES[chosen.style === 'chat' ? 'completions' : 'chat'] }] : []),
      { action: 'setToken', label: '$(key) Set Endpoint Token…', description: 'stored in secret storage' },
      { action: 'test', label: '$(pulse) Test Endpoint', description: 'GET /openai/v1/models/{model}' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `KServe translation target: ${current}`, placeHolder: 'Choose an action' });
    if (picked?.action === 'useStyle') {
      await this.useStyle(chosen?.style === 'chat' ? 'completions' : 'chat');
      return undefined;
    }
    return picked?.action;
  }

  private async chooseInferenceService(): Promise<void> {
    const list = this.explorer ? await this.explorer.inferenceServiceTargets().catch((err: unknown) => {
      this.services.logger.warn(`Could not list InferenceServices: ${formatError(err)}`);
      return [];
    }) : [];
    if (list.length === 0) {
      await vscode.commands.executeCommand('kserve.explorer.focus');
      void vscode.window.showInformationMessage('KServe: Choose a T5 InferenceService in the KServe explorer and use it for translation.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      list.map((target) => ({
        label: target.name, description: `${target.namespace} · ${target.kind ?? 'InferenceService'} · ${target.context}`, detail: target.url || 'no URL yet', target,
      })),
      { title: 'KServe: Translate with a service', matchOnDescription: true },
    );
    if (!picked) return;
    if (picked.target.kind !== 'LLMInferenceService') {
      await this.endpoints.choose(picked.target);
      return;
    }
    const style = await vscode.window.showQuickPick(
      (['completions', 'chat'] as const).map((s) => ({ label: STYLES[s].label, detail: STYLES[s].detail, style: s })),
      { title: `KServe: How to send selections to ${picked.target.name}`, placeHolder: 'Chat messages suit chat and instruction-tuned models' },
    );
    if (style) await this.endpoints.choose({ ...picked.target, style: style.style });
  }

  private async configureUrl(): Promise<void> {
    const url = await vscode.window.showInputBox({
      title: 'KServe: Endpoint URL',
      prompt: 'Base URL of a T5 InferenceService (for example http://localhost:8080 after kubectl port-forward).',
      value: this.endpoints.settings().url,
      ignoreFocusOut: true,
      validateInput: (value) => {
        if (value.trim() === '') return undefined;
        try {
          normalizeBaseUrl(value, 'The URL');
          return undefined;
        } catch (err) {
          return err instanceof UserFacingError ? err.message : String(err);
        }
      },
    });
    if (url === undefined) return;
    await this.services.config.update('endpoint.url', url.trim());
    if (this.endpoints.chosenInferenceService && url.trim()) await this.endpoints.choose(undefined);
  }
}
