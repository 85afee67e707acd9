import { strict as assert } from 'node:assert';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { RESOURCES } from '../../../src/core/explorer/resources';
import { isAbortError } from '../../../src/core/errors';
import { KubeError } from '../../../src/infra/kube/errors';
import { KServeApi } from '../../../src/infra/kube/kserveApi';
import { waitFor } from '../../support/cluster-wait';

interface Seen {
  method: string;
  url: URL;
  contentType?: string;
  body: string;
  closedEarly: boolean;
}

const ISVC = {
  apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
  metadata: { name: 't5', namespace: 'team-a' }, spec: { predictor: { model: { modelFormat: { name: 'huggingface' } } } },
};

describe('KServeApi (the one way to the cluster)', () => {
  let server: http.Server;
  let api: KServeApi;
  const seen: Seen[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      const entry: Seen = { method: req.method ?? '', url: new URL(req.url ?? '/', 'http://x'), contentType: req.headers['content-type'], body, closedEarly: false };
      seen.push(entry);
      res.on('close', () => { entry.closedEarly = !res.writableEnded; });
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        entry.body = body;
        if (entry.url.pathname.endsWith('/slow')) return; // never answers: only cancelling ends it
        if (entry.url.pathname.endsWith('/bad')) {
          res.writeHead(422, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({
            kind: 'Status', status: 'Failure', code: 422, reason: 'Invalid', message: 'InferenceService.serving.kserve.io "bad" is invalid',
            details: { causes: [{ field: 'spec.predictor.minReplicas', message: 'Invalid value: -1', reason: 'FieldValueInvalid' }] },
          }));
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(body || JSON.stringify({ kind: 'List', items: [] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'c', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'c', cluster: 'c', user: 'u', namespace: 'team-a' }],
      currentContext: 'c',
    });
    api = new KServeApi({ contextName: 'c', namespace: 'team-a', kubeConfig });
  });

  after(async () => {
    api.dispose();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => { seen.length = 0; });

  it('server-side applies with the apply-patch content type, field manager and dry run, into the confirmed namespace', async () => {
    await api.apply({ object: ISVC, plural: 'inferenceservices', namespaced: true, namespace: 'team-b', fieldManager: 'kserve-toolkit', dryRun: true });
    const [request] = seen;
    assert.equal(request.method, 'PATCH');
    assert.equal(request.url.pathname, '/apis/serving.kserve.io/v1beta1/namespaces/team-b/inferenceservices/t5');
    assert.equal(request.contentType, 'application/apply-patch+yaml');
    assert.equal(request.url.searchParams.get('fieldManager'), 'kserve-toolkit');
    assert.equal(request.url.searchParams.get('dryRun'), 'All');
    assert.equal(request.url.searchParams.get('force'), null);
    assert.deepEqual(JSON.parse(request.body), ISVC);
  });

  it('says which fields the server rejected', async () => {
    const bad = { ...ISVC, metadata: { name: 'bad' } };
    const err = await api.apply({ object: bad, plural: 'inferenceservices', namespaced: true, fieldManager: 'm', dryRun: false }).catch((e: unknown) => e);
    assert.ok(err instanceof KubeError);
    assert.equal(err.kind, 'invalid');
    assert.equal(err.code, 'clusterInvalid');
    assert.deepEqual(err.causes, [{ field: 'spec.predictor.minReplicas', message: 'Invalid value: -1', reason: 'FieldValueInvalid' }]);
    assert.match(err.serverMessage ?? '', /"bad" is invalid/);
    assert.equal(seen[0].url.pathname, '/apis/serving.kserve.io/v1beta1/namespaces/team-a/inferenceservices/bad', "the context's namespace");
  });

  it('cancels the request itself, not just the wait for it', async () => {
    const abort = new AbortController();
    const slow = { ...ISVC, metadata: { name: 'slow' } };
    const pending = api.apply({ object: slow, plural: 'inferenceservices', namespaced: true, fieldManager: 'm', dryRun: true, signal: abort.signal });
    await waitFor(() => seen.length === 1 && seen[0].body !== '', { what: 'the request to arrive' });
    abort.abort();
    assert.ok(isAbortError(await pending.catch((e: unknown) => e)));
    await waitFor(() => seen[0].closedEarly, { what: 'the server to see the connection closed' });
  });

  it('reads events by involved object and lists with selectors, building every path itself', async () => {
    await api.events({ kind: 'InferenceService', namespace: 'team-a', name: 't5' });
    await api.list(RESOURCES.inferenceServices, { namespace: 'team-a', limit: 5, labelSelector: 'app=t5' });
    assert.equal(seen[0].url.pathname, '/api/v1/namespaces/team-a/events');
    assert.equal(seen[0].url.searchParams.get('fieldSelector'), 'involvedObject.kind=InferenceService,involvedObject.name=t5');
    assert.equal(seen[1].url.searchParams.get('limit'), '5');
    assert.equal(seen[1].url.searchParams.get('labelSelector'), 'app=t5');
  });
});
