import { KubeObject, ResourceType } from '../../core/explorer/resources';
import { Disposable, Emitter } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { KubeError } from '../../infra/kube/errors';
import { ResourceInformer } from '../../infra/kube/informer';
import { KServeApi } from '../../infra/kube/kserveApi';

interface Placed {
  readonly namespace: string;
  readonly resourceVersion?: string;
}

/** What is known about which namespaces hold KServe objects. */
export type Occupancy =
  | { readonly kind: 'loading' }
  /** Every kind could be listed across the cluster. */
  | { readonly kind: 'known'; readonly namespaces: ReadonlySet<string> }
  /** A kind could not be listed across the cluster (RBAC, or a failing list): only the namespaces the user can see can be shown. */
  | { readonly kind: 'denied'; readonly error: KubeError };

/**
 * Which namespaces hold KServe objects: one cluster-wide list and watch per namespaced kind, of metadata only, so
 * that the tree can leave out the namespaces that hold none. Fires when that set of namespaces changes.
 */
export class NamespaceOccupancy extends Disposable {
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly informers = new Map<string, ResourceInformer<Placed>>();
  private signature = '';
  /** Kinds whose list succeeded at least once: before that, a retrying list tells nothing. */
  private readonly listed = new Set<string>();
  /** The namespaces each kind's objects are in, recounted only when objects come or go (a MODIFIED event moves none). */
  private readonly held = new Map<string, ReadonlySet<string>>();

  constructor(private readonly api: KServeApi, private readonly logger: Logger, private readonly pageSize: () => number) {
    super();
  }

  /** Starts watching `types` (idempotent per kind). */
  watch(types: readonly ResourceType[]): void {
    for (const type of types) {
      if (this.informers.has(type.kind)) continue;
      const informer = this._register(new ResourceInformer<Placed>({
        api: this.api, type, metadataOnly: true, logger: this.logger, pageSize: this.pageSize,
        project: (object: KubeObject) => ({ namespace: object.metadata.namespace ?? '', resourceVersion: object.metadata.resourceVersion }),
      }));
      const recount = () => this.held.set(type.kind, new Set(informer.values().map((v) => v.namespace)));
      informer.onDidChange((changes) => {
        if (changes.every((c) => c.kind === 'modified')) return;
        recount();
        this.check();
      });
      informer.onDidChangeState(() => {
        if (informer.state.kind === 'synced') this.listed.add(type.kind);
        recount();
        this.check();
      });
      this.informers.set(type.kind, informer);
      informer.start();
    }
  }

  async whenSettled(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.whenSettled()));
  }

  get state(): Occupancy {
    const informers = [...this.informers];
    if (informers.length === 0 || informers.some(([, i]) => i.state.kind === 'loading' || i.state.kind === 'idle')) return { kind: 'loading' };
    for (const [kind, informer] of informers) {
      const state = informer.state;
      if (state.kind === 'failed' || (state.kind === 'reconnecting' && !this.listed.has(kind))) return { kind: 'denied', error: state.error };
    }
    return { kind: 'known', namespaces: new Set([...this.held.values()].flatMap((namespaces) => [...namespaces])) };
  }

  /** Whether `namespace` holds objects of `kind`; undefined when that is not known. */
  holds(kind: string, namespace: string): boolean | undefined {
    const informer = this.informers.get(kind);
    const state = informer?.state.kind;
    if (!informer || (state !== 'synced' && state !== 'reconnecting')) return undefined;
    return this.held.get(kind)?.has(namespace) ?? false;
  }

  relist(): void {
    for (const informer of this.informers.values()) informer.restart();
  }

  private check(): void {
    const state = this.state;
    // Per kind, so that a namespace's first ServingRuntime brings its group in too.
    const signature = state.kind !== 'known' ? state.kind
      : [...this.held].map(([kind, namespaces]) => `${kind}:${[...namespaces].sort().join(',')}`).join(';');
    if (signature === this.signature) return;
    this.signature = signature;
    if (state.kind === 'denied') this.logger.info(`Cannot list KServe objects across the cluster, so every namespace is shown: ${state.error.message}`);
    this.changed.fire();
  }
}
