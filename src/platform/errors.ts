import * as vscode from 'vscode';
import { formatError, isAbortError, UserFacingError } from '../core/errors';
import { Logger } from '../core/logger';

export { formatError };

/**
 * Reports an error at a command's edge: logs the technical detail and shows one clear message.
 * Resolves to the action the user picked, if any.
 */
export async function showError<T extends string>(
  logger: Logger,
  context: string,
  err: unknown,
  ...actions: T[]
): Promise<T | undefined> {
  if (isAbortError(err)) return undefined;
  const message = formatError(err);
  const detail = err instanceof UserFacingError ? err.detail : undefined;
  logger.error(`${context}: ${message}${detail ? ` (${detail})` : ''}`);
  if (!(err instanceof UserFacingError) && err instanceof Error && err.stack) logger.debug(err.stack);
  return vscode.window.showErrorMessage(`${context}: ${message}`, ...actions);
}
