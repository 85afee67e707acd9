// Reaching the model with no ingress setting, inside VS Code against the real API server and the kubelet stand-in:
// time to first byte and throughput of a 20,000-chunk stream through the managed port-forward, against a direct
// connection to the same simulator in the same run; and route discovery with 200 Services in the gateway namespace.
import { PortForwards } from '../../src/app/explorer/forwards';
import { discoverReach } from '../../src/app/explorer/reach';
import { ExplorerModel, StateStore } from '../../src/app/explorer/explorerModel';
import { nullLogger } from '../../src/core/logger';
import { InferenceClient } from '../../src/infra/http/inferenceClient';
import { KubeSession } from '../../src/infra/kube/session';
import { TestCluster, uniqueName } from '../../test/support/cluster';
import { podName, predictorPod, runningStatus } from '../../test/support/cluster-pods';
import { createPod, registerNode } from '../../test/support/cluster-workloads';
import { KubeletStandin } from '../../test/support/kubeletStandin';
import { startSimulator } from '../../test/simulator';
import { ms, percentile, printTable } from '../format';

const CHUNKS = 20_000;
const ROUNDS = 5;
const SERVICES = 200;
const transport = { connectTimeoutMs: 10_000, idleTimeoutMs: 60_000, insecureSkipTlsVerify: false };

class MemoryStore implements StateStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined { return this.values.get(key) as T | undefined; }
  async update(key: string, value: unknown): Promise<void> { this.values.set(key, value); }
}

describe('reach benchmark', function () {
  this.timeout(1_800_000);

  it('streams through the managed port-forward and discovers the route among 200 Services', async () => {
    const cluster = TestCluster.fromEnv();
    const standin = await KubeletStandin.start();
    const node = uniqueName('bench-node');
    await registerNode(cluster, node, standin);
    const ns = await cluster.createNamespace(uniqueName('kst-bench-reach'));
    const simulator = await startSimulator();
    simulator.setScenario({ kind: 'manyChunks', count: CHUNKS });
    const pod = podName({ isvc: 't5' });
    await createPod(cluster, predictorPod({ namespace: ns, isvc: 't5' }), runningStatus(), node);
    standin.forwardTo(ns, pod, simulator.port);
    await cluster.createNamespace('istio-system');
    for (let i = 0; i < SERVICES; i += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, j) => cluster.core.createNamespacedService({ namespace: 'istio-system', body: {
        metadata: { name: `bench-svc-${ns.slice(-6)}-${i + j}` }, spec: { selector: { app: `x${i + j}` }, ports: [{ port: 80 }] },
      } })));
    }
    await cluster.createInferenceService(ns, 't5');
    await cluster.markReady(ns, 't5');

    const session = new KubeSession({ sources: () => ({ settingPath: cluster.kubeconfigPath }), preferredContext: () => 'kapi' });
    const model = new ExplorerModel({ session, logger: nullLogger, store: new MemoryStore(), pageSize: () => 500 });
    await model.connected();
    const forwards = new PortForwards(nullLogger);
    const target = { context: 'kapi', namespace: ns, name: 't5', url: `http://t5.${ns}.example.com`, model: 't5' };
    const discovery: number[] = [];
    let reach = await discoverReach(target, model.cluster!, forwards);
    for (let i = 0; i < 3; i++) {
      for (const f of forwards.list()) forwards.stop(f.key);
      const started = performance.now();
      reach = await discoverReach(target, model.cluster!, forwards);
      discovery.push(performance.now() - started);
    }

    const client = new InferenceClient(nullLogger);
    const run = async (baseUrl: string) => {
      const started = performance.now();
      let first = 0;
      let pieces = 0;
      for await (const _piece of client.streamCompletion({ baseUrl, model: 't5' }, transport, { prompt: 'translate English to German: x', maxTokens: 64 })) {
        if (pieces++ === 0) first = performance.now() - started;
      }
      if (pieces !== CHUNKS) throw new Error(`read ${pieces} of ${CHUNKS} chunks`);
      return { first, total: performance.now() - started };
    };
    const routes = [['direct connection to the simulator', simulator.url], [`managed port-forward (${reach.description})`, reach.baseUrl]] as const;
    const results = new Map<string, { first: number[]; total: number[] }>(routes.map(([name]) => [name, { first: [], total: [] }]));
    for (const [, url] of routes) await run(url);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of round % 2 ? [...routes].reverse() : routes) {
        const { first, total } = await run(url);
        results.get(name)!.first.push(first);
        results.get(name)!.total.push(total);
      }
    }
    const median = (values: number[]) => percentile(values, 50);
    const direct = results.get(routes[0][0])!;
    printTable(`A ${CHUNKS.toLocaleString('en')}-chunk stream, direct and through the managed port-forward (median of ${ROUNDS} alternating runs)`,
      ['route', 'time to first byte', 'whole stream', 'chunks/s', 'throughput vs direct'], routes.map(([name]) => {
        const r = results.get(name)!;
        return [name, ms(median(r.first)), ms(median(r.total)), Math.round(CHUNKS / (median(r.total) / 1000)).toLocaleString('en'),
          `${(median(direct.total) / median(r.total)).toFixed(2)}×`];
      }));
    printTable(`Route discovery with ${SERVICES} Services in istio-system (none of them the gateway; then the predictor pod)`, ['metric', 'value'], [
      ['discovery, median of 3', ms(median(discovery))],
      ['  runs', discovery.map((v) => ms(v)).join(', ')],
      ['route found', reach.description],
    ]);
    client.dispose();
    forwards.dispose();
    model.dispose();
    session.dispose();
    await simulator.close();
    await standin.stop();
    await cluster.core.deleteNode({ name: node }).catch(() => undefined);
    await cluster.core.deleteNamespace({ name: ns }).catch(() => undefined);
  });
});
