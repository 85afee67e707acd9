import { KSERVE_GROUP, RESOURCES } from '../../core/explorer/resources';
import { KubeClient } from './client';
import { KubeError } from './errors';

export type KServeAvailability =
  | { readonly installed: true; readonly resources: readonly string[] }
  | { readonly installed: false; readonly reason: string };

interface ApiResourceList {
  resources?: { name: string }[];
}

/**
 * Asks the API server's discovery endpoint whether KServe's API group is served. Reachability and credential problems
 * surface as KubeErrors (unreachable, 401); a 403 on discovery is unusual and is treated as "installed".
 */
export async function discoverKServe(client: KubeClient, signal?: AbortSignal): Promise<KServeAvailability> {
  const { group, version } = RESOURCES.inferenceServices;
  try {
    const list = await client.requestJson<ApiResourceList>('GET', `/apis/${group}/${version}`, {
      describe: { verb: 'discover', what: `the ${KSERVE_GROUP}/${version} API` },
      signal,
      timeoutMs: 15_000,
    });
    const resources = (list?.resources ?? []).map((r) => r.name);
    if (!resources.includes(RESOURCES.inferenceServices.plural)) {
      return { installed: false, reason: `The ${group}/${version} API does not serve inferenceservices.` };
    }
    return { installed: true, resources };
  } catch (err) {
    if (err instanceof KubeError && err.kind === 'notFound') {
      return { installed: false, reason: `The API group ${group}/${version} is not served by this cluster.` };
    }
    if (err instanceof KubeError && err.kind === 'forbidden') return { installed: true, resources: [] };
    throw err;
  }
}
