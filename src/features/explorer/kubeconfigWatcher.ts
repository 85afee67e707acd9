import path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../../core/lifecycle';
import { Logger } from '../../core/logger';
import { KubeSession } from '../../infra/kube/session';

const RELOAD_DELAY_MS = 500;

/**
 * Reloads the session when a kubeconfig file changes (a cloud CLI logging in again, `kubectl config` edits), or
 * appears where none was found.
 */
export class KubeconfigWatcher extends Disposable {
  private watchers: vscode.FileSystemWatcher[] = [];
  private watched = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly session: KubeSession, private readonly logger: Logger) {
    super();
    this._register(session.onDidChangeConnection(() => this.update()));
    this._register({ dispose: () => { clearTimeout(this.timer); this.watchers.forEach((w) => w.dispose()); } });
    this.update();
  }

  private update(): void {
    const files = this.session.files;
    const key = [...files].sort().join('\n');
    if (key === this.watched) return;
    this.watched = key;
    this.watchers.forEach((w) => w.dispose());
    this.watchers = files.map((file) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      const changed = () => this.scheduleReload(file);
      watcher.onDidChange(changed);
      watcher.onDidCreate(changed);
      watcher.onDidDelete(changed);
      return watcher;
    });
  }

  private scheduleReload(file: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.logger.info(`${file} changed: reloading the kubeconfig`);
      this.session.reload();
    }, RELOAD_DELAY_MS);
  }
}
