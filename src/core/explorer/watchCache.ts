import { KubeObject, objectKey } from './resources';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T = KubeObject> {
  readonly type: WatchEventType;
  readonly object: T;
}

export type CacheChangeKind = 'added' | 'modified' | 'deleted';

export interface CacheChange<V> {
  readonly kind: CacheChangeKind;
  readonly key: string;
  readonly value: V;
}

interface Versioned {
  readonly resourceVersion?: string;
}

/**
 * The informer's store: a list, then watch events, folded into one map keyed by `<namespace>/<name>`.
 * Values are `project(object)`, so callers decide how much of each object to keep. Each object appears once, whatever
 * order or repetition the events arrive in; the cache's resourceVersion is where the next watch resumes.
 */
/** What the cache does with an object it cannot read: a stand-in value (shown with the reason), or skip it. */
export type ProjectionFailure<V> = (object: KubeObject, error: unknown) => V | undefined;

export class WatchCache<V extends Versioned> {
  private readonly items = new Map<string, V>();
  private version: string | undefined;

  /**
   * `project` may throw on an odd object; `failed` then decides what stands in for it, so one malformed object
   * never stops the others. Items without metadata (a `null` in a list) are skipped.
   */
  constructor(
    private readonly project: (object: KubeObject) => V,
    private readonly failed: ProjectionFailure<V> = () => undefined,
  ) {}

  get resourceVersion(): string | undefined {
    return this.version;
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): V | undefined {
    return this.items.get(key);
  }

  values(): V[] {
    return [...this.items.values()];
  }

  /** Replaces everything with a fresh list and reports what differs from before. */
  replace(objects: readonly KubeObject[], listResourceVersion: string | undefined): CacheChange<V>[] {
    const changes: CacheChange<V>[] = [];
    const seen = new Set<string>();
    for (const object of objects) {
      if (!hasIdentity(object)) continue;
      const key = objectKey(object.metadata);
      seen.add(key);
      const change = this.upsert(key, object, 'added');
      if (change) changes.push(change);
    }
    for (const [key, value] of this.items) {
      if (!seen.has(key)) {
        this.items.delete(key);
        changes.push({ kind: 'deleted', key, value });
      }
    }
    this.version = listResourceVersion;
    return changes;
  }

  /** Folds one watch event in; undefined when nothing visible changed (bookmark, duplicate or stale event). */
  apply(event: WatchEvent): CacheChange<V> | undefined {
    const object = event.object;
    const version = object?.metadata?.resourceVersion;
    if (event.type === 'ERROR' || !object || typeof object.metadata !== 'object' || object.metadata === null) return undefined;
    if (version) this.version = newer(this.version, version);
    if (event.type === 'BOOKMARK' || !hasIdentity(object)) return undefined;
    const key = objectKey(object.metadata);
    if (event.type === 'DELETED') {
      const value = this.items.get(key);
      if (!value) return undefined;
      this.items.delete(key);
      return { kind: 'deleted', key, value };
    }
    return this.upsert(key, object, 'modified');
  }

  private upsert(key: string, object: KubeObject, kindIfPresent: CacheChangeKind): CacheChange<V> | undefined {
    const existing = this.items.get(key);
    const version = object.metadata.resourceVersion;
    if (existing && version !== undefined && existing.resourceVersion !== undefined) {
      if (existing.resourceVersion === version || isOlder(version, existing.resourceVersion)) return undefined;
    }
    let value: V | undefined;
    try {
      value = this.project(object);
    } catch (error) {
      value = this.failed(object, error);
    }
    if (value === undefined) {
      if (!existing) return undefined;
      this.items.delete(key);
      return { kind: 'deleted', key, value: existing };
    }
    this.items.set(key, value);
    return { kind: existing ? kindIfPresent === 'added' ? 'modified' : kindIfPresent : 'added', key, value };
  }
}

/**
 * resourceVersions are opaque strings to clients, but etcd-backed servers hand out increasing integers. They are
 * compared only when both are plain integers, to drop an event older than what is already cached.
 */
function isOlder(candidate: string, current: string): boolean {
  if (!/^\d{1,15}$/.test(candidate) || !/^\d{1,15}$/.test(current)) return false;
  return Number(candidate) < Number(current);
}

function newer(current: string | undefined, candidate: string): string {
  return current !== undefined && isOlder(candidate, current) ? current : candidate;
}

/** A name to key the object by; list items that are not objects (or have no name) have none. */
function hasIdentity(object: unknown): object is KubeObject {
  const metadata = (object as { metadata?: unknown } | null)?.metadata as { name?: unknown } | null | undefined;
  return typeof metadata === 'object' && metadata !== null && typeof metadata.name === 'string' && metadata.name !== '';
}
