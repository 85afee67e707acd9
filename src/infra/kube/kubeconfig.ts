import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';

export type KubeconfigLoad =
  | { readonly kind: 'loaded'; readonly config: KubeConfig; readonly files: readonly string[]; readonly contexts: readonly string[] }
  | { readonly kind: 'missing'; readonly searched: readonly string[] }
  | { readonly kind: 'invalid'; readonly files: readonly string[]; readonly message: string };

export interface KubeconfigSources {
  /** The `kserve.kubeconfig` setting; may name several files separated by the platform's path delimiter. */
  readonly settingPath: string;
  /** The `KUBECONFIG` environment variable. */
  readonly kubeconfigEnv?: string;
  readonly homeDir?: string;
}

/** The files to read, in kubectl's order: the setting, else `KUBECONFIG` (several files), else `~/.kube/config`. */
export function kubeconfigFiles({ settingPath, kubeconfigEnv, homeDir = os.homedir() }: KubeconfigSources): string[] {
  const split = (value: string) => value.split(path.delimiter).map((p) => p.trim()).filter(Boolean).map((p) => expandHome(p, homeDir));
  if (settingPath.trim()) return split(settingPath);
  if (kubeconfigEnv?.trim()) return split(kubeconfigEnv);
  return [path.join(homeDir, '.kube', 'config')];
}

function expandHome(file: string, homeDir: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(homeDir, file.slice(1)) : path.resolve(file);
}

/**
 * Reads and merges the files like kubectl does: the first file to define a cluster, user or context name wins, and
 * the current context comes from the first file that sets one. Files that do not exist are skipped.
 * Exec and OIDC auth plugins are left to @kubernetes/client-node, which runs them when a request needs credentials.
 */
export function loadKubeconfig(files: readonly string[]): KubeconfigLoad {
  const existing = files.filter((f) => existsSync(f));
  if (existing.length === 0) return { kind: 'missing', searched: [...files] };
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  for (const file of existing) {
    const single = new KubeConfig();
    try {
      single.loadFromFile(file, { onInvalidEntry: 'filter' });
    } catch (err) {
      return { kind: 'invalid', files: existing, message: `${file} is not a valid kubeconfig: ${err instanceof Error ? err.message : String(err)}` };
    }
    for (const c of single.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of single.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of single.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!currentContext && single.getCurrentContext()) currentContext = single.getCurrentContext();
  }
  if (contexts.size === 0) {
    return { kind: 'invalid', files: existing, message: `No contexts are defined in ${existing.join(', ')}.` };
  }
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: contexts.has(currentContext) ? currentContext : [...contexts.keys()][0],
  });
  return { kind: 'loaded', config, files: existing, contexts: [...contexts.keys()] };
}

/** A copy of `source` bound to `contextName`, so that the copy can be handed out and used independently. */
export function configForContext(source: KubeConfig, contextName: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: source.getClusters(),
    users: source.getUsers(),
    contexts: source.getContexts(),
    currentContext: contextName,
  });
  return config;
}

/** Why a context cannot be used, or undefined when its cluster and user exist. */
export function contextProblem(config: KubeConfig, contextName: string): string | undefined {
  const context = config.getContextObject(contextName);
  if (!context) return `The context "${contextName}" does not exist in your kubeconfig.`;
  if (!config.getCluster(context.cluster)) return `The context "${contextName}" refers to a cluster "${context.cluster}" that is not defined.`;
  if (context.user && !config.getUser(context.user)) return `The context "${contextName}" refers to a user "${context.user}" that is not defined.`;
  return undefined;
}
