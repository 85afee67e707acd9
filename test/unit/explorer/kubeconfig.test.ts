import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorFromFailure, errorFromStatus, KubeError } from '../../../src/infra/kube/errors';
import { kubeconfigFiles, loadKubeconfig } from '../../../src/infra/kube/kubeconfig';
import { KubeSession } from '../../../src/infra/kube/session';

function kubeconfig(contexts: { name: string; cluster: string; user: string; namespace?: string }[], current?: string, extra = ''): string {
  const clusters = [...new Set(contexts.map((c) => c.cluster))].map((c) => `- name: ${c}\n  cluster: {server: "https://${c}.example:6443"}`).join('\n');
  const users = [...new Set(contexts.map((c) => c.user))].map((u) => `- name: ${u}\n  user: {token: "t-${u}"}`).join('\n');
  const ctx = contexts.map((c) => `- name: ${c.name}\n  context: {cluster: ${c.cluster}, user: ${c.user}${c.namespace ? `, namespace: ${c.namespace}` : ''}}`).join('\n');
  return `apiVersion: v1\nkind: Config\nclusters:\n${clusters}\nusers:\n${users}\ncontexts:\n${ctx}\n${current ? `current-context: ${current}\n` : ''}${extra}`;
}

describe('explorer kubeconfig loading', () => {
  let dir: string;
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kserve-kubeconfig-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prefers the setting, then KUBECONFIG (several files), then ~/.kube/config', () => {
    const home = '/home/me';
    assert.deepEqual(kubeconfigFiles({ settingPath: '~/k.yaml', kubeconfigEnv: '/a', homeDir: home }), ['/home/me/k.yaml']);
    assert.deepEqual(kubeconfigFiles({ settingPath: ' ', kubeconfigEnv: `/a${path.delimiter}/b${path.delimiter}`, homeDir: home }), ['/a', '/b']);
    assert.deepEqual(kubeconfigFiles({ settingPath: '', kubeconfigEnv: '', homeDir: home }), ['/home/me/.kube/config']);
  });

  it('merges several files like kubectl: first definition and first current-context win', () => {
    const first = write('a.yaml', kubeconfig([{ name: 'dev', cluster: 'dev', user: 'alice' }], 'dev'));
    const second = write('b.yaml', kubeconfig([{ name: 'dev', cluster: 'other', user: 'bob' }, { name: 'prod', cluster: 'prod', user: 'bob', namespace: 'models' }], 'prod'));
    const load = loadKubeconfig([first, path.join(dir, 'missing.yaml'), second]);
    assert.equal(load.kind, 'loaded');
    if (load.kind !== 'loaded') return;
    assert.deepEqual(load.contexts, ['dev', 'prod']);
    assert.equal(load.config.getCurrentContext(), 'dev');
    assert.equal(load.config.getContextObject('dev')?.cluster, 'dev');
    assert.equal(load.config.getContextObject('prod')?.namespace, 'models');
    assert.deepEqual(load.files, [first, second]);
  });

  it('keeps exec and OIDC users for client-node to run', () => {
    const file = write('exec.yaml', `apiVersion: v1
kind: Config
clusters:
- name: eks
  cluster: {server: "https://eks.example"}
users:
- name: aws
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token, --cluster-name, c]}
- name: oidc
  user:
    auth-provider: {name: oidc, config: {client-id: kube, id-token: abc, idp-issuer-url: "https://issuer.example"}}
contexts:
- name: eks
  context: {cluster: eks, user: aws}
- name: oidc
  context: {cluster: eks, user: oidc}
current-context: eks
`);
    const load = loadKubeconfig([file]);
    assert.equal(load.kind, 'loaded');
    if (load.kind !== 'loaded') return;
    assert.equal(load.config.getUser('aws')?.exec?.command, 'aws');
    assert.equal(load.config.getUser('oidc')?.authProvider?.name, 'oidc');
  });

  it('reports missing and invalid kubeconfigs', () => {
    assert.deepEqual(loadKubeconfig([path.join(dir, 'nope')]), { kind: 'missing', searched: [path.join(dir, 'nope')] });
    const bad = loadKubeconfig([write('bad.yaml', 'clusters: [unclosed')]);
    assert.equal(bad.kind, 'invalid');
    assert.match(bad.kind === 'invalid' ? bad.message : '', /bad\.yaml is not a valid kubeconfig/);
    const empty = loadKubeconfig([write('empty.yaml', 'apiVersion: v1\nkind: Config\n')]);
    assert.match(empty.kind === 'invalid' ? empty.message : '', /No contexts/);
  });

  it('session: picks the preferred context, switches contexts, and never writes the file', () => {
    const file = write('a.yaml', kubeconfig([{ name: 'dev', cluster: 'dev', user: 'alice' }, { name: 'prod', cluster: 'prod', user: 'bob', namespace: 'models' }], 'dev'));
    const before = fs.readFileSync(file, 'utf8');
    const session = new KubeSession({ sources: () => ({ settingPath: file }), preferredContext: () => 'prod' });
    assert.equal(session.current?.contextName, 'prod');
    assert.equal(session.current?.namespace, 'models');
    assert.equal(session.current?.kubeConfig.getCurrentCluster()?.server, 'https://prod.example:6443');
    const seen: (string | undefined)[] = [];
    session.onDidChangeConnection((c) => seen.push(c?.contextName));
    session.useContext('dev');
    assert.equal(session.current?.namespace, 'default');
    assert.throws(() => session.useContext('nope'), /does not exist/);
    session.reload();
    assert.deepEqual(seen, ['dev', 'dev'], 'reload keeps the context in use');
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    session.dispose();
  });

  it('session: no kubeconfig means no connection', () => {
    const session = new KubeSession({ sources: () => ({ settingPath: path.join(dir, 'absent') }) });
    assert.equal(session.current, undefined);
    assert.equal(session.kubeconfig.kind, 'missing');
    session.dispose();
  });
});

describe('explorer Kubernetes error messages', () => {
  const request = { verb: 'list', what: 'InferenceServices in namespace team-b', server: 'https://127.0.0.1:6443' };

  it('names cause and remedy for 401, 403, 404, 410 and 5xx', () => {
    const forbidden = errorFromStatus(403, { message: 'User "limited" cannot list resource "inferenceservices"' }, request);
    assert.equal(forbidden.kind, 'forbidden');
    assert.equal(forbidden.message, 'You may not list InferenceServices in namespace team-b (403 Forbidden). Ask a cluster administrator for access, or choose other namespaces.');
    assert.match(forbidden.detail ?? '', /User "limited" cannot list/);
    assert.match(errorFromStatus(401, undefined, request).message, /did not accept your credentials \(401 Unauthorized\).*log in/);
    assert.equal(errorFromStatus(404, undefined, request).kind, 'notFound');
    assert.equal(errorFromStatus(410, { reason: 'Expired' }, request).kind, 'gone');
    assert.match(errorFromStatus(503, { reason: 'ServiceUnavailable', message: 'etcd down' }, request).message, /HTTP 503 ServiceUnavailable\): etcd down/);
  });

  it('maps network failures to "unreachable" and certificate failures to "tls"', () => {
    const refused = errorFromFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }), request) as KubeError;
    assert.equal(refused.kind, 'unreachable');
    assert.match(refused.message, /Cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:6443: the connection was refused/);
    const tls = errorFromFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }) }), request) as KubeError;
    assert.equal(tls.kind, 'tls');
    const abort = new DOMException('aborted', 'AbortError');
    assert.equal(errorFromFailure(abort, request), abort);
  });
});
