import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { ValidationResult } from '../../core/authoring/validator';
import { Commands } from '../../platform/commands';
import { Services } from '../../platform/services';
import { ActionOutcome, ClusterActions, ClusterMode } from './clusterActions';
import { ManifestCodeLensProvider, ManifestRef } from './codeLens';
import { ManifestCodeActionProvider, ManifestCompletionProvider, ManifestHoverProvider, YAML_SELECTOR } from './languageProviders';
import { SchemaSources } from './schemaSources';
import { ValidationController } from './validationController';
import { YamlPeers } from './yamlPeers';

export type { ManifestRef } from './codeLens';
export type { ActionOutcome } from './clusterActions';

export interface AuthoringApi {
  /** `bundled`, or `cluster <context>` when the connected cluster's CRDs are in use. */
  readonly schemaOrigin: string;
  /** Resolves once the schemas for the current setting and connection are loaded. */
  whenSchemasReady(): Promise<void>;
  /** Validates a document now and resolves with what was published for it. */
  validate(document: vscode.TextDocument): Promise<ValidationResult | undefined>;
  /** Dry-run or apply; `confirmed` skips the apply confirmation dialog. */
  runClusterAction(mode: ClusterMode, target: ManifestRef, options?: { confirmed?: boolean }): Promise<ActionOutcome | undefined>;
  /** Fires after an apply that the API server accepted. */
  readonly onDidApply: vscode.Event<ActionOutcome>;
}

type ManifestCommand = 'kserve.manifest.dryRun' | 'kserve.manifest.apply';

/** KServe manifest authoring: validation, lint and quick fixes, completion, hover, CodeLens, dry-run and apply. */
export class AuthoringFeature extends Disposable implements AuthoringApi {
  readonly commands: Commands<ManifestCommand>;
  private readonly sources: SchemaSources;
  private readonly validation: ValidationController;
  private readonly actions: ClusterActions;

  constructor(services: Services) {
    super();
    const { context, config, logger, kube } = services;
    this.sources = this._register(new SchemaSources(context.extensionPath, config, kube, logger));
    const peers = this._register(new YamlPeers(config));
    const workerFile = path.join(context.extensionPath, 'dist', 'validationWorker.js');
    this.validation = this._register(new ValidationController(this.sources, config, peers, logger, workerFile));
    this.actions = this._register(new ClusterActions(this.validation, kube, config, services));
    this.commands = {
      'kserve.manifest.dryRun': { title: 'KServe dry-run', run: (target) => this.actions.guarded('dryRun', target as ManifestRef | undefined) },
      'kserve.manifest.apply': { title: 'KServe apply', run: (target) => this.actions.guarded('apply', target as ManifestRef | undefined) },
    };
    const codeLenses = this._register(new ManifestCodeLensProvider(this.validation));
    this._register(vscode.languages.registerCodeLensProvider(YAML_SELECTOR, codeLenses));
    this._register(vscode.languages.registerCompletionItemProvider(YAML_SELECTOR, new ManifestCompletionProvider(this.sources, this.validation)));
    this._register(vscode.languages.registerHoverProvider(YAML_SELECTOR, new ManifestHoverProvider(this.sources, this.validation)));
    this._register(vscode.languages.registerCodeActionsProvider(YAML_SELECTOR, new ManifestCodeActionProvider(this.validation),
      ManifestCodeActionProvider.metadata));
    const updateContext = () => {
      const editor = vscode.window.activeTextEditor;
      const has = !!editor && (this.validation.resultFor(editor.document)?.documents.length ?? 0) > 0;
      void vscode.commands.executeCommand('setContext', 'kserve.editorHasManifest', has);
    };
    this._register(vscode.window.onDidChangeActiveTextEditor(updateContext));
    this._register(this.validation.onDidValidate((document) => {
      if (document === vscode.window.activeTextEditor?.document) updateContext();
    }));
  }

  get schemaOrigin(): string {
    return this.sources.current.origin;
  }

  whenSchemasReady(): Promise<void> {
    return this.sources.whenReady();
  }

  validate(document: vscode.TextDocument): Promise<ValidationResult | undefined> {
    return this.validation.validateNow(document);
  }

  runClusterAction(mode: ClusterMode, target: ManifestRef, options?: { confirmed?: boolean }): Promise<ActionOutcome | undefined> {
    return this.actions.guarded(mode, target, options);
  }

  get onDidApply(): vscode.Event<ActionOutcome> {
    return this.actions.onDidApply;
  }
}
