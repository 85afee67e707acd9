// Nodes, Pods and Events in the test cluster, written the way the kubelet and the scheduler write them: pods are
// created, then their status is set through the status subresource.
import type * as k8s from '@kubernetes/client-node';
import type { TestCluster } from './cluster';
import { KubeletStandin } from './kubeletStandin';

/** Registers `standin` as the kubelet of Node `name` (created or updated). */
export async function registerNode(cluster: TestCluster, name: string, standin: KubeletStandin): Promise<void> {
  try {
    await cluster.core.createNode({ body: { metadata: { name, labels: { 'kserve-toolkit/test': 'true' } } } });
  } catch (error) {
    if ((error as { code?: number }).code !== 409) throw error;
  }
  const node = await cluster.core.readNode({ name });
  await cluster.core.replaceNodeStatus({ name, body: { ...node, status: standin.nodeStatus() as k8s.V1NodeStatus } });
}

/** Creates the pod on `nodeName` and sets its status as the kubelet reports it. */
export async function createPod(cluster: TestCluster, pod: Record<string, unknown>, status: Record<string, unknown>, nodeName?: string): Promise<void> {
  const body = pod as unknown as k8s.V1Pod;
  const namespace = body.metadata?.namespace ?? 'default';
  if (nodeName) body.spec = { ...body.spec!, nodeName };
  const created = await cluster.core.createNamespacedPod({ namespace, body });
  await cluster.core.replaceNamespacedPodStatus({ name: created.metadata!.name!, namespace, body: { ...created, status: status as k8s.V1PodStatus } });
}

export async function setPodStatus(cluster: TestCluster, namespace: string, name: string, status: Record<string, unknown>): Promise<void> {
  const current = await cluster.core.readNamespacedPod({ name, namespace });
  await cluster.core.replaceNamespacedPodStatus({ name, namespace, body: { ...current, status: status as k8s.V1PodStatus } });
}

export async function createEvent(cluster: TestCluster, event: Record<string, unknown>): Promise<void> {
  const body = event as unknown as k8s.CoreV1Event;
  await cluster.core.createNamespacedEvent({ namespace: body.metadata.namespace ?? 'default', body });
}
