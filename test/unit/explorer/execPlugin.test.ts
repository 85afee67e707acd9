import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { RESOURCES, resourcePath } from '../../../src/core/explorer/resources';
import { KubeClient } from '../../../src/infra/kube/client';
import { KubeError } from '../../../src/infra/kube/errors';
import { FakeApiServer, isvcObject } from './fakeApiServer';

const PATH = resourcePath(RESOURCES.inferenceServices, 'team-a');

/** A credential plugin that records each run in `runs`, waits `delayMs`, then prints the fake server's token. */
function plugin(dir: string, delayMs: number): { command: string; args: string[]; runs: () => number } {
  const runsFile = path.join(dir, `runs-${delayMs}`);
  const script = path.join(dir, `plugin-${delayMs}.js`);
  fs.writeFileSync(script, `require('fs').appendFileSync(${JSON.stringify(runsFile)}, 'x');
setTimeout(() => console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
  status: { token: 'secret-token' } })), ${delayMs});\n`);
  return { command: process.execPath, args: [script], runs: () => (fs.existsSync(runsFile) ? fs.readFileSync(runsFile, 'utf8').length : 0) };
}

function execConfig(server: FakeApiServer, exec: { command: string; args: string[] }): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'fake', server: server.url, skipTLSVerify: true }],
    users: [{ name: 'sso', exec: { apiVersion: 'client.authentication.k8s.io/v1', command: exec.command, args: exec.args, interactiveMode: 'Never' } }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'sso' }],
    currentContext: 'fake',
  });
  return config;
}

describe('kube client: exec credential plugins', () => {
  let server: FakeApiServer;
  let dir: string;
  const clients: KubeClient[] = [];

  beforeEach(async () => {
    server = await FakeApiServer.start();
    server.set(PATH, [isvcObject('a', 1)], 1);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kserve-exec-'));
  });

  afterEach(async () => {
    clients.splice(0).forEach((client) => client.dispose());
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const list = (client: KubeClient) => client.requestJson<{ items: unknown[] }>('GET', PATH, { describe: { verb: 'list', what: 'InferenceServices' } });

  it('runs the plugin once for concurrent requests', async () => {
    const slow = plugin(dir, 300);
    const client = new KubeClient(execConfig(server, slow));
    clients.push(client);
    const results = await Promise.all([list(client), list(client), list(client)]);
    assert.deepEqual(results.map((r) => r.items.length), [1, 1, 1]);
    assert.equal(slow.runs(), 1);
  });

  it('stops waiting for a plugin that never answers, names it, and does not start it again meanwhile', async () => {
    const stuck = plugin(dir, 4_000);
    const client = new KubeClient(execConfig(server, stuck), 300);
    clients.push(client);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    try {
      const [first, second] = await Promise.allSettled([list(client), list(client)]);
      for (const outcome of [first, second]) {
        assert.equal(outcome.status, 'rejected');
        const error = (outcome as PromiseRejectedResult).reason as KubeError;
        assert.equal(error.kind, 'authPlugin');
        assert.match(error.message, /credential plugin for user "sso" \(.*plugin-4000\.js\) did not answer within 0\.3 s\. It may be waiting for you to log in/);
      }
      await assert.rejects(list(client), /did not answer/);
      assert.equal(stuck.runs(), 1, 'one run, shared');
      assert.ok(ticks > 5, 'the event loop kept running while the plugin hung');
    } finally {
      clearInterval(ticker);
    }
  });
});
