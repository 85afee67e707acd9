import * as vscode from 'vscode';
import type { KServeToolkitApi } from '../../src/extension';

export const EXTENSION_ID = 'kserve-toolkit.kserve-toolkit';

/** Activates the extension under test (the bundled dist/extension.js) and returns its API. */
export async function activateExtension(): Promise<KServeToolkitApi> {
  const extension = vscode.extensions.getExtension<KServeToolkitApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

/** Polls `probe` until it returns a value other than undefined/false, or fails with `what` after the deadline. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const suffix = lastError ? ` (last error: ${(lastError as Error).message ?? lastError})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${suffix}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
