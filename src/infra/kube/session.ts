import { KubeConfig } from '@kubernetes/client-node';
import { Disposable, Emitter } from '../../core/lifecycle';

export interface ClusterConnection {
  readonly contextName: string;
  readonly namespace: string;
  readonly kubeConfig: KubeConfig;
}

/**
 * The user's kubeconfig and the context in use. Every feature that talks to a cluster reads `current`
 * and listens to `onDidChangeConnection`.
 */
export class KubeSession extends Disposable {
  private readonly changed = this._register(new Emitter<ClusterConnection | undefined>());
  readonly onDidChangeConnection = this.changed.event;
  private connection: ClusterConnection | undefined;

  get current(): ClusterConnection | undefined {
    return this.connection;
  }

  protected setConnection(connection: ClusterConnection | undefined): void {
    this.connection = connection;
    this.changed.fire(connection);
  }
}
