import type { KubeConfig } from '@kubernetes/client-node';
import type { RequestOptions as HttpsRequestOptions } from 'node:https';
import { KubeError } from './errors';

export type CredentialOptions = HttpsRequestOptions & { headers?: Record<string, string> };

/** How long an exec or OIDC plugin may take before requests stop waiting for it. */
export const PLUGIN_TIMEOUT_MS = 30_000;

/**
 * Applies the kubeconfig's credentials to requests. Concurrent requests share one run of an exec plugin (which
 * @kubernetes/client-node would otherwise start once per request), and no request waits longer than the timeout:
 * a plugin that waits for an interactive login fails with a message that names it, and the next request joins the
 * same run rather than starting another.
 */
export class CredentialGate {
  private inFlight: Promise<CredentialOptions> | undefined;

  constructor(private readonly kubeConfig: KubeConfig, private readonly timeoutMs = PLUGIN_TIMEOUT_MS) {}

  async apply(): Promise<CredentialOptions> {
    const run = this.inFlight ?? this.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.timeoutError()), this.timeoutMs);
    });
    try {
      const options = await Promise.race([run, timedOut]);
      return { ...options, headers: { ...options.headers } };
    } finally {
      clearTimeout(timer);
    }
  }

  private start(): Promise<CredentialOptions> {
    const options: CredentialOptions = { headers: {} };
    const run = this.kubeConfig.applyToHTTPSOptions(options).then(() => options);
    this.inFlight = run;
    const settle = () => { if (this.inFlight === run) this.inFlight = undefined; };
    run.then(settle, settle);
    return run;
  }

  private timeoutError(): KubeError {
    const user = this.kubeConfig.getCurrentUser();
    const exec = user?.exec as { command?: string; args?: string[] } | undefined;
    const plugin = exec?.command ? [exec.command, ...(exec.args ?? [])].join(' ') : user?.authProvider?.name ?? 'its auth plugin';
    return new KubeError('authPlugin',
      `The kubeconfig's credential plugin for user "${user?.name ?? '?'}" (${plugin}) did not answer within ${this.timeoutMs / 1000} s. ` +
      'It may be waiting for you to log in: run it once in a terminal, then press Retry.', undefined, `plugin: ${plugin}`);
  }
}
