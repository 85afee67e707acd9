import { Backoff, BackoffOptions, DEFAULT_BACKOFF } from '../../core/explorer/backoff';
import { KubeObject, objectKey, ResourceType } from '../../core/explorer/resources';
import { CacheChange, WatchCache } from '../../core/explorer/watchCache';
import { isAbortError } from '../../core/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { errorFromFailure, KubeError } from './errors';
import { describeResources, KServeApi } from './kserveApi';

export type InformerState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'synced' }
  /** The connection dropped; cached items are the last known state until the watch resumes. */
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly retryAt: number; readonly error: KubeError }
  /** Retrying will not help (403, 401, 404): waits for `restart()`. */
  | { readonly kind: 'failed'; readonly error: KubeError };

export interface InformerOptions<V> {
  readonly api: KServeApi;
  readonly type: ResourceType;
  readonly namespace?: string;
  /** Only objects with these labels (`key=value,…`). */
  readonly labelSelector?: string;
  /** Lists and watches only metadata (PartialObjectMetadata). */
  readonly metadataOnly?: boolean;
  readonly project: (object: KubeObject) => V;
  /** Stands in for an object `project` could not read (it is logged); without it such objects are left out. */
  readonly unreadable?: (object: KubeObject, reason: string) => V;
  readonly pageSize: () => number;
  readonly logger: Logger;
  readonly backoff?: BackoffOptions;
  /** Seconds the server keeps one watch open; randomised per watch like client-go (default 300 to 600). */
  readonly watchTimeoutSeconds?: () => number;
}

const QUICK_END_MS = 1_000;
const DENIED_RETRIES = 3;

/**
 * List (paginated with limit/continue), then watch from the list's resourceVersion with bookmarks. A 410 Gone relists;
 * a dropped connection re-watches from the last resourceVersion after an exponential backoff with jitter.
 */
export class ResourceInformer<V extends { resourceVersion?: string }> extends Disposable {
  private readonly cache: WatchCache<V>;
  private readonly changed = this._register(new Emitter<readonly CacheChange<V>[]>());
  private readonly stateChanged = this._register(new Emitter<InformerState>());
  readonly onDidChange = this.changed.event;
  readonly onDidChangeState = this.stateChanged.event;
  private current: InformerState = { kind: 'idle' };
  private loop: AbortController | undefined;
  private loopSettled: Promise<InformerState> | undefined;
  private settleLoop: ((state: InformerState) => void) | undefined;
  private readonly backoff: Backoff;
  private readonly what: string;

  constructor(private readonly options: InformerOptions<V>) {
    super();
    this.cache = new WatchCache(options.project, (object, error) => {
      const reason = error instanceof Error ? error.message : String(error);
      const standIn = options.unreadable?.(object, reason);
      options.logger.warn(`${this.what}: cannot read ${objectKey(object.metadata)} (${reason}); ${standIn ? 'shown as Unknown' : 'left out'}`);
      return standIn;
    });
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
    this.what = describeResources(options.type, options.namespace);
  }

  get state(): InformerState {
    return this.current;
  }

  get resourceVersion(): string | undefined {
    return this.cache.resourceVersion;
  }

  values(): V[] {
    return this.cache.values();
  }

  get(key: string): V | undefined {
    return this.cache.get(key);
  }

  get running(): boolean {
    return this.loop !== undefined;
  }

  start(): void {
    if (this.loop || this.isDisposed) return;
    const loop = new AbortController();
    this.loop = loop;
    this.loopSettled = new Promise((resolve) => { this.settleLoop = resolve; });
    void this.run(loop.signal);
  }

  /** Stops watching and relists from scratch now (the refresh command, or a retry after a failure). */
  restart(): void {
    this.stop();
    this.backoff.reset();
    this.start();
  }

  stop(): void {
    this.loop?.abort();
    this.loop = undefined;
    this.settleLoop?.(this.current);
  }

  /**
   * Resolves once the current run's first list finished (synced), failed, or is waiting to reconnect; after
   * `restart()` that is the new list, not the old one.
   */
  whenSettled(): Promise<InformerState> {
    return this.loopSettled ?? Promise.resolve(this.current);
  }

  override dispose(): void {
    this.stop();
    super.dispose();
  }

  private async run(signal: AbortSignal): Promise<void> {
    let needList = true;
    let synced = false;
    let deniedRetries = 0;
    /** Watches in a row that ended in 410 Gone without an event: a server that keeps doing that gets a backoff. */
    let goneInARow = 0;
    if (this.current.kind !== 'synced') this.setState({ kind: 'loading' });
    while (!signal.aborted) {
      try {
        if (needList) {
          await this.list(signal);
          needList = false;
          synced = true;
          deniedRetries = 0;
          this.setState({ kind: 'synced' });
        }
        const started = Date.now();
        let events = 0;
        await this.options.api.watch(this.options.type, {
          namespace: this.options.namespace,
          labelSelector: this.options.labelSelector,
          metadataOnly: this.options.metadataOnly,
          resourceVersion: this.cache.resourceVersion,
          timeoutSeconds: this.options.watchTimeoutSeconds?.() ?? Math.round(300 + Math.random() * 300),
          signal,
          idleTimeoutMs: 11 * 60_000,
          onOpen: () => {
            deniedRetries = 0;
            this.setState({ kind: 'synced' });
          },
          onEvent: (event) => {
            events++;
            const change = this.cache.apply(event);
            if (change) this.changed.fire([change]);
          },
        });
        goneInARow = 0;
        if (events === 0 && Date.now() - started < QUICK_END_MS) await this.pause(signal, undefined);
        else this.backoff.reset();
      } catch (err) {
        if (signal.aborted || isAbortError(err)) return;
        const error = errorFromFailure(err, { verb: 'watch', what: this.what, server: this.options.api.server });
        if (!(error instanceof KubeError)) throw error;
        if (error.kind === 'gone') {
          this.options.logger.debug(`${this.what}: resourceVersion expired, listing again`);
          needList = true;
          if (goneInARow++ > 0) await this.pause(signal, undefined);
          continue;
        }
        // An API server that is still starting may refuse requests it will accept moments later: when access worked
        // before, a few retries come first.
        const transientDenial = synced && deniedRetries < DENIED_RETRIES && (error.kind === 'forbidden' || error.kind === 'unauthorized');
        if (transientDenial) deniedRetries++;
        if (error.needsUserAction && !transientDenial) {
          this.options.logger.warn(`${this.what}: ${error.message}`);
          this.clearCache();
          this.setState({ kind: 'failed', error });
          if (this.loop?.signal === signal) this.loop = undefined;
          return;
        }
        await this.pause(signal, error);
      }
    }
  }

  private async list(signal: AbortSignal): Promise<void> {
    const objects: KubeObject[] = [];
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const page = await this.options.api.list(this.options.type, {
        namespace: this.options.namespace, labelSelector: this.options.labelSelector, metadataOnly: this.options.metadataOnly,
        limit: this.options.pageSize(), continue: continueToken, signal,
      });
      for (const item of page.items ?? []) objects.push(item);
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion;
    } while (continueToken && !signal.aborted);
    const changes = this.cache.replace(objects, resourceVersion);
    if (changes.length > 0) this.changed.fire(changes);
  }

  private async pause(signal: AbortSignal, error: KubeError | undefined): Promise<void> {
    const delay = this.backoff.next();
    if (error) {
      this.options.logger.info(`${this.what}: ${error.message} Retrying in ${delay} ms (attempt ${this.backoff.attempt}).`);
      this.setState({ kind: 'reconnecting', attempt: this.backoff.attempt, retryAt: Date.now() + delay, error });
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }

  private clearCache(): void {
    const changes = this.cache.replace([], undefined);
    if (changes.length > 0) this.changed.fire(changes);
  }

  private setState(state: InformerState): void {
    if (state.kind === 'synced' || state.kind === 'failed' || state.kind === 'reconnecting') this.settleLoop?.(state);
    if (state.kind === this.current.kind && state.kind !== 'reconnecting' && state.kind !== 'failed') return;
    this.current = state;
    this.stateChanged.fire(state);
  }
}
