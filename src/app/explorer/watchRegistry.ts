import { Disposable } from '../../core/lifecycle';
import { InformerState, ResourceInformer } from '../../infra/kube/informer';

interface Entry<V extends { resourceVersion?: string }> {
  readonly informer: ResourceInformer<V>;
  releaseTimer?: NodeJS.Timeout;
}

/**
 * Informers by key, created when something becomes visible and disposed a grace period after it is hidden again,
 * so that collapsing a namespace frees its watch and cache while quick collapse/expand toggles do not relist.
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

  /** Starts (or keeps) the informer for `key` and cancels a pending release. */
  acquire(key: string): ResourceInformer<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { informer: this.create(key) };
      this.entries.set(key, entry);
    }
    clearTimeout(entry.releaseTimer);
    entry.releaseTimer = undefined;
    entry.informer.start();
    return entry.informer;
  }

  release(key: string, graceMs = this.graceMs): void {
    const entry = this.entries.get(key);
    if (!entry || entry.releaseTimer) return;
    entry.releaseTimer = setTimeout(() => this.drop(key), graceMs);
  }

  releaseAll(graceMs = this.graceMs): void {
    for (const key of this.entries.keys()) this.release(key, graceMs);
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
    if (!entry) return;
    clearTimeout(entry.releaseTimer);
    this.entries.delete(key);
    entry.informer.dispose();
    this.onDrop(key);
  }
}
