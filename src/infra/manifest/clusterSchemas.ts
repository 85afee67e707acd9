import { KubeConfig } from '@kubernetes/client-node';
import { KSERVE_GROUP } from '../../core/authoring/schemas/types';
import { KubeClient } from '../kube/client';

interface CrdList {
  items?: { spec?: { group?: string } }[];
}

/** The KServe CustomResourceDefinitions installed in the cluster, as the API server serves them (raw JSON). */
export async function fetchKServeCrds(kubeConfig: KubeConfig, signal?: AbortSignal): Promise<unknown[]> {
  const client = new KubeClient(kubeConfig);
  try {
    const list = await client.requestJson<CrdList>('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      describe: { verb: 'list', what: 'CustomResourceDefinitions' },
      signal,
    });
    // Items of a list carry no kind or apiVersion of their own.
    return (list.items ?? []).filter((crd) => crd.spec?.group === KSERVE_GROUP)
      .map((crd) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', ...crd }));
  } finally {
    client.dispose();
  }
}

/** The cluster's OpenAPI v2 document (`/openapi/v2`), which describes the core Kubernetes types. */
export async function fetchOpenApiV2(kubeConfig: KubeConfig, signal?: AbortSignal): Promise<{ definitions?: Record<string, unknown> }> {
  const client = new KubeClient(kubeConfig);
  try {
    return await client.requestJson('GET', '/openapi/v2', {
      describe: { verb: 'read', what: 'the OpenAPI document' },
      signal,
      timeoutMs: 120_000,
    });
  } finally {
    client.dispose();
  }
}
