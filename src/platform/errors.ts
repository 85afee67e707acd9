import * as vscode from 'vscode';
import { formatError, isAbortError, UserFacingError } from '../core/errors';
import { KnownSecrets, Logger } from '../core/logger';

export { formatError };

/**
 * Reports an error at a command's edge: logs the technical detail and shows one clear message.
 * Resolves to the action the user picked, if any.
 */
export async function showError<T extends string>(
  edge: ErrorEdge,
  context: string,
  err: unknown,
  ...actions: T[]
): Promise<T | undefined> {
  if (isAbortError(err)) return undefined;
  const message = shownMessage(edge, context, err);
  const detail = err instanceof UserFacingError ? err.detail : undefined;
  edge.logger.error(`${message}${detail ? ` (${detail})` : ''}`);
  if (!(err instanceof UserFacingError) && err instanceof Error && err.stack) edge.logger.debug(err.stack);
  return vscode.window.showErrorMessage(message, ...actions);
}

/** What the error edge needs: the log, and the token values to keep out of what it shows. */
export interface ErrorEdge {
  readonly logger: Logger;
  readonly secrets: KnownSecrets;
}

/** The one line shown for `err`, with every known token redacted. */
export function shownMessage(edge: ErrorEdge, context: string, err: unknown): string {
  return edge.secrets.redact(`${context}: ${formatError(err)}`);
}
