import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable, Emitter, Event } from '../../core/lifecycle';
import { effectiveSchemaSource } from '../../core/trust';
import { formatError, isAbortError } from '../../core/errors';
import { Logger } from '../../core/logger';
import { SchemaSet } from '../../core/authoring/schemaSet';
import { generateSchemas, JsonSchema, SchemaIndex } from '../../core/authoring/schemas';
import type { KServeApi } from '../../infra/kube/kserveApi';
import type { ClusterConnection } from '../../infra/kube/session';
import { Config } from '../../platform/config';

const CORE_DESCRIPTIONS_TIMEOUT_MS = 15_000;

/** What the authoring feature needs from the kube session. */
export interface ConnectionSource {
  readonly api: KServeApi | undefined;
  readonly onDidChangeConnection: Event<ClusterConnection | undefined>;
}

/**
 * The schemas in use: the bundled ones, or, per `kserve.schemas.source`, the connected cluster's KServe CRDs (with
 * descriptions borrowed from the bundled schemas), so the installed KServe version decides.
 */
export class SchemaSources extends Disposable {
  private readonly changed = this._register(new Emitter<SchemaSet>());
  readonly onDidChange = this.changed.event;
  private bundledSet: SchemaSet | undefined;
  /** Undefined until first needed: a YAML file without KServe documents never loads a schema. */
  private active: SchemaSet | undefined;
  private loading: AbortController | undefined;
  private ready: Promise<void> = Promise.resolve();

  constructor(private readonly extensionPath: string, private readonly config: Config, private readonly kube: ConnectionSource, private readonly logger: Logger) {
    super();
    this._register(config.onDidChange((e) => { if (this.active && e.affectsConfiguration('kserve.schemas.source')) this.refresh(); }));
    this._register(kube.onDidChangeConnection(() => this.active && this.refresh()));
    this._register({ dispose: () => this.loading?.abort() });
  }

  get bundled(): SchemaSet {
    this.bundledSet ??= loadBundled(path.join(this.extensionPath, 'schemas'));
    return this.bundledSet;
  }

  get current(): SchemaSet {
    if (!this.active) {
      this.active = this.bundled;
      this.refresh();
    }
    return this.active;
  }

  /** Resolves once the schemas for the current setting and connection are in place. */
  whenReady(): Promise<void> {
    void this.current;
    return this.ready;
  }

  private refresh(): void {
    this.loading?.abort();
    const source = effectiveSchemaSource(this.config.authoring.schemaSource, vscode.workspace.isTrusted);
    const api = source === 'bundled' ? undefined : this.kube.api;
    if (!api) {
      if (source === 'cluster') this.logger.info('kserve.schemas.source is "cluster" but no cluster is connected: using the bundled schemas');
      this.use(this.bundled);
      this.ready = Promise.resolve();
      return;
    }
    const controller = new AbortController();
    this.loading = controller;
    this.ready = this.loadFromCluster(api, controller.signal).then(
      (set) => { if (!controller.signal.aborted) this.use(set ?? this.bundled); },
      (err) => {
        if (controller.signal.aborted || isAbortError(err)) return;
        this.logger.warn(`Could not read KServe CRDs from context ${api.contextName}: ${formatError(err)}. Using the bundled schemas.`);
        this.use(this.bundled);
      },
    );
  }

  private async loadFromCluster(api: KServeApi, signal: AbortSignal): Promise<SchemaSet | undefined> {
    const started = Date.now();
    // Core types' descriptions (containers, probes, affinity) are a bonus: never wait long for them.
    const core = api.openApiV2(AbortSignal.any([signal, AbortSignal.timeout(CORE_DESCRIPTIONS_TIMEOUT_MS)]))
      .catch((err) => { this.logger.debug(`No core type descriptions from ${api.contextName}: ${formatError(err)}`); return undefined; });
    const crds = await api.kserveCrds(signal);
    if (crds.length === 0) {
      this.logger.info(`Context ${api.contextName} has no KServe CRDs: using the bundled schemas`);
      return undefined;
    }
    const described = (kind: string) => (this.bundled.kindInfo(kind) ? this.bundled.schema(kind) : undefined);
    const { index, schemas } = generateSchemas(crds, { core: await core }, described);
    this.logger.info(`Using the KServe schemas of context ${api.contextName} (${index.kinds.map((k) => k.kind).join(', ')}) ` +
      `read in ${Date.now() - started} ms`);
    return new SchemaSet(index, (info) => schemas.get(info.file), `cluster ${api.contextName}`);
  }

  private use(set: SchemaSet): void {
    if (set === this.active) return;
    this.active = set;
    this.changed.fire(set);
  }
}

function loadBundled(dir: string): SchemaSet {
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as SchemaIndex;
  return new SchemaSet(index, (info) => JSON.parse(fs.readFileSync(path.join(dir, info.file), 'utf8')) as JsonSchema);
}
