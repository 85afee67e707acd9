// Expanding a service that is not Ready, inside VS Code: 50 pods and 2,000 events in its namespace on the real API
// server. Measures the service row's children (diagnosis included) plus its Pods group, against
// `kubectl get pods -l … -o json && kubectl get events --field-selector … -o json` in the same run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../src/features/explorer';
import { inProgressStatus, TestCluster, uniqueName } from '../../test/support/cluster';
import { event, oomKilledStatus, predictorPod, runningStatus } from '../../test/support/cluster-pods';
import { createEvent, createPod, registerNode } from '../../test/support/cluster-workloads';
import { activateExtension, waitFor } from '../../test/support/extension';
import { KubeletStandin } from '../../test/support/kubeletStandin';
import { ms, percentile, printTable } from '../format';

const PODS = 50;
const EVENTS = 2_000;
const RUNS = 3;
const CONCURRENCY = 16;

async function inBatches<T>(items: readonly T[], run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CONCURRENCY) await Promise.all(items.slice(i, i + CONCURRENCY).map(run));
}

describe('troubleshooting benchmark', function () {
  this.timeout(1_800_000);

  it('expands a service with 50 pods and 2,000 events in its namespace', async () => {
    const cluster = TestCluster.fromEnv();
    const standin = await KubeletStandin.start();
    const node = uniqueName('bench-node');
    await registerNode(cluster, node, standin);
    const ns = await cluster.createNamespace(uniqueName('kst-bench-why'));
    const services = Array.from({ length: RUNS }, (_, i) => `t5-${i}`);
    const seedStarted = performance.now();
    for (const name of services) {
      await cluster.createInferenceService(ns, name);
      await cluster.setStatus(ns, name, inProgressStatus());
      await inBatches(Array.from({ length: PODS }, (_, i) => i), (i) => createPod(cluster,
        predictorPod({ namespace: ns, isvc: name, name: `${name}-predictor-5d8f7c9b4-${String(i).padStart(5, '0')}` }),
        i === 0 ? oomKilledStatus() : runningStatus(), node));
    }
    await inBatches(Array.from({ length: EVENTS }, (_, i) => i), (i) => createEvent(cluster, event({
      namespace: ns, involved: { kind: 'Pod', name: `${services[i % RUNS]}-predictor-5d8f7c9b4-${String(i % PODS).padStart(5, '0')}` },
      reason: i % 5 === 0 ? 'BackOff' : 'Pulled', message: `event ${i}`, type: i % 5 === 0 ? 'Warning' : 'Normal', secondsAgo: i,
    })));
    const seeded = `${RUNS} services × ${PODS} pods and ${EVENTS} events in ${ms(performance.now() - seedStarted)}`;

    const { explorer } = await activateExtension();
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', [ns]);
    const provider = explorer.treeDataProvider;
    const children = async (n?: ExplorerNode) => (await provider.getChildren(n)) ?? [];
    const context = await waitFor(async () => (await children())[0], 'the context node');
    const namespace = await waitFor(async () => (await children(context)).find((n) => n.kind === 'namespace' && n.namespace === ns), 'the namespace');
    await waitFor(async () => (await children(namespace)).filter((n) => n.kind === 'isvc').length === RUNS, 'the services');
    const ours: number[] = [];
    for (const name of services) {
      const isvc = (await children(namespace)).find((n) => n.kind === 'isvc' && n.name === name)!;
      await vscode.commands.executeCommand('kserve.explorer.refresh', namespace);
      const started = performance.now();
      const rows = await children(isvc);
      const pods = await children(rows.find((n) => n.kind === 'pods'));
      ours.push(performance.now() - started);
      if (rows[0]?.kind !== 'diagnosis' || pods.length !== PODS) throw new Error(`expanded ${name}: ${rows[0]?.kind}, ${pods.length} pods`);
    }
    const kubectl = await kubectlRuns(cluster.kubeconfigPath, ns, services);
    const median = (values: number[]) => percentile(values, 50);
    printTable(`Expanding a service that is not Ready: ${PODS} pods, ${EVENTS} events in its namespace (inside VS Code, real kube-apiserver)`,
      ['tool', 'median of 3', 'runs', 'ratio'], [
        ['seeding', seeded, '', ''],
        ['explorer: diagnosis, details and the Pods group', ms(median(ours)), ours.map((v) => ms(v)).join(', '), '1.00×'],
        ...(kubectl ? [['kubectl get pods -l … && kubectl get events --field-selector …', ms(median(kubectl)), kubectl.map((v) => ms(v)).join(', '),
          `${(median(kubectl) / median(ours)).toFixed(2)}× the explorer's time`]] : [['kubectl', 'not installed', '', '']]),
      ]);
    await standin.stop();
    await cluster.core.deleteNode({ name: node }).catch(() => undefined);
    await cluster.core.deleteNamespace({ name: ns }).catch(() => undefined);
  });
});

async function kubectlRuns(kubeconfig: string, namespace: string, services: readonly string[]): Promise<number[] | undefined> {
  const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
  if (!kubectl) return undefined;
  const run = (args: string[]) => new Promise<void>((resolve, reject) => {
    const child = spawn(kubectl, ['--kubeconfig', kubeconfig, '--context', 'kapi', '-n', namespace, ...args, '-o', 'json'],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: path.dirname(kubeconfig) } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kubectl exited ${code}: ${stderr}`))));
  });
  const both = async (name: string) => {
    const started = performance.now();
    await run(['get', 'pods', '-l', `serving.kserve.io/inferenceservice=${name}`]);
    await run(['get', 'events', '--field-selector', `involvedObject.kind=InferenceService,involvedObject.name=${name}`]);
    return performance.now() - started;
  };
  await both(services[0]);
  const times: number[] = [];
  for (const name of services) times.push(await both(name));
  return times;
}
