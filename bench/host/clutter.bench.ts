// The explorer's first paint on a cluster with 300 namespaces, of which 5 hold KServe objects, inside VS Code on the
// real API server, against `kubectl get isvc -A` on the same server in the same run.
import * as k8s from '@kubernetes/client-node';
import * as vscode from 'vscode';
import type { ExplorerApi } from '../../src/features/explorer';
import { ISVC_GROUP, ISVC_PLURAL, ISVC_VERSION, t5Spec, TestCluster } from '../../test/support/cluster';
import { activateExtension } from '../../test/support/extension';
import { ms, percentile, printTable } from '../format';
import { switchToKapi, timeKubectl } from './kubectl';

const NAMESPACES = 300;
const OCCUPIED = 5;
const PER_OCCUPIED = 4;
const RUNS = 5;
const namespaceName = (i: number) => `kst-clutter-${String(i).padStart(3, '0')}`;

describe('uncluttered tree benchmark', function () {
  this.timeout(900_000);

  it('paints the namespaces that hold KServe objects among 300', async () => {
    const cluster = TestCluster.fromEnv();
    const seeded = await seed(cluster);
    const api = (await activateExtension()).explorer;
    await vscode.commands.executeCommand('kserve.explorer.selectNamespaces', 'all');
    const paints: number[] = [];
    let rows = 0;
    for (let run = 0; run < RUNS; run++) {
      const paint = await firstPaint(api);
      paints.push(paint.ms);
      rows = paint.rows;
    }
    const total = (await cluster.core.listNamespace()).items.length;
    const kubectl = await timeKubectl(cluster.kubeconfigPath, ['get', 'isvc', '-A'], RUNS);
    const median = (values: number[]) => percentile(values, 50);
    printTable(`First paint of the tree: ${total} namespaces, ${rows} of them with KServe objects (inside VS Code, real kube-apiserver, median of ${RUNS})`,
      ['tool', 'median', 'runs', 'ratio'], [
        ['seeding', seeded, '', ''],
        ['explorer: context switch → namespace rows', ms(median(paints)), paints.map((v) => ms(v)).join(', '), '1.00×'],
        ...(kubectl ? [['kubectl get isvc -A', ms(median(kubectl)), kubectl.map((v) => ms(v)).join(', '), `${(median(kubectl) / median(paints)).toFixed(2)}× the explorer's time`]]
          : [['kubectl get isvc -A', 'not installed', '', '']]),
      ]);
  });
});

async function seed(cluster: TestCluster): Promise<string> {
  const started = performance.now();
  const existing = new Set((await cluster.core.listNamespace()).items.map((n) => n.metadata?.name));
  const missing = Array.from({ length: NAMESPACES }, (_, i) => namespaceName(i)).filter((n) => !existing.has(n));
  for (let i = 0; i < missing.length; i += 20) await Promise.all(missing.slice(i, i + 20).map((name) => cluster.createNamespace(name)));
  for (let n = 0; n < OCCUPIED; n++) {
    const namespace = namespaceName(n * 60);
    await Promise.all(Array.from({ length: PER_OCCUPIED }, (_, s) => cluster.customObjects.createNamespacedCustomObject({
      group: ISVC_GROUP, version: ISVC_VERSION, plural: ISVC_PLURAL, namespace,
      body: { apiVersion: `${ISVC_GROUP}/${ISVC_VERSION}`, kind: 'InferenceService', metadata: { name: `t5-${s}`, namespace }, spec: t5Spec() },
    }).catch((error: unknown) => { if (!(error instanceof k8s.ApiException && error.code === 409)) throw error; })));
  }
  return `${missing.length} namespaces created in ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/** From a context switch to the rows VS Code paints first: the context's namespaces. */
async function firstPaint(api: ExplorerApi): Promise<{ ms: number; rows: number }> {
  const { started, context } = await switchToKapi(api);
  const rows = ((await api.treeDataProvider.getChildren(context)) ?? []).filter((n) => n.kind === 'namespace').length;
  return { ms: performance.now() - started, rows };
}
