import * as vscode from 'vscode';
import { UserFacingError } from '../../core/errors';
import { ErrorEdge, showError, shownMessage } from '../../platform/errors';

/** An error message as it was shown to the user. */
export interface ShownError {
  readonly message: string;
  readonly code: string;
}

type Action = 'Choose InferenceService' | 'Set Endpoint URL' | 'Set Token' | 'Open Settings' | 'Show Log';

const SETTINGS_QUERY: Record<string, string> = {
  modelNotFound: 'kserve.endpoint.model',
  contextTooLong: 'kserve.translate.maxTokens',
  maxTokensOutOfRange: 'kserve.translate.maxTokens',
  timeout: 'kserve.endpoint',
  tlsFailure: 'kserve.endpoint',
  caFileUnreadable: 'kserve.endpoint.caFile',
  deadlineExceeded: 'kserve.translate.deadlineSeconds',
};

function actionsFor(code: string): Action[] {
  switch (code) {
    case 'noEndpoint':
      return ['Choose InferenceService', 'Set Endpoint URL'];
    case 'unauthorized':
    case 'forbidden':
      return ['Set Token'];
    case 'modelNotFound':
      return ['Open Settings', 'Choose InferenceService'];
    case 'connectionRefused':
    case 'dnsFailure':
    case 'routeNotFound':
    case 'invalidEndpoint':
    case 'notEventStream':
      return ['Set Endpoint URL', 'Show Log'];
    case 'emptySelection':
    case 'busy':
      return [];
    default:
      return SETTINGS_QUERY[code] ? ['Open Settings', 'Show Log'] : ['Show Log'];
  }
}

/** Shows errors at command edges with actions that lead to the fix, and remembers the last one shown. */
export class ErrorReporter {
  private last: ShownError | undefined;

  constructor(private readonly edge: ErrorEdge) {}

  get lastError(): ShownError | undefined {
    return this.last;
  }

  /** Logs and shows `err` (without waiting for the user), and returns the message as shown. */
  show(context: string, err: unknown): ShownError {
    const code = err instanceof UserFacingError ? err.code : 'unknown';
    const shown = { message: shownMessage(this.edge, context, err), code };
    this.last = shown;
    void showError(this.edge, context, err, ...actionsFor(code)).then((action) => action && this.run(action, code));
    return shown;
  }

  private async run(action: Action, code: string): Promise<void> {
    switch (action) {
      case 'Choose InferenceService':
        await vscode.commands.executeCommand('kserve.selectTranslationTarget', { action: 'chooseInferenceService' });
        return;
      case 'Set Endpoint URL':
        await vscode.commands.executeCommand('kserve.selectTranslationTarget', { action: 'configureUrl' });
        return;
      case 'Set Token':
        await vscode.commands.executeCommand('kserve.setEndpointToken');
        return;
      case 'Open Settings':
        await vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_QUERY[code] ?? 'kserve.endpoint');
        return;
      case 'Show Log':
        await vscode.commands.executeCommand('kserve.showLog');
        return;
    }
  }
}
