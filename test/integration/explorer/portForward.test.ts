import { strict as assert } from 'node:assert';
import http from 'node:http';
import * as vscode from 'vscode';
import type { ForwardInfo } from '../../../src/app/explorer/forwards';
import { TestCluster, uniqueName } from '../../support/cluster';
import { podName, predictorPod, runningStatus } from '../../support/cluster-pods';
import { createPod, registerNode } from '../../support/cluster-workloads';
import { activateExtension } from '../../support/extension';
import { KubeletStandin } from '../../support/kubeletStandin';
import { startSimulator, type Simulator } from '../../simulator';
import { selectContext } from './treeHelpers';

describe('explorer: port-forward to a pod through the API server', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let standin: KubeletStandin;
  let simulator: Simulator;
  let ns: string;
  let node: string;

  before(async () => {
    const { explorer } = await activateExtension();
    cluster = TestCluster.fromEnv();
    standin = await KubeletStandin.start();
    simulator = await startSimulator();
    node = uniqueName('standin');
    await registerNode(cluster, node, standin);
    ns = await cluster.createNamespace(uniqueName('kst-pf'));
    await selectContext(explorer, 'kapi');
  });

  after(async () => {
    await cluster?.cleanup();
    await cluster?.core.deleteNode({ name: node }).catch(() => undefined);
    await standin?.stop();
    await simulator?.close();
  });

  it('listens on loopback, relays HTTP to the pod\'s port with the caller\'s Host, and stops on command', async () => {
    const pod = podName({ isvc: 't5-pf' });
    await createPod(cluster, predictorPod({ namespace: ns, isvc: 't5-pf' }), runningStatus(), node);
    standin.forwardTo(ns, pod, Number(new URL(simulator.url).port));
    const info = await vscode.commands.executeCommand<ForwardInfo>('kserve.pod.portForward', { namespace: ns, pod, isvc: 't5-pf' });
    assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(info.target, { namespace: ns, pod, port: 8080 });
    const response = await get(`${info.url}/openai/v1/models`, 't5-pf.default.example.com');
    assert.equal(response.status, 200);
    assert.ok((JSON.parse(response.body) as { data: { id: string }[] }).data.some((m) => m.id === 't5'));
    assert.equal(simulator.requests.at(-1)?.headers.host, 't5-pf.default.example.com');
    const again = await vscode.commands.executeCommand<ForwardInfo>('kserve.pod.portForward', { namespace: ns, pod, isvc: 't5-pf' });
    assert.equal(again.url, info.url, 'one forward per pod and port');
    assert.equal(await vscode.commands.executeCommand('kserve.stopPortForward', info.key), true);
    await assert.rejects(get(`${info.url}/openai/v1/models`, 'x'), 'nothing listens after Stop');
  });
});

/** A GET with its own Host header (fetch may not set one). */
function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}
