import * as vscode from 'vscode';
import { formatError } from '../../core/errors';
import { Disposable, Emitter } from '../../core/lifecycle';
import { ExplorerModel } from '../../app/explorer/explorerModel';

export const LOGS_SCHEME = 'kserve-logs';

export interface LogRequest {
  readonly context: string;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly follow: boolean;
  readonly previous: boolean;
  readonly tailLines?: number;
  readonly timestamps: boolean;
}

/** What a log tab keeps: the newest text up to this size; older text is dropped, and the tab says so. */
export const KEPT_LOG_CHARS = 2 * 1024 * 1024;
const READ_LIMIT_BYTES = 8 * 1024 * 1024;
const UPDATE_MS = 200;

/** `kserve-logs:/<namespace>/<pod>/<container>.log?context=…&follow=1&previous=1&tail=500&timestamps=1` */
export function logsUri(request: LogRequest): vscode.Uri {
  const query = new URLSearchParams({ context: request.context });
  if (request.follow) query.set('follow', '1');
  if (request.previous) query.set('previous', '1');
  if (request.tailLines !== undefined) query.set('tail', String(request.tailLines));
  if (request.timestamps) query.set('timestamps', '1');
  return vscode.Uri.from({ scheme: LOGS_SCHEME, path: `/${request.namespace}/${request.pod}/${request.container}.log`, query: query.toString() });
}

export function parseLogsUri(uri: vscode.Uri): LogRequest | undefined {
  const match = /^\/([^/]+)\/([^/]+)\/(.+)\.log$/.exec(uri.path);
  const query = new URLSearchParams(uri.query);
  const context = query.get('context');
  if (!match || !context) return undefined;
  const tail = query.get('tail');
  return {
    context, namespace: match[1], pod: match[2], container: match[3], follow: query.get('follow') === '1',
    previous: query.get('previous') === '1', tailLines: tail ? Number(tail) : undefined, timestamps: query.get('timestamps') === '1',
  };
}

interface OpenLog {
  /** Seen in a tab: from then on, no tab showing it means it was closed. */
  shown?: boolean;
  text: string;
  dropped: boolean;
  abort: AbortController;
  ended?: string;
  timer?: NodeJS.Timeout;
}

/**
 * Read-only tabs with a container's log, read through the API server. A followed log keeps streaming into its tab
 * until the tab closes; only the newest text is kept, so a chatty server never slows the editor down.
 */
export class LogDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changed = this._register(new Emitter<vscode.Uri>());
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, OpenLog>();

  constructor(private readonly model: ExplorerModel) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(LOGS_SCHEME, this));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.close(document.uri)));
    // VS Code keeps a closed tab's document for a while: a followed log stops when its last tab goes.
    this._register(vscode.window.tabGroups.onDidChangeTabs(() => this.closeHidden()));
    this._register({ dispose: () => [...this.open.keys()].forEach((key) => this.close(vscode.Uri.parse(key))) });
  }

  provideTextDocumentContent(uri: vscode.Uri): string | Promise<string> {
    const existing = this.open.get(uri.toString());
    if (existing) return render(existing, parseLogsUri(uri));
    const request = parseLogsUri(uri);
    if (!request) return `# ${uri.toString()} is not a KServe log.\n`;
    const cluster = this.model.cluster;
    if (!cluster || cluster.contextName !== request.context) {
      return `# ${request.pod} belongs to context "${request.context}". Switch the KServe explorer to that context to read its logs.\n`;
    }
    const entry: OpenLog = { text: '', dropped: false, abort: new AbortController() };
    this.open.set(uri.toString(), entry);
    const ref = { namespace: request.namespace, pod: request.pod, container: request.container };
    const options = { tailLines: request.tailLines, previous: request.previous, timestamps: request.timestamps, limitBytes: READ_LIMIT_BYTES };
    if (!request.follow) {
      return cluster.api.logs(ref, { ...options, signal: entry.abort.signal }).then(
        (text) => { this.append(entry, text); return render(entry, request); },
        (err: unknown) => `# Could not read the logs of ${request.pod}/${request.container}: ${formatError(err)}\n`,
      ).finally(() => this.open.delete(uri.toString()));
    }
    void cluster.api.followLogs(ref, { ...options, signal: entry.abort.signal, onText: (text) => { this.append(entry, text); this.schedule(uri, entry); } })
      .then(() => { entry.ended = 'The log ended (the container stopped).'; }, (err: unknown) => { entry.ended = `Following stopped: ${formatError(err)}`; })
      .finally(() => this.schedule(uri, entry));
    return render(entry, request);
  }

  private append(entry: OpenLog, text: string): void {
    entry.text += text;
    if (entry.text.length > KEPT_LOG_CHARS) {
      const cut = entry.text.indexOf('\n', entry.text.length - KEPT_LOG_CHARS);
      entry.text = entry.text.slice(cut >= 0 ? cut + 1 : entry.text.length - KEPT_LOG_CHARS);
      entry.dropped = true;
    }
  }

  private schedule(uri: vscode.Uri, entry: OpenLog): void {
    entry.timer ??= setTimeout(() => {
      entry.timer = undefined;
      this.changed.fire(uri);
    }, UPDATE_MS);
  }

  private closeHidden(): void {
    const shown = new Set(vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : undefined)));
    for (const [key, entry] of this.open) {
      if (shown.has(key)) entry.shown = true;
      else if (entry.shown) this.close(vscode.Uri.parse(key));
    }
  }

  private close(uri: vscode.Uri): void {
    const entry = this.open.get(uri.toString());
    if (!entry) return;
    entry.abort.abort();
    clearTimeout(entry.timer);
    this.open.delete(uri.toString());
  }
}

function render(entry: OpenLog, request: LogRequest | undefined): string {
  const what = request ? `${request.namespace}/${request.pod}, container ${request.container}${request.previous ? ' (previous instance)' : ''}` : '';
  const head = [`# Logs of ${what}${request?.follow ? ', following' : ''}.`];
  if (entry.dropped) head.push(`# Older lines were dropped: this tab keeps the newest ${KEPT_LOG_CHARS / 1024 / 1024} MiB.`);
  const tail = entry.ended ? `\n# ${entry.ended}\n` : '';
  return `${head.join('\n')}\n${entry.text}${entry.text && !entry.text.endsWith('\n') ? '\n' : ''}${tail}`;
}
