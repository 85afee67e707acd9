import * as vscode from 'vscode';
import { Services } from '../../platform/services';

export type TranslateApi = object;

export function activateTranslate(services: Services): TranslateApi & vscode.Disposable {
  services.logger.debug('translate feature ready');
  return { dispose: () => undefined };
}
