/** The subset of vscode.LogOutputChannel that non-VS Code layers log through. */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export const nullLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const SECRET_PATTERNS: [RegExp, string][] = [
  [/(authorization\s*[:=]\s*"?)(bearer|basic)\s+[^\s",}]+/gi, '$1$2 <redacted>'],
  [/\bbearer\s+[A-Za-z0-9\-._~+/]+=*/gi, 'Bearer <redacted>'],
  [/("?(?:token|password|client-secret|id-token|refresh-token)"?\s*[:=]\s*"?)[^\s",}]+/gi, '$1<redacted>'],
];

/** Removes what looks like a credential from text before it reaches a log. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** Shorter values are too likely to occur in ordinary text to be replaced wherever they appear. */
const MIN_SECRET_LENGTH = 8;

/**
 * The token values this session has used (endpoint tokens, kubeconfig tokens). Patterns catch credentials that
 * look like one; these are caught wherever they appear, e.g. echoed in a server's error body.
 */
export class KnownSecrets {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.values.add(value);
  }

  /** Known values first, then anything that looks like a credential. */
  redact(text: string): string {
    let out = text;
    for (const value of this.values) if (out.includes(value)) out = out.split(value).join('<redacted>');
    return redactSecrets(out);
  }
}
