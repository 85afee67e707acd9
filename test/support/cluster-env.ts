import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What up.sh records in `$STATE/env`; fields are absent when only a kubeconfig was given. */
export interface ClusterConnection {
  kubeconfigPath: string;
  stateDir?: string;
  apiUrl?: string;
  bareApiUrl?: string;
  caFile?: string;
  adminToken?: string;
  limitedToken?: string;
  apiPort?: number;
  bareApiPort?: number;
  etcdPort?: number;
}

export const STATE_ENV_FILE = 'env';

/** Parses the `export KEY='value'` lines written by up.sh. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^export ([A-Za-z_][A-Za-z0-9_]*)='(.*)'$/.exec(line.trim());
    if (match) values[match[1]] = match[2].replace(/'\\''/g, "'");
  }
  return values;
}

export function readStateDir(stateDir: string): ClusterConnection {
  const envFile = path.join(stateDir, STATE_ENV_FILE);
  if (!existsSync(envFile)) {
    throw new Error(`No test cluster in ${stateDir}: ${envFile} is missing. Start one with test/cluster/up.sh ${stateDir}`);
  }
  const values = parseEnvFile(readFileSync(envFile, 'utf8'));
  const port = (key: string) => (values[key] ? Number(values[key]) : undefined);
  return {
    stateDir: path.resolve(stateDir),
    kubeconfigPath: values.KSERVE_TEST_KUBECONFIG ?? path.join(stateDir, 'kubeconfig'),
    apiUrl: values.KAPI_API_URL,
    bareApiUrl: values.KAPI_BARE_API_URL,
    caFile: values.KAPI_CA_FILE,
    adminToken: values.KAPI_ADMIN_TOKEN,
    limitedToken: values.KAPI_LIMITED_TOKEN,
    apiPort: port('KAPI_API_PORT'),
    bareApiPort: port('KAPI_BARE_API_PORT'),
    etcdPort: port('KAPI_ETCD_PORT'),
  };
}

/**
 * Resolution order: KSERVE_TEST_KUBECONFIG (plus KSERVE_TEST_STATE for restarts, if set), KSERVE_TEST_STATE,
 * then `<repo>/.test-results/cluster` (up.sh's default when run from the repo root).
 */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterConnection {
  const explicitKubeconfig = env.KSERVE_TEST_KUBECONFIG;
  const stateDir = env.KSERVE_TEST_STATE;
  if (explicitKubeconfig) {
    const fromState = stateDir && existsSync(path.join(stateDir, STATE_ENV_FILE)) ? readStateDir(stateDir) : undefined;
    return { ...fromState, kubeconfigPath: explicitKubeconfig };
  }
  if (stateDir) return readStateDir(stateDir);
  const repoRoot = findRepoRoot();
  const defaultStateDir = repoRoot && path.join(repoRoot, '.test-results', 'cluster');
  if (defaultStateDir && existsSync(path.join(defaultStateDir, STATE_ENV_FILE))) return readStateDir(defaultStateDir);
  throw new Error(
    'No test cluster configured: set KSERVE_TEST_STATE to a state dir started by test/cluster/up.sh ' +
      '(or KSERVE_TEST_KUBECONFIG to a kubeconfig), or run test/cluster/up.sh from the repository root.',
  );
}

/** The checkout holding test/cluster/, searched upwards from this file and from the working directory. */
export function findRepoRoot(): string | undefined {
  for (const start of [__dirname, process.cwd()]) {
    let dir = path.resolve(start);
    for (;;) {
      if (existsSync(path.join(dir, 'test', 'cluster', 'up.sh'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

export function clusterScript(name: 'up.sh' | 'down.sh' | 'restart-apiserver.sh'): string {
  const scriptsDir = process.env.KSERVE_TEST_CLUSTER_SCRIPTS ?? (findRepoRoot() && path.join(findRepoRoot()!, 'test', 'cluster'));
  if (!scriptsDir) throw new Error(`Cannot find test/cluster/${name}; set KSERVE_TEST_CLUSTER_SCRIPTS to that folder`);
  return path.join(scriptsDir, name);
}
