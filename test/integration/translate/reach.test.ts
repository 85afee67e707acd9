import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { InferenceServiceTarget } from '../../../src/core/target';
import type { KServeToolkitApi } from '../../../src/extension';
import { TestCluster, uniqueName } from '../../support/cluster';
import { podName, predictorPod, runningStatus } from '../../support/cluster-pods';
import { createPod, registerNode } from '../../support/cluster-workloads';
import { activateExtension } from '../../support/extension';
import { KubeletStandin } from '../../support/kubeletStandin';
import { startSimulator, type Simulator } from '../../simulator';
import { selectContext } from '../explorer/treeHelpers';
import { closeAllEditors, openEditor, selectAll, translateSelection, useSettings } from './helpers';

const GATEWAY = { namespace: 'istio-system', name: 'istio-ingressgateway' };

describe('translate: reaching the model with no ingress setting', function () {
  this.timeout(60_000);
  let api: KServeToolkitApi;
  let cluster: TestCluster;
  let standin: KubeletStandin;
  let ns: string;
  let node: string;
  const simulators: Simulator[] = [];
  let restore: () => Promise<void>;

  before(async () => {
    api = await activateExtension();
    cluster = TestCluster.fromEnv();
    standin = await KubeletStandin.start();
    node = uniqueName('standin');
    await registerNode(cluster, node, standin);
    ns = await cluster.createNamespace(uniqueName('kst-reach'));
    await cluster.createNamespace(GATEWAY.namespace);
    restore = await useSettings({ 'ingress.url': undefined, 'endpoint.url': undefined });
    await selectContext(api.explorer, 'kapi');
  });

  afterEach(async () => {
    await cluster.core.deleteNamespacedService({ namespace: GATEWAY.namespace, name: GATEWAY.name }).catch(() => undefined);
    await closeAllEditors();
  });

  after(async () => {
    await api?.translate.useInferenceService(undefined);
    await restore?.();
    await cluster?.cleanup();
    await cluster?.core.deleteNode({ name: node }).catch(() => undefined);
    await standin?.stop();
    await Promise.all(simulators.map((s) => s.close()));
  });

  async function service(name: string): Promise<{ url: string; host: string }> {
    await cluster.createInferenceService(ns, name);
    await cluster.markReady(ns, name);
    const host = `${name}.${ns}.example.com`;
    return { url: `http://${host}`, host };
  }

  async function simulator(host: string, requireHost?: string, port = 0): Promise<Simulator> {
    const started = await startSimulator({ host, port, ...(requireHost ? { requireHost } : {}) });
    simulators.push(started);
    return started;
  }

  /** Use for Translation, Test Endpoint and one translation, as a user would; resolves with the status bar text. */
  async function useAndTranslate(name: string, url: string, sim: Simulator, target: Partial<InferenceServiceTarget> = {}): Promise<string> {
    await api.translate.useInferenceService({ context: 'kapi', namespace: ns, name, url, model: 't5', ...target });
    const tested = await api.translate.testEndpoint();
    assert.equal(tested.ok, true, JSON.stringify(tested.error));
    const editor = await openEditor('The house is wonderful.');
    selectAll(editor);
    const outcome = await translateSelection();
    assert.equal(outcome.status, 'completed', JSON.stringify(outcome.error));
    assert.equal(editor.document.getText(), 'Das Haus ist wunderbar.');
    assert.ok(sim.requests.some((r) => r.path.endsWith(target.kind === 'LLMInferenceService' ? '/v1/completions' : '/openai/v1/completions')));
    return api.translate.statusBarText;
  }

  it('ClusterIP only: a managed port-forward to a ready gateway pod, with the Host from status.url', async () => {
    const { url, host } = await service('t5-gw');
    const sim = await simulator('127.0.0.1', host);
    const gatewayPod = 'istio-ingressgateway-7c9f5d8b4d-q2x7z';
    const pod = predictorPod({ namespace: GATEWAY.namespace, isvc: 'gateway', name: gatewayPod });
    (pod.metadata as { labels: Record<string, string> }).labels = { istio: 'ingressgateway', app: 'istio-ingressgateway' };
    await createPod(cluster, pod, runningStatus(), node);
    standin.forwardTo(GATEWAY.namespace, gatewayPod, sim.port);
    await cluster.core.createNamespacedService({ namespace: GATEWAY.namespace, body: {
      metadata: { name: GATEWAY.name }, spec: { type: 'ClusterIP', selector: { istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 80, targetPort: 8080 }] },
    } });
    const status = await useAndTranslate('t5-gw', url, sim);
    assert.match(status, new RegExp(`via port-forward to ${gatewayPod}`));
    assert.ok(sim.requests.every((r) => r.headers.host === host), 'every request carried the Host of status.url');
    // A token stored for this service is the gateway's: it goes through the forward, which counts as that origin.
    await vscode.commands.executeCommand('kserve.setEndpointToken', 'tok-through-the-gateway');
    assert.equal((await api.translate.testEndpoint()).ok, true);
    assert.equal(sim.requests.at(-1)?.headers.authorization, 'Bearer tok-through-the-gateway');
    await vscode.commands.executeCommand('kserve.setEndpointToken', '');

    // The gateway pod goes away and another becomes ready: the same forward moves on to it.
    await cluster.core.deleteNamespacedPod({ namespace: GATEWAY.namespace, name: gatewayPod, gracePeriodSeconds: 0 });
    standin.stopPod(GATEWAY.namespace, gatewayPod);
    const replacement = 'istio-ingressgateway-7c9f5d8b4d-w8k2p';
    const next = predictorPod({ namespace: GATEWAY.namespace, isvc: 'gateway', name: replacement });
    (next.metadata as { labels: Record<string, string> }).labels = { istio: 'ingressgateway', app: 'istio-ingressgateway' };
    await createPod(cluster, next, runningStatus(), node);
    standin.forwardTo(GATEWAY.namespace, replacement, sim.port);
    const retested = await api.translate.testEndpoint();
    assert.equal(retested.ok, true, JSON.stringify(retested.error));
    assert.ok(standin.requests.some((r) => r.path === `/portForward/${GATEWAY.namespace}/${replacement}`), 'forwarded to the new pod');
  });

  it('LLMInferenceService: a port-forward to the Gateway API gateway, keeping the /<namespace>/<name> path and the Host', async () => {
    const name = 'opt-125m';
    const host = 'kserve-ingress-gateway.kserve.example.com';
    const prefix = `/${ns}/${name}`;
    const sim = await startSimulator({ api: 'vllm', pathPrefix: prefix, requireHost: host, models: [{ name: 'facebook/opt-125m', ready: true }] });
    simulators.push(sim);
    await cluster.createNamespace('kserve');
    const gatewayPod = 'kserve-ingress-gateway-6b8d9c7f5-m4p2k';
    const labels = { 'gateway.networking.k8s.io/gateway-name': 'kserve-ingress-gateway' };
    const pod = predictorPod({ namespace: 'kserve', isvc: 'gateway', name: gatewayPod });
    (pod.metadata as { labels: Record<string, string> }).labels = labels;
    await createPod(cluster, pod, runningStatus(), node);
    standin.forwardTo('kserve', gatewayPod, sim.port);
    await cluster.core.createNamespacedService({ namespace: 'kserve', body: {
      metadata: { name: 'kserve-ingress-gateway', labels: { 'serving.kserve.io/gateway': 'kserve-ingress-gateway' } },
      spec: { type: 'ClusterIP', selector: labels, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    } });
    try {
      const status = await useAndTranslate(name, `http://${host}${prefix}`, sim, { kind: 'LLMInferenceService', model: 'facebook/opt-125m' });
      assert.match(status, new RegExp(`via port-forward to ${gatewayPod}`));
      assert.deepEqual(sim.requests.map((r) => [r.path, r.headers.host]), [[`${prefix}/v1/models`, host], [`${prefix}/v1/completions`, host]]);
    } finally {
      await cluster.core.deleteNamespacedService({ namespace: 'kserve', name: 'kserve-ingress-gateway' }).catch(() => undefined);
    }
  });

  it('LoadBalancer: the gateway\'s load-balancer address, with the Host from status.url', async () => {
    const { url, host } = await service('t5-lb');
    const sim = await simulator('127.0.0.2', host, 18080);
    await cluster.core.createNamespacedService({ namespace: GATEWAY.namespace, body: {
      metadata: { name: GATEWAY.name }, spec: { type: 'LoadBalancer', selector: { istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 18080, targetPort: 8080 }] },
    } });
    const created = await cluster.core.readNamespacedService({ namespace: GATEWAY.namespace, name: GATEWAY.name });
    await cluster.core.replaceNamespacedServiceStatus({ namespace: GATEWAY.namespace, name: GATEWAY.name,
      body: { ...created, status: { loadBalancer: { ingress: [{ ip: '127.0.0.2' }] } } } });
    const status = await useAndTranslate('t5-lb', url, sim);
    assert.match(status, /via istio-system\/istio-ingressgateway \(LoadBalancer 127\.0\.0\.2\)/);
  });

  it('NodePort: the gateway\'s node port on a node\'s address, with the Host from status.url', async () => {
    const { url, host } = await service('t5-np');
    let sim: Simulator | undefined;
    for (let attempt = 0; !sim && attempt < 20; attempt++) {
      sim = await simulator('127.0.0.1', host, 30000 + Math.floor(Math.random() * 2700)).catch(() => undefined);
    }
    assert.ok(sim, 'a free port in the NodePort range');
    await cluster.core.createNamespacedService({ namespace: GATEWAY.namespace, body: {
      metadata: { name: GATEWAY.name },
      spec: { type: 'NodePort', selector: { istio: 'ingressgateway' }, ports: [{ name: 'http2', port: 80, targetPort: 8080, nodePort: sim.port }] },
    } });
    const status = await useAndTranslate('t5-np', url, sim);
    assert.match(status, new RegExp(`via istio-system/istio-ingressgateway \\(NodePort 127\\.0\\.0\\.1:${sim.port}\\)`));
  });

  it('Standard mode with no gateway: a port-forward straight to a ready predictor pod, with no Host header needed', async () => {
    const { url } = await service('t5-raw');
    const sim = await simulator('127.0.0.1');
    const pod = podName({ isvc: 't5-raw' });
    await createPod(cluster, predictorPod({ namespace: ns, isvc: 't5-raw' }), runningStatus(), node);
    standin.forwardTo(ns, pod, sim.port);
    const status = await useAndTranslate('t5-raw', url, sim);
    assert.match(status, new RegExp(`via port-forward to ${pod}`));
  });

  it('says which routes it tried when none works', async () => {
    const { url } = await service('t5-nowhere');
    await api.translate.useInferenceService({ context: 'kapi', namespace: ns, name: 't5-nowhere', url, model: 't5' });
    const tested = await api.translate.testEndpoint();
    assert.equal(tested.ok, false);
    assert.match(tested.error?.message ?? '', /Cannot reach .*t5-nowhere: t5-nowhere\..* \(status\.url\) does not resolve; no ingress gateway Service was found; .* has no ready predictor pod/);
    void vscode.commands.executeCommand('notifications.clearAll');
  });
});
