import * as vscode from 'vscode';
import { formatError } from '../../core/errors';
import { Disposable } from '../../core/lifecycle';
import { tokenScope } from '../../core/translate/endpoint';
import { EndpointService } from './endpointService';
import { TranslationController } from './translationController';

export const SELECT_TARGET_COMMAND = 'kserve.selectTranslationTarget' as const;

/** Shows the active translation target; clicking it opens the target menu. */
export class TargetStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('kserve.translateTarget', vscode.StatusBarAlignment.Right, 100));
  private generation = 0;

  constructor(
    private readonly endpoints: EndpointService,
    private readonly controller: TranslationController,
  ) {
    super();
    this.item.name = 'KServe Translation Target';
    this.item.command = SELECT_TARGET_COMMAND;
    this._register(endpoints.onDidChange(() => void this.update()));
    this._register(controller.onDidChangeRunning(() => void this.update()));
    void this.update();
    this.item.show();
  }

  /** The Markdown source of the tooltip shown now (for tests). */
  get tooltipMarkdown(): string {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
  }

  /** The text shown now (for tests and logs). */
  get text(): string {
    return this.item.text;
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const busy = this.controller.isRunning ? '$(sync~spin) ' : '';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown('**KServe translation target**\n\n');
    let text: string;
    try {
      const endpoint = this.endpoints.resolve();
      if (!endpoint) {
        text = `${busy || '$(circle-slash) '}KServe: no model chosen`;
        tooltip.appendMarkdown('No model: choose a service in the KServe explorer (**Use Service for Translation**), or set `kserve.endpoint.url`.\n\n');
      } else {
        const token = await this.endpoints.getToken(tokenScope(endpoint));
        if (generation !== this.generation) return;
        // The model service by name: any OpenAI-compatible KServe model can be the target, not only T5.
        text = `${busy || '$(globe) '}${endpoint.label}`;
        // Names and addresses come from settings and the cluster: appended as text, never as Markdown.
        const kind = endpoint.inferenceService?.kind ?? 'InferenceService';
        tooltip.appendMarkdown('From ').appendText(endpoint.source === 'inferenceService' ? `${kind} ${endpoint.label}` : 'endpoint settings');
        tooltip.appendMarkdown('\n\n- URL: ').appendText(endpoint.baseUrl);
        if (endpoint.hostHeader) tooltip.appendMarkdown('\n- Host: ').appendText(endpoint.hostHeader);
        tooltip.appendMarkdown('\n- Model: ').appendText(endpoint.model).appendMarkdown(`\n- Token: ${token ? 'stored' : 'none'}\n\n`);
      }
    } catch (err) {
      text = '$(warning) KServe: invalid endpoint';
      tooltip.appendText(formatError(err));
      tooltip.appendMarkdown('\n\n');
    }
    if (!vscode.workspace.isTrusted) tooltip.appendMarkdown('Restricted mode: endpoint settings from this workspace are ignored.\n\n');
    tooltip.appendMarkdown('Click to choose the target, set a token or test the endpoint.');
    this.item.text = text;
    this.item.tooltip = tooltip;
  }
}
