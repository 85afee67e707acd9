import * as vscode from 'vscode';
import { formatEventList, newestFirst, serviceEvents, summarizeEvent } from '../../core/explorer/events';
import { liveManifestYaml } from '../../core/explorer/manifest';
import { podSelector } from '../../core/explorer/pods';
import { RESOURCES } from '../../core/explorer/resources';
import { isServiceKind, ServiceKind } from '../../core/kserve/serviceKinds';
import { formatError } from '../../core/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { ExplorerModel } from '../../app/explorer/explorerModel';

export const MANIFEST_SCHEME = 'kserve-manifest';
export const EVENTS_SCHEME = 'kserve-events';

export interface ServiceRef {
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  /** Whose manifest or events (default an InferenceService; `Pod` for one pod's events). */
  readonly kind?: ServiceKind | 'Pod';
}

const kindQuery = (ref: ServiceRef): Record<string, string> => (ref.kind && ref.kind !== 'InferenceService' ? { kind: ref.kind } : {});

/** `kserve-manifest:/<namespace>/<name>.yaml?context=<context>`: the title is the file name, the language YAML. */
export function manifestUri(ref: ServiceRef): vscode.Uri {
  const query = new URLSearchParams({ context: ref.context, ...kindQuery(ref) });
  return vscode.Uri.from({ scheme: MANIFEST_SCHEME, path: `/${ref.namespace}/${ref.name}.yaml`, query: query.toString() });
}

export function eventsUri(ref: ServiceRef): vscode.Uri {
  const query = new URLSearchParams({ context: ref.context, ...kindQuery(ref) });
  return vscode.Uri.from({ scheme: EVENTS_SCHEME, path: `/${ref.namespace}/${ref.name} events.log`, query: query.toString() });
}

export function parseServiceUri(uri: vscode.Uri): ServiceRef | undefined {
  const match = /^\/([^/]+)\/(.+?)(?:\.yaml| events\.log)$/.exec(uri.path);
  const query = new URLSearchParams(uri.query);
  const context = query.get('context');
  const asked = query.get('kind');
  const kind = asked === 'Pod' || isServiceKind(asked) ? asked : 'InferenceService';
  return match && context ? { context, namespace: match[1], name: match[2], kind } : undefined;
}

/**
 * Read-only virtual documents with the live manifest and the Kubernetes events of a service. They are fetched when
 * opened and again whenever the explorer sees the service change, so an open manifest never shows stale YAML.
 */
export class ServiceDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new Emitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly model: ExplorerModel) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(MANIFEST_SCHEME, this));
    this._register(vscode.workspace.registerTextDocumentContentProvider(EVENTS_SCHEME, this));
    this._register(model.onDidChangeData((change) => {
      if (change.kind === 'isvc' || change.kind === 'namespace') this.refreshOpen(change.namespace, change.kind === 'isvc' ? change.name : undefined);
    }));
    this._register({ dispose: () => this.pending.forEach((t) => clearTimeout(t)) });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = parseServiceUri(uri);
    if (!ref) return `# ${uri.toString()} is not a KServe document.\n`;
    const cluster = this.model.cluster;
    if (!cluster || cluster.contextName !== ref.context) {
      return `# ${ref.namespace}/${ref.name} belongs to context "${ref.context}". Switch the KServe explorer to that context to see it live.\n`;
    }
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    try {
      if (uri.scheme === EVENTS_SCHEME && ref.kind === 'Pod') {
        const events = (await cluster.api.events({ kind: 'Pod', namespace: ref.namespace, name: ref.name }, abort.signal)).map(summarizeEvent);
        return formatEventList(`Events of pod ${ref.namespace}/${ref.name} (context ${ref.context}), newest first`, newestFirst(events));
      }
      const kind = ref.kind === 'Pod' || !ref.kind ? 'InferenceService' : ref.kind;
      if (uri.scheme === EVENTS_SCHEME) {
        const [all, pods] = await Promise.all([
          cluster.api.namespaceEvents(ref.namespace, abort.signal),
          cluster.api.list(RESOURCES.pods, { namespace: ref.namespace, labelSelector: podSelector(ref.name, kind), signal: abort.signal }),
        ]);
        const events = serviceEvents(all.map(summarizeEvent), ref.name, (pods.items ?? []).map((p) => p.metadata.name), kind);
        return formatEventList(`Events of ${kind} ${ref.namespace}/${ref.name}, its pods and what KServe made for it ` +
          `(context ${ref.context}), newest first`, events);
      }
      const object = await cluster.api.get(cluster.serviceType(kind), ref.namespace, ref.name, abort.signal);
      return `# Live manifest (read-only) of ${kind} ${ref.namespace}/${ref.name}, context ${ref.context}.\n` +
        '# It updates when the service changes. To change it, use "KServe: Edit a Copy of the Manifest".\n' + liveManifestYaml(object);
    } catch (err) {
      return `# Could not read ${ref.namespace}/${ref.name}: ${formatError(err)}\n`;
    } finally {
      subscription.dispose();
    }
  }

  private refreshOpen(namespace: string, name: string | undefined): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== MANIFEST_SCHEME && document.uri.scheme !== EVENTS_SCHEME) continue;
      const ref = parseServiceUri(document.uri);
      if (!ref || ref.namespace !== namespace || (name && ref.name !== name)) continue;
      const key = document.uri.toString();
      clearTimeout(this.pending.get(key));
      this.pending.set(key, setTimeout(() => {
        this.pending.delete(key);
        this.changed.fire(document.uri);
      }, 250));
    }
  }
}
