// @ts-check
// Loads the KServe CRDs into the main test API server and creates the namespaces and RBAC the tests rely on.
// Reads the connection from the env written by up.sh: KAPI_API_URL, KAPI_CA_FILE, KAPI_ADMIN_TOKEN.
// CRDs come from KServe's files vendored in the repo (third_party/kserve/crds).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const FIELD_MANAGER = 'kserve-test-cluster';
// Lets a restart on kept etcd data skip re-applying unchanged CRDs (applying the 2 MB InferenceService CRD ~1.5 s).
const SOURCE_HASH_ANNOTATION = 'kserve-toolkit.test/source-sha256';
const TIMEOUT_MS = 60_000;
const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const crdDir = path.resolve(scriptDir, '..', '..', 'third_party', 'kserve', 'crds');
const apiUrl = new URL(requireEnv('KAPI_API_URL'));
const agent = new https.Agent({ ca: readFileSync(requireEnv('KAPI_CA_FILE')), keepAlive: true, maxSockets: 8 });
const token = requireEnv('KAPI_ADMIN_TOKEN');

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (source the state dir's env file)`);
  return value;
}

/**
 * @param {string} method @param {string} requestPath
 * @param {{ body?: unknown; contentType?: string; accept?: string }} [options]
 */
function request(method, requestPath, { body, contentType = 'application/json', accept = 'application/json' } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(requestPath, apiUrl), {
      method, agent,
      headers: {
        Authorization: `Bearer ${token}`, Accept: accept,
        ...(payload === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) }),
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function apply(resourcePath, object) {
  const query = `?fieldManager=${FIELD_MANAGER}&force=true`;
  const res = await request('PATCH', resourcePath + query, { body: object, contentType: 'application/apply-patch+yaml' });
  if (res.status >= 300) {
    throw new Error(`apply ${object.kind} ${object.metadata.name}: HTTP ${res.status} ${res.json?.message ?? res.text}`);
  }
  return res.json;
}

// Kubernetes 1.20 predates CEL rules (`x-kubernetes-validations`). A 1.20 server built with a newer Go than it
// shipped with also rejects `default: ""` (see build-kube-apiserver.sh); those are only dropped when it does.
function withoutUnsupportedSchemaFields(node, { emptyDefaults }) {
  if (Array.isArray(node)) return node.map((item) => withoutUnsupportedSchemaFields(item, { emptyDefaults }));
  if (node === null || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'x-kubernetes-validations') continue;
    if (emptyDefaults && key === 'default' && value === '') continue;
    copy[key] = withoutUnsupportedSchemaFields(value, { emptyDefaults });
  }
  return copy;
}

async function storedCrdSourceHashes() {
  const res = await request('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    { accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' });
  if (res.status !== 200) throw new Error(`list CRDs: HTTP ${res.status} ${res.text}`);
  return new Map((res.json.items ?? []).map((item) => [item.metadata.name, item.metadata.annotations?.[SOURCE_HASH_ANNOTATION]]));
}

async function applyCrd(crd, storedHash) {
  const resourcePath = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`;
  for (const emptyDefaults of [false, true]) {
    const desired = withoutUnsupportedSchemaFields(crd, { emptyDefaults });
    const hash = createHash('sha256').update(JSON.stringify(desired)).digest('hex');
    if (hash === storedHash) return 'unchanged';
    desired.metadata.annotations = { ...desired.metadata.annotations, [SOURCE_HASH_ANNOTATION]: hash };
    try {
      await apply(resourcePath, desired);
      return 'applied';
    } catch (error) {
      if (emptyDefaults || !/default: Invalid value/.test(error instanceof Error ? error.message : '')) throw error;
    }
  }
}

// Parsing the 2.4 MB of CRD YAML costs ~0.6 s, so the parsed form is cached (outside the repo) per source version.
function readCrds() {
  const files = existsSync(crdDir) ? readdirSync(crdDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  if (files.length === 0) {
    console.error(`provision: no KServe CRDs in ${crdDir}; refresh them with npm run kserve:vendor`);
    process.exit(1);
  }
  const sourceKey = createHash('sha256').update(JSON.stringify(files.map((file) => {
    const { size, mtimeMs } = statSync(path.join(crdDir, file));
    return [path.join(crdDir, file), size, mtimeMs];
  }))).digest('hex');
  const cacheFile = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'kapi', 'crd-cache',
    `${sourceKey}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8'));
  } catch {
    const crds = files.flatMap((file) => parseAllDocuments(readFileSync(path.join(crdDir, file), 'utf8'))
      .map((doc) => doc.toJS())
      .filter((crd) => crd?.kind === 'CustomResourceDefinition'));
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(`${cacheFile}.${process.pid}`, JSON.stringify(crds));
    renameSync(`${cacheFile}.${process.pid}`, cacheFile);
    return crds;
  }
}

async function waitFor(what, probe, explainTimeout = async () => '') {
  const deadline = Date.now() + TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    const result = await probe();
    if (result === true) return;
    last = result || last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const explanation = await explainTimeout();
  throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}${last ? `: ${last}` : ''}${explanation}`);
}

// Discovery only lists a CRD's resource once the CRD is Established, so discovery plus a successful list shows it
// is served without polling the (2 MB) CRD object itself.
async function waitUntilServed(crd) {
  const { group, names: { plural } } = crd.spec;
  const conditionsOfCrd = async () => {
    const res = await request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`);
    const conditions = (res.json?.status?.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.message ?? ''}`);
    return `; CRD conditions: ${conditions.join('; ') || `none (HTTP ${res.status})`}`;
  };
  for (const version of crd.spec.versions.filter((v) => v.served)) {
    await waitFor(`discovery of ${plural}.${group}/${version.name}`, async () => {
      const res = await request('GET', `/apis/${group}/${version.name}`);
      return res.json?.resources?.some((r) => r.name === plural) === true || `HTTP ${res.status}`;
    }, conditionsOfCrd);
    await waitFor(`list of ${plural}.${group}/${version.name}`, async () => {
      const res = await request('GET', `/apis/${group}/${version.name}/${plural}?limit=1`);
      return res.status === 200 || `HTTP ${res.status}`;
    }, conditionsOfCrd);
  }
}

const namespaces = ['team-a', 'team-b'];
const rbacObjects = [
  {
    path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/kserve-test-inferenceservice-reader',
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: { name: 'kserve-test-inferenceservice-reader' },
      rules: [{ apiGroups: ['serving.kserve.io'], resources: ['inferenceservices'], verbs: ['get', 'list', 'watch'] }],
    },
  },
  {
    path: '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/rolebindings/limited-reads-inferenceservices',
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
      metadata: { name: 'limited-reads-inferenceservices', namespace: 'team-a' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kserve-test-inferenceservice-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'limited' }],
    },
  },
  {
    path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/kserve-test-namespace-lister',
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
      metadata: { name: 'kserve-test-namespace-lister' },
      rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['list', 'watch'] }],
    },
  },
  {
    path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/limited-lists-namespaces',
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
      metadata: { name: 'limited-lists-namespaces' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kserve-test-namespace-lister' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'limited' }],
    },
  },
];

const startedAt = Date.now();
const crds = readCrds();
const storedHashes = await storedCrdSourceHashes();
const outcomes = await Promise.all(crds.map((crd) => applyCrd(crd, storedHashes.get(crd.metadata.name))));
const appliedAt = Date.now();
for (const name of namespaces) {
  await apply(`/api/v1/namespaces/${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}
for (const { path: resourcePath, object } of rbacObjects) await apply(resourcePath, object);
const rbacAt = Date.now();
await Promise.all(crds.map(waitUntilServed));
agent.destroy();
const applied = outcomes.filter((outcome) => outcome === 'applied').length;
console.error(`provision: ${crds.length} CRDs served (${applied} applied, ${crds.length - applied} unchanged), namespaces ${namespaces.join(', ')} and RBAC applied ` +
  `in ${Date.now() - startedAt} ms (CRDs read+applied ${appliedAt - startedAt} ms, RBAC ${rbacAt - appliedAt} ms, ` +
  `served after ${Date.now() - rbacAt} ms more)`);
