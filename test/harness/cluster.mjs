// @ts-check
// Brings up the local test cluster for a test run unless one is already given through KSERVE_TEST_STATE.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './code-server.mjs';

function readEnvFile(state) {
  const file = path.join(state, 'env');
  if (!fs.existsSync(file)) return undefined;
  const vars = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^(?:export\s+)?([A-Z0-9_]+)=["']?(.*?)["']?$/);
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

function alive(pidFile) {
  try {
    process.kill(Number(fs.readFileSync(pidFile, 'utf8').trim()), 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs a cluster script with its output passed through; rejects when it fails. */
function runScript(script, args) {
  return /** @type {Promise<void>} */ (new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(repoRoot, 'test/cluster', script), ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${script} exited ${code ?? signal}`))));
  }));
}

/**
 * Resolves with { state, env, stop } where env holds what the extension host needs to reach the cluster. Async, so
 * that a first run can build kube-apiserver while code-server installs.
 */
export async function ensureCluster(log) {
  const given = process.env.KSERVE_TEST_STATE;
  if (given && fs.existsSync(path.join(given, 'env')) && alive(path.join(given, 'apiserver.pid'))) {
    log(`using running test cluster in ${given}`);
    return { state: given, env: withKubeconfig(given), stop: () => undefined };
  }
  const state = given ?? path.join(repoRoot, '.test-results', `cluster-${process.pid}`);
  const started = Date.now();
  await runScript('up.sh', [state]);
  log(`test cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s (${state})`);
  let stopped = false;
  const stop = () => {
    if (stopped || process.env.KEEP_CLUSTER) return;
    stopped = true;
    execFileSync('bash', [path.join(repoRoot, 'test/cluster/down.sh'), state, '--wipe'], { stdio: 'inherit' });
    fs.rmSync(state, { recursive: true, force: true });
  };
  process.on('exit', stop);
  return { state, env: withKubeconfig(state), stop };
}

function withKubeconfig(state) {
  return { ...readEnvFile(state), KSERVE_TEST_STATE: state, KUBECONFIG: path.join(state, 'kubeconfig') };
}
