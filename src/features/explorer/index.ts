import * as vscode from 'vscode';
import { Services } from '../../platform/services';

export type ExplorerApi = object;

export function activateExplorer(services: Services): ExplorerApi & vscode.Disposable {
  services.logger.debug('explorer feature ready');
  return { dispose: () => undefined };
}
