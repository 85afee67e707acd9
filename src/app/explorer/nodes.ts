import { Diagnosis } from '../../core/explorer/diagnosis';
import { kindTag, ServiceKind } from '../../core/kserve/serviceKinds';
import { GroupKind } from './changes';

/** Tree elements are plain data with stable ids; TreeItems are built from them and the model on demand. */
export type ExplorerNode =
  | ContextNode | NamespaceNode | IsvcNode | GroupNode | ResourceNode | DetailNode | MessageNode
  | DiagnosisNode | PodsNode | PodNode | ContainerNode;

interface NodeBase {
  readonly id: string;
  readonly context: string;
}

export interface ContextNode extends NodeBase {
  readonly kind: 'context';
  readonly parent?: undefined;
}

export interface NamespaceNode extends NodeBase {
  readonly kind: 'namespace';
  readonly parent: ContextNode;
  readonly namespace: string;
}

/** An InferenceService or an LLMInferenceService: both are service rows with the same actions. */
export interface IsvcNode extends NodeBase {
  readonly kind: 'isvc';
  readonly parent: NamespaceNode;
  readonly serviceKind: ServiceKind;
  readonly namespace: string;
  readonly name: string;
}

export interface GroupNode extends NodeBase {
  readonly kind: 'group';
  readonly parent: ContextNode | NamespaceNode;
  readonly group: GroupKind;
  readonly namespace?: string;
}

export interface ResourceNode extends NodeBase {
  readonly kind: 'resource';
  readonly parent: GroupNode;
  readonly group: GroupKind;
  readonly name: string;
  readonly namespace?: string;
}

export type DetailIcon = { readonly id: string; readonly color?: string };

export interface DetailNode extends NodeBase {
  readonly kind: 'detail';
  readonly parent: IsvcNode | DetailNode;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon?: DetailIcon;
  readonly children?: readonly DetailNode[];
  /** Text the "copy" action puts on the clipboard (URLs, model ids). */
  readonly value?: string;
}

/** The first row of a service that is not Ready: the cause in plain words, with the next step as its action. */
export interface DiagnosisNode extends NodeBase {
  readonly kind: 'diagnosis';
  readonly parent: IsvcNode;
  readonly serviceKind: ServiceKind;
  readonly namespace: string;
  readonly name: string;
  readonly diagnosis: Diagnosis;
}

/** The Pods group of a service. */
export interface PodsNode extends NodeBase {
  readonly kind: 'pods';
  readonly parent: IsvcNode;
  readonly serviceKind: ServiceKind;
  readonly namespace: string;
  readonly isvc: string;
}

export interface PodNode extends NodeBase {
  readonly kind: 'pod';
  readonly parent: PodsNode;
  readonly serviceKind: ServiceKind;
  readonly namespace: string;
  readonly isvc: string;
  readonly pod: string;
}

export interface ContainerNode extends NodeBase {
  readonly kind: 'container';
  readonly parent: PodNode;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
}

export interface MessageNode extends NodeBase {
  readonly kind: 'message';
  readonly parent: ContextNode | NamespaceNode | GroupNode | PodsNode;
  readonly label: string;
  readonly tooltip?: string;
  readonly severity: 'info' | 'warning' | 'error';
}

type StableNode = ContextNode | NamespaceNode | IsvcNode | GroupNode | ResourceNode | PodsNode | PodNode;

/**
 * Hands out one object per id for the nodes that can be refreshed or revealed, so VS Code sees the same element
 * across refreshes. Detail and message nodes are rebuilt on every call: their ids stay stable, their text changes.
 */
export class NodeCache {
  private readonly nodes = new Map<string, StableNode>();

  get<T extends StableNode>(node: T): T {
    const existing = this.nodes.get(node.id);
    if (existing && existing.kind === node.kind) return existing as T;
    this.nodes.set(node.id, node);
    return node;
  }

  find(id: string): StableNode | undefined {
    return this.nodes.get(id);
  }

  /** Forgets the children of `parentId` (and their subtrees) that are not in `keep`: deleted services, hidden namespaces. */
  prune(parentId: string, keep: readonly ExplorerNode[]): void {
    const kept = new Set(keep.map((n) => n.id));
    const prefix = `${parentId}/`;
    for (const id of [...this.nodes.keys()]) {
      if (!id.startsWith(prefix)) continue;
      const child = `${prefix}${id.slice(prefix.length).split('/')[0]}`;
      if (!kept.has(child)) this.nodes.delete(id);
    }
  }

  clear(): void {
    this.nodes.clear();
  }
}

export const nodeIds = {
  context: (context: string) => `ctx:${context}`,
  namespace: (context: string, namespace: string) => `ctx:${context}/ns:${namespace}`,
  isvc: (context: string, namespace: string, name: string, kind: ServiceKind = 'InferenceService') =>
    `ctx:${context}/ns:${namespace}/${kindTag(kind)}:${name}`,
  pods: (context: string, namespace: string, isvc: string, kind?: ServiceKind) => `${nodeIds.isvc(context, namespace, isvc, kind)}/pods`,
  pod: (context: string, namespace: string, isvc: string, pod: string, kind?: ServiceKind) => `${nodeIds.pods(context, namespace, isvc, kind)}/pod:${pod}`,
  group: (context: string, group: GroupKind, namespace?: string) =>
    namespace ? `ctx:${context}/ns:${namespace}/group:${group}` : `ctx:${context}/group:${group}`,
};
