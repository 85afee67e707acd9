import { ServiceKind } from '../../core/kserve/serviceKinds';
import { IsvcPhase } from '../../core/explorer/status';
import { InformerState } from '../../infra/kube/informer';
import { ExplorerModel, ExplorerState } from './explorerModel';

export interface ServiceSnapshot {
  readonly kind: ServiceKind;
  readonly namespace: string;
  readonly name: string;
  readonly phase: IsvcPhase;
  readonly reason?: string;
  readonly message?: string;
  readonly url?: string;
  readonly resourceVersion?: string;
  readonly warning?: string;
  /** LLMInferenceServices: `single-node · scheduler`, … */
  readonly topology?: string;
}

export interface NamespaceSnapshot {
  readonly state: InformerState['kind'];
  /** `forbidden`, `unauthorized`, ... when state is `failed` or `reconnecting`. */
  readonly errorKind?: string;
  readonly error?: string;
  readonly services: readonly ServiceSnapshot[];
}

/** A plain-data picture of the explorer, for tests and diagnostics. */
export interface ExplorerSnapshot {
  readonly state: ExplorerState['kind'];
  readonly message?: string;
  readonly context?: string;
  readonly contexts: readonly string[];
  readonly reconnecting: boolean;
  readonly visibleNamespaces: readonly string[];
  /** Only the namespaces being watched (expanded, or asked for by a command). */
  readonly namespaces: Readonly<Record<string, NamespaceSnapshot>>;
}

export function takeSnapshot(model: ExplorerModel): ExplorerSnapshot {
  const state = model.state;
  const cluster = model.cluster;
  const namespaces: Record<string, NamespaceSnapshot> = {};
  for (const namespace of cluster?.watchedNamespaces() ?? []) {
    const informerState = cluster!.namespaceState(namespace);
    const error = informerState.kind === 'failed' || informerState.kind === 'reconnecting' ? informerState.error : undefined;
    namespaces[namespace] = {
      state: informerState.kind,
      ...(error ? { errorKind: error.kind, error: error.message } : {}),
      services: cluster!.services(namespace).map((isvc) => ({
        kind: isvc.kind,
        namespace: isvc.namespace,
        name: isvc.name,
        phase: isvc.status.phase,
        reason: isvc.status.reason,
        message: isvc.status.message,
        url: isvc.details.url,
        resourceVersion: isvc.resourceVersion,
        ...(isvc.status.warning ? { warning: isvc.status.warning } : {}),
        ...(isvc.details.llm?.topology ? { topology: isvc.details.llm.topology } : {}),
      })),
    };
  }
  return {
    state: state.kind,
    message: stateMessage(state),
    context: cluster?.contextName,
    contexts: model.session.contexts,
    reconnecting: cluster?.reconnecting ?? false,
    visibleNamespaces: state.kind === 'ready' ? cluster?.visibleNamespaces() ?? [] : [],
    namespaces,
  };
}

export function stateMessage(state: ExplorerState): string | undefined {
  switch (state.kind) {
    case 'noKubeconfig': return `No kubeconfig found (looked for ${state.searched.join(', ') || 'nothing'}).`;
    case 'invalidKubeconfig': return state.message;
    case 'noKServe': return `KServe is not installed in this cluster. ${state.reason}`;
    case 'unreachable':
    case 'unauthorized':
    case 'error': return state.error.message;
    default: return undefined;
  }
}
