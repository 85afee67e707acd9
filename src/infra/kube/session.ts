import { KubeConfig } from '@kubernetes/client-node';
import { UserFacingError } from '../../core/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { KServeApi } from './kserveApi';
import { configForContext, contextProblem, kubeconfigFiles, KubeconfigLoad, KubeconfigSources, loadKubeconfig } from './kubeconfig';

export interface ClusterConnection {
  readonly contextName: string;
  readonly namespace: string;
  /** Bound to `contextName`. */
  readonly kubeConfig: KubeConfig;
}

/** What the last load of the kubeconfig found; `invalid` also covers a context that cannot be used. */
export type KubeconfigStatus =
  | { readonly kind: 'loaded'; readonly files: readonly string[]; readonly contexts: readonly string[] }
  | { readonly kind: 'missing'; readonly searched: readonly string[] }
  | { readonly kind: 'invalid'; readonly files: readonly string[]; readonly message: string };

export interface KubeSessionOptions {
  /** Read on every reload, so a changed setting or environment is picked up. */
  readonly sources?: () => KubeconfigSources;
  /** Context to use instead of the kubeconfig's current-context (e.g. the one the user picked last time). */
  readonly preferredContext?: () => string | undefined;
}

/**
 * The user's kubeconfig and the context in use. Every feature that talks to a cluster reads `current`
 * and listens to `onDidChangeConnection`. The kubeconfig file itself is never written: switching context here only
 * changes what this extension uses.
 */
export class KubeSession extends Disposable {
  private readonly changed = this._register(new Emitter<ClusterConnection | undefined>());
  readonly onDidChangeConnection = this.changed.event;
  private connection: ClusterConnection | undefined;
  private merged: KubeConfig | undefined;
  private status: KubeconfigStatus = { kind: 'missing', searched: [] };
  private currentApi: KServeApi | undefined;
  /** The kubeconfig is read on first use: activating the extension for a YAML file must not parse it. */
  private loaded = false;

  constructor(private readonly options: KubeSessionOptions = {}) {
    super();
    this._register({ dispose: () => this.currentApi?.dispose() });
  }

  get current(): ClusterConnection | undefined {
    this.ensureLoaded();
    return this.connection;
  }

  /** The kubeconfig files the sources name (read or not), without reading them. */
  get files(): string[] {
    return kubeconfigFiles(this.sources());
  }

  /** The API of the context in use: one client per context, replaced (and the old one closed) when it changes. */
  get api(): KServeApi | undefined {
    this.ensureLoaded();
    if (!this.connection) return undefined;
    if (this.currentApi?.connection !== this.connection) {
      this.currentApi?.dispose();
      this.currentApi = new KServeApi(this.connection);
    }
    return this.currentApi;
  }

  get kubeconfig(): KubeconfigStatus {
    this.ensureLoaded();
    return this.status;
  }

  get contexts(): readonly string[] {
    this.ensureLoaded();
    return this.merged?.getContexts().map((c) => c.name) ?? [];
  }

  /** The server URL of a context, for pickers. */
  serverOf(contextName: string): string | undefined {
    this.ensureLoaded();
    const context = this.merged?.getContextObject(contextName);
    return context ? this.merged?.getCluster(context.cluster)?.server : undefined;
  }

  /** Reads the kubeconfig files again; keeps the context in use when it still exists. Always fires. */
  reload(): void {
    const keep = this.connection?.contextName;
    this.load(keep);
    this.changed.fire(this.connection);
  }

  /** Switches to another context of the loaded kubeconfig. */
  useContext(contextName: string): void {
    this.ensureLoaded();
    if (!this.merged) throw new UserFacingError('No kubeconfig is loaded: pick a kubeconfig file first.', 'noKubeconfig');
    const problem = contextProblem(this.merged, contextName);
    if (problem) throw new UserFacingError(problem, 'badContext');
    if (this.status.kind === 'invalid') this.status = { kind: 'loaded', files: this.status.files, contexts: this.contexts };
    this.setConnection(this.connect(this.merged, contextName));
  }

  protected setConnection(connection: ClusterConnection | undefined): void {
    this.connection = connection;
    this.changed.fire(connection);
  }

  private ensureLoaded(): void {
    if (!this.loaded && this.options.sources) this.load();
  }

  private sources(): KubeconfigSources {
    return this.options.sources?.() ?? { settingPath: '', kubeconfigEnv: process.env.KUBECONFIG };
  }

  private load(keepContext?: string): void {
    this.loaded = true;
    const load: KubeconfigLoad = loadKubeconfig(kubeconfigFiles(this.sources()));
    this.merged = undefined;
    this.connection = undefined;
    if (load.kind !== 'loaded') {
      this.status = load;
      return;
    }
    this.merged = load.config;
    const candidates = [keepContext, this.options.preferredContext?.(), load.config.getCurrentContext(), load.contexts[0]];
    const contextName = candidates.find((c): c is string => !!c && load.contexts.includes(c)) ?? load.contexts[0];
    const problem = contextProblem(load.config, contextName);
    if (problem) {
      this.status = { kind: 'invalid', files: load.files, message: problem };
      return;
    }
    this.status = { kind: 'loaded', files: load.files, contexts: load.contexts };
    this.connection = this.connect(load.config, contextName);
  }

  private connect(merged: KubeConfig, contextName: string): ClusterConnection {
    const kubeConfig = configForContext(merged, contextName);
    return { contextName, namespace: merged.getContextObject(contextName)?.namespace || 'default', kubeConfig };
  }
}
