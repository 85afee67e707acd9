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

/** Removes credentials from text before it reaches a log. */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}
