import * as vscode from 'vscode';
import { Logger, redactSecrets } from '../core/logger';

/** Wraps the extension's LogOutputChannel so that nothing that looks like a credential is written to it. */
export function createLogger(channel: vscode.LogOutputChannel): Logger {
  const clean = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a));
  return {
    trace: (m, ...a) => channel.trace(redactSecrets(m), ...clean(a)),
    debug: (m, ...a) => channel.debug(redactSecrets(m), ...clean(a)),
    info: (m, ...a) => channel.info(redactSecrets(m), ...clean(a)),
    warn: (m, ...a) => channel.warn(redactSecrets(m), ...clean(a)),
    error: (m, ...a) => channel.error(typeof m === 'string' ? redactSecrets(m) : m, ...clean(a)),
  };
}
