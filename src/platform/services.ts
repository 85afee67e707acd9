import * as vscode from 'vscode';
import { Logger } from '../core/logger';
import { Config } from './config';

/** What the composition root hands to every feature. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly logger: Logger;
  readonly config: Config;
}
