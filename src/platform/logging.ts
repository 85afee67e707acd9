import * as vscode from 'vscode';
import { KnownSecrets, Logger } from '../core/logger';

/** Wraps the extension's LogOutputChannel so that no known token, nor anything that looks like a credential, is written to it. */
export function createLogger(channel: vscode.LogOutputChannel, secrets: KnownSecrets): Logger {
  const redact = (text: string) => secrets.redact(text);
  const clean = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? redact(a) : a));
  return {
    trace: (m, ...a) => channel.trace(redact(m), ...clean(a)),
    debug: (m, ...a) => channel.debug(redact(m), ...clean(a)),
    info: (m, ...a) => channel.info(redact(m), ...clean(a)),
    warn: (m, ...a) => channel.warn(redact(m), ...clean(a)),
    error: (m, ...a) => channel.error(typeof m === 'string' ? redact(m) : redact(m.message), ...clean(a)),
  };
}
