import { ServiceKind } from '../../core/kserve/serviceKinds';
import { objectKey, ResourceType } from '../../core/explorer/resources';
import { IsvcSummary } from '../../core/explorer/summary';
import { CacheChange } from '../../core/explorer/watchCache';
import { Disposable } from '../../core/lifecycle';
import { InformerState, ResourceInformer } from '../../infra/kube/informer';
import { Lease, WatchRegistry } from './watchRegistry';

export interface ServiceWatchOptions {
  readonly releaseGraceMs: number;
  /** The informer of one kind's services in one namespace. */
  readonly informer: (type: ResourceType, namespace: string, onChange: (changes: readonly CacheChange<IsvcSummary>[]) => void, onState: () => void) => ResourceInformer<IsvcSummary>;
  readonly onNamespace: (namespace: string) => void;
  readonly onService: (namespace: string, name: string, kind: ServiceKind) => void;
}

/**
 * The InferenceServices and LLMInferenceServices of each namespace someone looks at: one informer per kind and
 * namespace, both held by one lease. LLMInferenceServices are watched only once the cluster said at which version.
 */
export class ServiceWatches extends Disposable {
  private readonly registries = new Map<ServiceKind, WatchRegistry<IsvcSummary>>();
  private readonly types = new Map<ServiceKind, ResourceType>();

  constructor(private readonly options: ServiceWatchOptions) {
    super();
  }

  /** Watches `kind` at `type` from now on (e.g. LLMInferenceServices once their served version is known). */
  serve(kind: ServiceKind, type: ResourceType): void {
    if (this.types.has(kind)) return;
    this.types.set(kind, type);
    this.registries.set(kind, this._register(new WatchRegistry(
      (namespace) => this.options.informer(type, namespace, (changes) => this.fire(namespace, kind, changes), () => this.options.onNamespace(namespace)),
      this.options.releaseGraceMs,
      (namespace) => this.options.onNamespace(namespace),
    )));
  }

  typeOf(kind: ServiceKind): ResourceType | undefined {
    return this.types.get(kind);
  }

  /** A lease on every kind's services in the namespace, or on the kinds `only` names. */
  acquire(namespace: string, only?: (kind: ServiceKind) => boolean): Lease {
    const leases = [...this.registries].filter(([kind]) => !only || only(kind)).map(([, r]) => r.acquire(namespace));
    return {
      whenSettled: async () => (await Promise.all(leases.map((l) => l.whenSettled())))[0] ?? { kind: 'idle' },
      release: (graceMs) => leases.forEach((l) => l.release(graceMs)),
      dispose: () => leases.forEach((l) => l.dispose()),
    };
  }

  /**
   * The InferenceService list decides the namespace's state (its errors are the namespace's); the other kinds only
   * hold it at "loading" until they settle, and their failures are theirs alone.
   */
  state(namespace: string): InformerState {
    const [first, ...others] = [...this.registries.values()].map((r) => r.state(namespace));
    if (!first) return { kind: 'idle' };
    if (first.kind === 'synced' && others.some((s) => s.kind === 'loading')) return { kind: 'loading' };
    return first;
  }

  /** Why a kind other than InferenceService could not be listed in the namespace, if it could not. */
  failure(namespace: string, kind: ServiceKind): InformerState | undefined {
    const state = this.registries.get(kind)?.state(namespace);
    return state?.kind === 'failed' ? state : undefined;
  }

  namespaces(): string[] {
    return [...new Set([...this.registries.values()].flatMap((r) => r.keys()))];
  }

  /** Both kinds, by name, InferenceServices first for equal names. */
  list(namespace: string): IsvcSummary[] {
    return [...this.registries.values()].flatMap((r) => r.get(namespace)?.values() ?? [])
      .sort((a, b) => a.name.localeCompare(b.name) || a.kind.localeCompare(b.kind));
  }

  get(namespace: string, name: string, kind: ServiceKind): IsvcSummary | undefined {
    return this.registries.get(kind)?.get(namespace)?.get(objectKey({ namespace, name }));
  }

  informers(): ResourceInformer<IsvcSummary>[] {
    return [...this.registries.values()].flatMap((r) => r.informers());
  }

  restart(namespace: string): void {
    for (const registry of this.registries.values()) registry.get(namespace)?.restart();
  }

  restartAll(): void {
    for (const registry of this.registries.values()) registry.restartAll();
  }

  private fire(namespace: string, kind: ServiceKind, changes: readonly CacheChange<IsvcSummary>[]): void {
    if (changes.some((c) => c.kind !== 'modified')) {
      this.options.onNamespace(namespace);
      return;
    }
    for (const change of changes) this.options.onService(namespace, change.value.name, kind);
  }
}
