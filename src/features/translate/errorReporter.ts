import * as vscode from 'vscode';
import { ErrorAction, ErrorCode, errorCodeInfo } from '../../core/errorCodes';
import { UserFacingError } from '../../core/errors';
import { ErrorEdge, showError, shownMessage } from '../../platform/errors';

/** An error message as it was shown to the user. */
export interface ShownError {
  readonly message: string;
  readonly code: ErrorCode;
}

const LABELS: Record<ErrorAction, string> = {
  chooseInferenceService: 'Choose InferenceService',
  setEndpointUrl: 'Set Endpoint URL',
  setToken: 'Set Token',
  openSettings: 'Open Settings',
  showLog: 'Show Log',
};

/** Shows errors at command edges with actions that lead to the fix, and remembers the last one shown. */
export class ErrorReporter {
  private last: ShownError | undefined;

  constructor(private readonly edge: ErrorEdge) {}

  get lastError(): ShownError | undefined {
    return this.last;
  }

  /** Logs and shows `err` (without waiting for the user), and returns the message as shown. */
  show(context: string, err: unknown): ShownError {
    const code: ErrorCode = err instanceof UserFacingError ? err.code : 'unknown';
    const shown = { message: shownMessage(this.edge, context, err), code };
    this.last = shown;
    const info = errorCodeInfo(code);
    const labels = info.actions.map((action) => LABELS[action]);
    void showError(this.edge, context, err, ...labels).then((label) => {
      const action = info.actions.find((a) => LABELS[a] === label);
      if (action) return run(action, info.setting);
    });
    return shown;
  }
}

async function run(action: ErrorAction, setting: string | undefined): Promise<void> {
  switch (action) {
    case 'chooseInferenceService':
      await vscode.commands.executeCommand('kserve.selectTranslationTarget', { action: 'chooseInferenceService' });
      return;
    case 'setEndpointUrl':
      await vscode.commands.executeCommand('kserve.selectTranslationTarget', { action: 'configureUrl' });
      return;
    case 'setToken':
      await vscode.commands.executeCommand('kserve.setEndpointToken');
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', setting ?? 'kserve.endpoint');
      return;
    case 'showLog':
      await vscode.commands.executeCommand('kserve.showLog');
      return;
  }
}
