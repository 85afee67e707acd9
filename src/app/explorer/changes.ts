import { ServiceKind } from '../../core/kserve/serviceKinds';
import { KubeError } from '../../infra/kube/errors';

/** Whether the explorer could connect to a cluster context, and if not, why. */
export type ClusterState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'noKServe'; readonly reason: string }
  | { readonly kind: 'unreachable' | 'unauthorized' | 'error'; readonly error: KubeError };

export type GroupKind = 'servingRuntimes' | 'clusterServingRuntimes' | 'clusterStorageContainers';

/** What changed, as precisely as known; the tree refreshes only the matching node. */
export type ExplorerChange =
  | { readonly kind: 'root' }
  | { readonly kind: 'context' }
  | { readonly kind: 'namespace'; readonly namespace: string }
  | { readonly kind: 'isvc'; readonly namespace: string; readonly name: string; readonly serviceKind?: ServiceKind }
  | { readonly kind: 'group'; readonly group: GroupKind; readonly namespace?: string };

/** The key of a group's informer: `<group>` or `<group>/<namespace>`. */
export function groupKey(group: GroupKind, namespace?: string): string {
  return namespace ? `${group}/${namespace}` : group;
}

export function parseGroupKey(key: string): { group: GroupKind; namespace?: string } {
  const [group, namespace] = key.split('/') as [GroupKind, string | undefined];
  return namespace ? { group, namespace } : { group };
}
