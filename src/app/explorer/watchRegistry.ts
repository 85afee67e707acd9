import { Disposable, IDisposable } from '../../core/lifecycle';
import { InformerState, ResourceInformer } from '../../infra/kube/informer';

/** One holder's claim on an informer; disposing it lets the informer go once nobody else holds it. */
export interface Lease extends IDisposable {
  /** Resolves once the informer's current list settled. */
  whenSettled(): Promise<InformerState>;
  /** Releases with a grace period other than the registry's. */
  release(graceMs: number): void;
}

export interface WatchLease<V extends { resourceVersion?: string }> extends Lease {
  readonly informer: ResourceInformer<V>;
}

/** The leases one holder keeps by id (the tree, one per expanded node): taken on first show, given back on hide. */
export class HeldLeases {
  private readonly held = new Map<string, Lease>();

  /** Holds the lease for `id` (acquiring it the first time) and resolves once its informer's list settled. */
  hold(id: string, acquire: () => Lease): Promise<InformerState> {
    let lease = this.held.get(id);
    if (!lease) {
      lease = acquire();
      this.held.set(id, lease);
    }
    return lease.whenSettled();
  }

  drop(id: string): void {
    this.held.get(id)?.dispose();
    this.held.delete(id);
  }

  /** Gives every lease back after `graceMs`, e.g. while the view is hidden. */
  dropAll(graceMs: number): void {
    for (const lease of this.held.values()) lease.release(graceMs);
    this.held.clear();
  }
}

interface Entry<V extends { resourceVersion?: string }> {
  readonly informer: ResourceInformer<V>;
  holders: number;
  releaseTimer?: NodeJS.Timeout;
}

/**
 * Informers by key, shared by everyone who holds a lease on them: created on the first lease, and disposed a grace
 * period after the last lease is released, so that collapsing a namespace frees its watch and cache while a quick
 * collapse and expand does not relist, and one holder's release never stops another's watch.
 */
export class WatchRegistry<V extends { resourceVersion?: string }> extends Disposable {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly create: (key: string) => ResourceInformer<V>,
    private readonly graceMs: number,
    private readonly onDrop: (key: string) => void = () => undefined,
  ) {
    super();
  }

  get(key: string): ResourceInformer<V> | undefined {
    return this.entries.get(key)?.informer;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  informers(): ResourceInformer<V>[] {
    return [...this.entries.values()].map((e) => e.informer);
  }

  state(key: string): InformerState {
    return this.entries.get(key)?.informer.state ?? { kind: 'idle' };
  }

  /** How many leases are held on `key` now. */
  holders(key: string): number {
    return this.entries.get(key)?.holders ?? 0;
  }

  /** Starts (or keeps) the informer for `key` and cancels a pending drop. */
  acquire(key: string): WatchLease<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { informer: this.create(key), holders: 0 };
      this.entries.set(key, entry);
    }
    clearTimeout(entry.releaseTimer);
    entry.releaseTimer = undefined;
    entry.holders++;
    entry.informer.start();
    const held = entry;
    let released = false;
    const release = (graceMs: number) => {
      if (released) return;
      released = true;
      if (--held.holders === 0 && this.entries.get(key) === held) held.releaseTimer = setTimeout(() => this.drop(key), graceMs);
    };
    return { informer: held.informer, whenSettled: () => held.informer.whenSettled(), release, dispose: () => release(this.graceMs) };
  }

  restartAll(): void {
    for (const entry of this.entries.values()) entry.informer.restart();
  }

  override dispose(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.releaseTimer);
      entry.informer.dispose();
    }
    this.entries.clear();
    super.dispose();
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry || entry.holders > 0) return;
    clearTimeout(entry.releaseTimer);
    this.entries.delete(key);
    entry.informer.dispose();
    this.onDrop(key);
  }
}
