import * as vscode from 'vscode';
import { Disposable, Emitter } from '../core/lifecycle';
import { RESTRICTED_SETTINGS, trustedSettingValue } from '../core/trust';
import { EndpointSettingsInput } from '../core/translate/endpoint';
import { ProxySettings } from '../infra/http/dispatchers';

export type TranslateOutput = 'replace' | 'insertBelow' | 'newDocument';
export type CancelBehaviour = 'restore' | 'keepMarked';
export type SchemaSource = 'bundled' | 'cluster' | 'auto';

export interface EndpointSettings extends EndpointSettingsInput {
  caFile: string;
  insecureSkipTlsVerify: boolean;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
}

export interface TranslateSettings {
  output: TranslateOutput;
  onCancel: CancelBehaviour;
  maxTokens: number;
  maxConcurrency: number;
  /** The longest a whole translation may take. */
  deadlineMs: number;
  lastCustomTask: string;
  /** `namespace/name` of a service in the current context to use when none was chosen in this workspace. */
  defaultService: string;
}

export interface AuthoringSettings {
  validate: boolean;
  lint: boolean;
  maxFileSizeKb: number;
  schemaSource: SchemaSource;
  fieldManager: string;
}

export interface ExplorerSettings {
  pageSize: number;
}

const SECTION = 'kserve';

/** Typed, read-through view of the `kserve.*` settings. Values are read on access, so they are never stale. */
export class Config extends Disposable {
  private readonly changed = this._register(new Emitter<vscode.ConfigurationChangeEvent>());
  /** Fires when a `kserve.*` setting changes, and when the workspace becomes trusted (every restricted value may). */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.changed.fire(e);
      }),
    );
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire({ affectsConfiguration: () => true })));
  }

  private get raw(): Pick<vscode.WorkspaceConfiguration, 'get'> {
    const section = vscode.workspace.getConfiguration(SECTION);
    if (vscode.workspace.isTrusted) return section;
    return {
      get: <T>(key: string, fallback?: T) => (RESTRICTED_SETTINGS.has(key)
        ? trustedSettingValue(section.inspect<T>(key), false, fallback as T)
        : section.get<T>(key, fallback as T)),
    } as Pick<vscode.WorkspaceConfiguration, 'get'>;
  }

  get kubeconfigPath(): string {
    return this.raw.get<string>('kubeconfig', '').trim();
  }

  get logBodies(): boolean {
    return this.raw.get<boolean>('log.includeBodies', false);
  }

  get explorer(): ExplorerSettings {
    return { pageSize: clamp(this.raw.get<number>('explorer.pageSize', 500), 1, 5000) };
  }

  get endpoint(): EndpointSettings {
    const c = this.raw;
    return {
      url: c.get<string>('endpoint.url', '').trim(),
      hostHeader: c.get<string>('endpoint.hostHeader', '').trim(),
      model: c.get<string>('endpoint.model', 't5').trim() || 't5',
      ingressUrl: c.get<string>('ingress.url', '').trim(),
      caFile: c.get<string>('endpoint.caFile', '').trim(),
      insecureSkipTlsVerify: c.get<boolean>('endpoint.insecureSkipTlsVerify', false),
      connectTimeoutMs: clamp(c.get<number>('endpoint.connectTimeoutSeconds', 10), 1, 600) * 1000,
      idleTimeoutMs: clamp(c.get<number>('endpoint.idleTimeoutSeconds', 60), 1, 3600) * 1000,
    };
  }

  get translate(): TranslateSettings {
    const c = this.raw;
    return {
      output: c.get<TranslateOutput>('translate.output', 'replace'),
      onCancel: c.get<CancelBehaviour>('translate.onCancel', 'restore'),
      maxTokens: clamp(c.get<number>('translate.maxTokens', 256), 1, 512),
      maxConcurrency: clamp(c.get<number>('translate.maxConcurrency', 2), 1, 16),
      deadlineMs: clamp(c.get<number>('translate.deadlineSeconds', 600), 1, 86_400) * 1000,
      lastCustomTask: c.get<string>('translate.customTask', ''),
      defaultService: c.get<string>('translate.defaultService', '').trim(),
    };
  }

  get authoring(): AuthoringSettings {
    const c = this.raw;
    return {
      validate: c.get<boolean>('validation.enable', true),
      lint: c.get<boolean>('lint.enable', true),
      maxFileSizeKb: clamp(c.get<number>('validation.maxFileSizeKb', 2048), 16, 65536),
      schemaSource: c.get<SchemaSource>('schemas.source', 'auto'),
      fieldManager: c.get<string>('apply.fieldManager', 'kserve-toolkit').trim() || 'kserve-toolkit',
    };
  }

  /** VS Code's proxy settings (`http.*`), falling back to the usual environment variables. */
  get proxy(): ProxySettings | undefined {
    const http = vscode.workspace.getConfiguration('http');
    if (http.get<string>('proxySupport', 'override') === 'off') return undefined;
    const env = process.env;
    const url = http.get<string>('proxy', '').trim() || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || '';
    if (!url) return undefined;
    const envNoProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',');
    return { url, strictSSL: http.get<boolean>('proxyStrictSSL', true), noProxy: [...http.get<string[]>('noProxy', []), ...envNoProxy] };
  }

  /** Red Hat YAML's `yaml.validate`: whether it reports YAML syntax errors itself. */
  get walkthroughOnFirstRun(): boolean {
    return this.raw.get<boolean>('walkthrough.openOnFirstRun', true);
  }

  get yamlExtensionValidates(): boolean {
    return vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true) !== false;
  }

  update(key: string, value: unknown, target = vscode.ConfigurationTarget.Global): Thenable<void> {
    return vscode.workspace.getConfiguration(SECTION).update(key, value, target);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
