import * as vscode from 'vscode';
import { Services } from '../../platform/services';

export type AuthoringApi = object;

export function activateAuthoring(services: Services): AuthoringApi & vscode.Disposable {
  services.logger.debug('authoring feature ready');
  return { dispose: () => undefined };
}
