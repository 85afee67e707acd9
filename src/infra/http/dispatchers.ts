import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent, Dispatcher, ProxyAgent } from 'undici';
import { UserFacingError } from '../../core/errors';
import { IDisposable } from '../../core/lifecycle';

export interface ProxySettings {
  /** VS Code's `http.proxy`, e.g. http://proxy.corp:3128. */
  readonly url: string;
  /** VS Code's `http.proxyStrictSSL`: verify the proxy's own certificate. */
  readonly strictSSL: boolean;
  /** VS Code's `http.noProxy`: hosts (or `.domain` suffixes, optionally with `:port`) reached directly. */
  readonly noProxy: readonly string[];
}

export interface TransportSettings {
  readonly connectTimeoutMs: number;
  /** Longest wait for the response headers, and longest silence between two pieces of the body. */
  readonly idleTimeoutMs: number;
  /** PEM file with extra certificate authorities to trust. */
  readonly caFile?: string;
  /** Do not verify the endpoint's certificate. */
  readonly insecureSkipTlsVerify: boolean;
  readonly proxy?: ProxySettings;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

/** The proxy to use for `target`, or undefined to connect directly (loopback and `noProxy` hosts). */
export function proxyFor(target: URL, proxy: ProxySettings | undefined): string | undefined {
  if (!proxy || proxy.url.trim() === '') return undefined;
  const host = target.hostname.toLowerCase();
  if (LOOPBACK.test(host)) return undefined;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of proxy.noProxy) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return undefined;
    const [pattern, entryPort] = entry.startsWith('[') ? [entry.slice(0, entry.indexOf(']') + 1), entry.split(']:')[1]] : entry.split(':');
    if (entryPort && entryPort !== port) continue;
    const suffix = pattern.replace(/^\*?\./, '');
    if (host === suffix || host.endsWith(`.${suffix}`)) return undefined;
  }
  return proxy.url.trim();
}

function readCertificateAuthorities(caFile: string): string[] {
  try {
    return [...rootCertificates, readFileSync(caFile, 'utf8')];
  } catch (err) {
    throw new UserFacingError(
      `Cannot read the CA file ${caFile} from kserve.endpoint.caFile (${(err as NodeJS.ErrnoException).code ?? String(err)}). Fix the path or clear the setting.`,
      'caFileUnreadable',
      String(err),
    );
  }
}

/**
 * undici dispatchers shared by requests with the same transport settings, so parallel and consecutive requests
 * reuse keep-alive connections. `clear()` drops them after the settings change.
 */
export class DispatcherPool implements IDisposable {
  private readonly dispatchers = new Map<string, Dispatcher>();

  get(target: URL, transport: TransportSettings): Dispatcher {
    const proxyUrl = proxyFor(target, transport.proxy);
    const key = JSON.stringify([
      transport.connectTimeoutMs,
      transport.caFile ?? '',
      transport.insecureSkipTlsVerify,
      proxyUrl ?? '',
      proxyUrl ? transport.proxy?.strictSSL : undefined,
    ]);
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      dispatcher = this.create(transport, proxyUrl);
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  clear(): void {
    const old = [...this.dispatchers.values()];
    this.dispatchers.clear();
    for (const dispatcher of old) void dispatcher.close().catch(() => undefined);
  }

  dispose(): void {
    const old = [...this.dispatchers.values()];
    this.dispatchers.clear();
    for (const dispatcher of old) void dispatcher.destroy().catch(() => undefined);
  }

  private create(transport: TransportSettings, proxyUrl: string | undefined): Dispatcher {
    const tls = {
      rejectUnauthorized: !transport.insecureSkipTlsVerify,
      ...(transport.caFile ? { ca: readCertificateAuthorities(transport.caFile) } : {}),
    };
    if (proxyUrl) {
      return new ProxyAgent({
        uri: proxyUrl,
        connect: { timeout: transport.connectTimeoutMs },
        requestTls: { ...tls, timeout: transport.connectTimeoutMs },
        proxyTls: { rejectUnauthorized: transport.proxy?.strictSSL ?? true, timeout: transport.connectTimeoutMs },
      });
    }
    return new Agent({ connect: { ...tls, timeout: transport.connectTimeoutMs }, keepAliveTimeout: 10_000 });
  }
}
