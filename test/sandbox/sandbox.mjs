#!/usr/bin/env node
// @ts-check
// The sandbox: a local cluster with KServe's CRDs and a few InferenceServices, a simulated T5 endpoint, and VS Code
// (code-server) with the extension loaded from this working tree. Ctrl-C stops everything it started.
//   npm start [-- --port 8080]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureCluster } from '../harness/cluster.mjs';
import { ensureCodeServer, repoRoot, startCodeServer } from '../harness/code-server.mjs';
import { LLM_SANDBOX, seedLlmSandbox, seedSandbox, seedTroubleshooting } from './seed.mjs';

const args = process.argv.slice(2);
const port = Number(args.includes('--port') ? args[args.indexOf('--port') + 1] : 0);
const started = Date.now();
const log = (...a) => console.log(`[sandbox +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);
const cleanups = [];
const stopAll = () => { while (cleanups.length) { try { cleanups.pop()(); } catch { /* keep stopping the rest */ } } };

/** Starts a simulated endpoint (T5 by default), registers its stop in `stops`, and resolves with its URL. */
export async function startSimulatorProcess(stops = cleanups, extraArgs = []) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'out/test/simulator/cli.js'), '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  stops.push(() => child.kill('SIGTERM'));
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return JSON.parse(line).url;
}

/** The docs' T5 InferenceService, as the sandbox's workspace holds it. */
export const SAMPLE_MANIFEST = [
  'apiVersion: serving.kserve.io/v1beta1',
  'kind: InferenceService',
  'metadata:',
  '  name: huggingface-t5',
  'spec:',
  '  predictor:',
  '    model:',
  '      modelFormat:',
  '        name: huggingface',
  '      args:',
  '        - --model_name=t5',
  '        - --model_id=google-t5/t5-small',
  '        - --backend=huggingface',
  '      resources:',
  '        limits: {cpu: "1", memory: 4Gi, nvidia.com/gpu: "1"}',
  '        requests: {cpu: "1", memory: 2Gi, nvidia.com/gpu: "1"}',
  '',
].join('\n');

/** Writes the sandbox's sample files into `dir`, leaving files that are already there. */
export function writeWorkspace(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    'translate-me.md': 'The house is wonderful.\n\nSelect a sentence, right-click, and choose "KServe: Translate Selection".\n',
    'inference-service.yaml': SAMPLE_MANIFEST,
  };
  for (const [name, text] of Object.entries(files)) {
    if (!fs.existsSync(path.join(dir, name))) fs.writeFileSync(path.join(dir, name), text);
  }
}

async function main() {
  process.env.KSERVE_TEST_STATE ??= path.join(repoRoot, '.sandbox', 'cluster');
  const [install, cluster] = await Promise.all([ensureCodeServer(), ensureCluster(log)]);
  cleanups.push(cluster.stop);
  const simulatorUrl = await startSimulatorProcess();
  log(`simulated T5 endpoint at ${simulatorUrl}`);
  const { namespace, name, model } = LLM_SANDBOX;
  const vllmUrl = await startSimulatorProcess(cleanups, ['--api', 'vllm', '--path-prefix', `/${namespace}/${name}`, '--model', model]);
  log(`simulated vLLM endpoint at ${vllmUrl}`);
  const seeded = await seedSandbox(cluster.state);
  log(`InferenceServices: ${seeded.join(', ')}`);
  log(`LLMInferenceServices: ${(await seedLlmSandbox(cluster.state)).join(', ')}`);
  // No ingress setting: as on a default install, huggingface-t5's URL resolves nowhere and the ingress gateway has
  // only a ClusterIP, so the extension reaches it through a port-forward it manages.
  const troubleshooting = await seedTroubleshooting(cluster.state, {
    gatewayPort: Number(new URL(simulatorUrl).port), llmGatewayPort: Number(new URL(vllmUrl).port),
  });
  cleanups.push(troubleshooting.stop);
  log(`not Ready, one per cause the explorer diagnoses: ${troubleshooting.seeded.join(', ')}`);
  const workspace = path.join(repoRoot, '.sandbox', 'workspace');
  writeWorkspace(workspace);
  const server = await startCodeServer(install, {
    env: cluster.env,
    port,
    installDev: true,
    log,
    // The docs' T5 service is the translation target from the start, and the walkthrough opens on the first run.
    userSettings: {
      'workbench.colorTheme': 'Default Light Modern', 'kserve.translate.defaultService': 'default/huggingface-t5',
      'kserve.walkthrough.openOnFirstRun': true,
    },
  });
  cleanups.push(server.stop);
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nKServe Toolkit sandbox is ready: ${url}\n` +
    `  kubeconfig: ${cluster.env.KUBECONFIG}\n  T5 endpoint (simulated): ${simulatorUrl}\n  vLLM endpoint (simulated): ${vllmUrl}\nPress Ctrl-C to stop.`);
  if (args.includes('--smoke')) {
    const response = await fetch(url);
    log(`workbench answered ${response.status}`);
    stopAll();
    process.exit(response.ok ? 0 : 1);
  }
}

// Run as a script (not imported, as screenshots.mjs does).
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopAll(); process.exit(0); });
  process.on('exit', stopAll);
  main().catch((err) => {
    console.error(err);
    stopAll();
    process.exit(1);
  });
}
