import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { isRecord, KubeObject, RESOURCES } from '../../core/explorer/resources';
import { podSelector, summarizePod } from '../../core/explorer/pods';
import { UserFacingError } from '../../core/errors';
import { InferenceServiceTarget } from '../../core/target';
import { ClusterModel } from './clusterModel';
import { ForwardTarget } from '../../infra/kube/portForward';
import { PortForwards, servingPort } from './forwards';

/** How requests reach a service: the address to connect to, the Host to send, and what to call it. */
export interface Reach {
  readonly baseUrl: string;
  /** Undefined when the address is the service itself (status.url, or a predictor pod). */
  readonly hostHeader: string | undefined;
  /** "via port-forward to istio-ingressgateway-5d9…", shown in the status bar and in errors. */
  readonly description: string;
  /** The origin a token stored for this route belongs to (a port-forward counts as what it forwards to). */
  readonly origin: string;
}

const PROBE_MS = 1_500;
const KSERVE_NAMESPACE = 'kserve';
const ISTIO_GATEWAY = { namespace: 'istio-system', name: 'istio-ingressgateway' };
const GATEWAY_API_LABEL = 'serving.kserve.io/gateway=kserve-ingress-gateway';

/** Whether something accepts TCP connections at `host:port` within a moment. */
export function answers(host: string, port: number, timeoutMs = PROBE_MS): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);

/**
 * Works out how to reach an InferenceService when no ingress address is set, in this order: its status.url when
 * the host resolves and answers; the ingress gateway's LoadBalancer address or a NodePort; a port-forward to a ready
 * gateway pod; for Standard (RawDeployment) services, a port-forward straight to a ready predictor pod.
 */
export async function discoverReach(target: InferenceServiceTarget, cluster: ClusterModel, forwards: PortForwards): Promise<Reach> {
  const status = new URL(target.url);
  const path = status.pathname.replace(/\/$/, '');
  const tried: string[] = [];
  const port = Number(status.port || (status.protocol === 'https:' ? 443 : 80));
  const resolves = await lookup(status.hostname).then(() => true, () => false);
  if (resolves && await answers(status.hostname, port)) {
    return { baseUrl: `${status.origin}${path}`, hostHeader: undefined, description: 'via its URL', origin: status.origin };
  }
  tried.push(`${status.host} (status.url) ${resolves ? 'does not answer' : 'does not resolve'}`);

  for (const gateway of await gatewayServices(cluster, target.kind === 'LLMInferenceService')) {
    const name = `${gateway.metadata.namespace}/${gateway.metadata.name}`;
    const spec = isRecord(gateway.spec) ? gateway.spec : {};
    const ports = list(spec.ports);
    const http = ports.find((p) => /^http2?$/.test(String(p.name))) ?? ports.find((p) => p.port === 80) ?? ports[0];
    if (!http) { tried.push(`${name} has no ports`); continue; }
    const origin = `http://${gateway.metadata.name}.${gateway.metadata.namespace}.svc:${http.port}`;
    const lb = list(isRecord(gateway.status) && isRecord(gateway.status.loadBalancer) ? gateway.status.loadBalancer.ingress : undefined)[0];
    const lbHost = str(lb?.ip) ?? str(lb?.hostname);
    if (lbHost) {
      if (await answers(lbHost, Number(http.port))) {
        return { baseUrl: `http://${lbHost}:${http.port}${path}`, hostHeader: status.host, description: `via ${name} (LoadBalancer ${lbHost})`, origin };
      }
      tried.push(`${name} LoadBalancer ${lbHost}:${http.port} does not answer`);
    }
    if (typeof http.nodePort === 'number') {
      for (const address of await nodeAddresses(cluster)) {
        if (await answers(address, http.nodePort)) {
          return { baseUrl: `http://${address}:${http.nodePort}${path}`, hostHeader: status.host, description: `via ${name} (NodePort ${address}:${http.nodePort})`, origin };
        }
      }
      tried.push(`${name} NodePort ${http.nodePort} answers on no node`);
    }
    const selector = isRecord(spec.selector) ? Object.entries(spec.selector).map(([k, v]) => `${k}=${String(v)}`).join(',') : '';
    const gatewayNamespace = gateway.metadata.namespace ?? '';
    const choose = async (): Promise<ForwardTarget> => {
      const pod = selector ? await readyPod(cluster, gatewayNamespace, selector) : undefined;
      if (!pod) throw new UserFacingError(`${name} has no ready pod to port-forward to`, 'connectionRefused');
      return { namespace: pod.namespace, pod: pod.name, port: podPort(pod.object, http.targetPort) ?? Number(http.port) };
    };
    const forward = await forwards.start(cluster, `service/${name}:${http.port}`, choose).catch((err: unknown) => {
      tried.push(err instanceof Error ? err.message : String(err));
      return undefined;
    });
    if (!forward) continue;
    return { baseUrl: `${forward.url}${path}`, hostHeader: status.host, description: `via port-forward to ${forward.target.pod}`, origin };
  }
  if (tried.length === 1) tried.push('no ingress gateway Service was found');

  const llm = target.kind === 'LLMInferenceService';
  // vLLM serves its routes at the root of the workload pod; the gateway's `/<namespace>/<name>` prefix is not there.
  const servers = llm ? `${podSelector(target.name, target.kind)},app.kubernetes.io/component=llminferenceservice-workload`
    : `${podSelector(target.name)},component=predictor`;
  const role = llm ? 'workload' : 'predictor';
  const server = await forwards.start(cluster, `${role}/${target.namespace}/${target.name}`, async () => {
    const pod = await readyPod(cluster, target.namespace, servers);
    if (!pod) throw new UserFacingError(`${target.namespace}/${target.name} has no ready ${role} pod`, 'connectionRefused');
    return { namespace: pod.namespace, pod: pod.name, port: servingPort(target.kind) };
  }).catch((err: unknown) => { tried.push(err instanceof Error ? err.message : String(err)); return undefined; });
  if (server) {
    return { baseUrl: server.url, hostHeader: undefined, description: `via port-forward to ${server.target.pod}`,
      origin: llm ? `http://${target.name}-kserve-workload-svc.${target.namespace}.svc` : `http://${target.name}-predictor.${target.namespace}.svc` };
  }
  throw new UserFacingError(`Cannot reach ${target.namespace}/${target.name}: ${tried.join('; ')}. Set kserve.ingress.url to your ingress gateway's address.`,
    'connectionRefused');
}

/**
 * The ingress gateway Services, as KServe's `inferenceservice-config` says (Istio's, or the Gateway API one).
 * LLMInferenceServices are always routed by the Gateway API.
 */
async function gatewayServices(cluster: ClusterModel, gatewayApiOnly: boolean): Promise<KubeObject[]> {
  const gatewayApi = gatewayApiOnly ? true : await gatewayApiEnabled(cluster);
  const found: KubeObject[] = [];
  if (gatewayApi !== true) {
    const istio = await cluster.api.get(RESOURCES.services, ISTIO_GATEWAY.namespace, ISTIO_GATEWAY.name).catch(() => undefined);
    if (istio) found.push(istio);
  }
  if (gatewayApi !== false) {
    const labelled = await cluster.api.list(RESOURCES.services, { labelSelector: GATEWAY_API_LABEL }).catch(() => undefined);
    found.push(...(labelled?.items ?? []));
  }
  return found;
}

/** Whether KServe's `inferenceservice-config` enables the Gateway API; undefined when it cannot be read (try both). */
async function gatewayApiEnabled(cluster: ClusterModel): Promise<boolean | undefined> {
  try {
    const config = await cluster.api.get(RESOURCES.configMaps, KSERVE_NAMESPACE, 'inferenceservice-config');
    const ingress = JSON.parse(String((isRecord(config.data) ? config.data : {}).ingress ?? '{}')) as { enableGatewayApi?: boolean };
    return ingress.enableGatewayApi === true;
  } catch {
    return undefined;
  }
}

async function nodeAddresses(cluster: ClusterModel): Promise<string[]> {
  const nodes = await cluster.api.list(RESOURCES.nodes).catch(() => undefined);
  const addresses = (nodes?.items ?? []).flatMap((node) => list(isRecord(node.status) ? node.status.addresses : undefined));
  const by = (type: string) => addresses.filter((a) => a.type === type).map((a) => String(a.address));
  return [...new Set([...by('ExternalIP'), ...by('InternalIP')])];
}

/** The newest running, ready pod with these labels. */
export async function readyPod(cluster: ClusterModel, namespace: string, labelSelector: string) {
  const pods = await cluster.api.list(RESOURCES.pods, { namespace, labelSelector }).catch(() => undefined);
  const ready = (pods?.items ?? []).map((object) => ({ object, ...summarizePod(object) })).filter((p) => p.ready && p.phase === 'Running');
  return ready.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
}

/** A Service's targetPort in the pod: a number, or the pod's container port of that name. */
function podPort(pod: KubeObject, targetPort: unknown): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  const containers = list(isRecord(pod.spec) ? pod.spec.containers : undefined);
  const named = containers.flatMap((c) => list(c.ports)).find((p) => p.name === targetPort);
  return typeof named?.containerPort === 'number' ? named.containerPort : undefined;
}
