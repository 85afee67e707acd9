import * as vscode from 'vscode';
import { KnownSecrets, Logger } from '../core/logger';
import { KubeSession } from '../infra/kube/session';
import { Config } from './config';

/** What the composition root hands to every feature. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly logger: Logger;
  /** Token values in use: redacted from every log line and message. */
  readonly secrets: KnownSecrets;
  readonly config: Config;
  /** The kubeconfig and the cluster context in use (shared by the explorer and manifest apply). */
  readonly kube: KubeSession;
}
