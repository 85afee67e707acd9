import { ServiceKind } from '../kserve/serviceKinds';
import { isRecord, KubeObject } from './resources';

export interface KubeEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingComponent?: string;
  metadata?: { creationTimestamp?: string };
}

/** An event with what it is about, as the tree and the diagnosis read it. */
export interface EventSummary {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly count: number;
  /** ISO time it was last seen. */
  readonly lastSeen: string;
  readonly involvedKind: string;
  readonly involvedName: string;
  /** Who reported it: `default-scheduler`, `kubelet`, `v1beta1Controllers`. */
  readonly from: string;
}

/** The kinds KServe creates for a service's components, whose events belong to the service. */
const OWNED_KINDS = new Set([
  'Pod', 'Deployment', 'ReplicaSet', 'Service', 'Configuration', 'Revision', 'Route', 'HorizontalPodAutoscaler',
  'PodAutoscaler', 'KEDAScaledObject', 'ScaledObject', 'Ingress', 'VirtualService', 'HTTPRoute', 'LeaderWorkerSet',
  'InferencePool', 'ServiceAccount',
]);
const COMPONENTS = ['predictor', 'transformer', 'explainer'];

const when = (e: KubeEvent) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '';

export function summarizeEvent(object: KubeObject & KubeEvent): EventSummary {
  const involved = isRecord(object.involvedObject) ? object.involvedObject : {};
  return {
    type: object.type ?? 'Normal',
    reason: object.reason ?? '',
    message: (object.message ?? '').replace(/\s+/g, ' ').trim(),
    count: typeof object.count === 'number' && object.count > 0 ? object.count : 1,
    lastSeen: when(object),
    involvedKind: typeof involved.kind === 'string' ? involved.kind : '',
    involvedName: typeof involved.name === 'string' ? involved.name : '',
    from: object.source?.component ?? object.reportingComponent ?? '',
  };
}

/**
 * The events of an InferenceService and of everything KServe made for it: its pods (by name), and the Deployments,
 * ReplicaSets, Knative Services, Configurations, Revisions and autoscalers named `<service>-<component>…`.
 * Newest first.
 */
export function serviceEvents(
  events: readonly EventSummary[], isvcName: string, podNames: readonly string[], kind: ServiceKind = 'InferenceService',
): EventSummary[] {
  const pods = new Set(podNames);
  // An LLMInferenceService's Deployments, Services and scheduler are all named `<name>-kserve…`.
  const prefixes = kind === 'LLMInferenceService' ? [`${isvcName}-kserve`] : COMPONENTS.map((c) => `${isvcName}-${c}`);
  const ours = (e: EventSummary) =>
    (e.involvedKind === kind && e.involvedName === isvcName)
    || (e.involvedKind === 'Pod' && pods.has(e.involvedName))
    || (OWNED_KINDS.has(e.involvedKind) && prefixes.some((p) => e.involvedName === p || e.involvedName.startsWith(`${p}-`)));
  return newestFirst(events.filter(ours));
}

export function newestFirst(events: readonly EventSummary[]): EventSummary[] {
  return [...events].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}

/** Newest first, warnings marked, repeats counted: the text of an events tab. */
export function formatEventList(title: string, events: readonly EventSummary[]): string {
  const lines = [title, ''];
  if (events.length === 0) {
    lines.push('No events. Kubernetes keeps events for about an hour, so older ones are gone.');
    return `${lines.join('\n')}\n`;
  }
  const rows = events.map((e) => [
    e.lastSeen || '-', e.type === 'Warning' ? '⚠ Warning' : e.type, e.reason || '-', e.count > 1 ? `x${e.count}` : '',
    e.from || '-', `${e.involvedKind}/${e.involvedName}`, e.message,
  ]);
  const header = ['LAST SEEN', 'TYPE', 'REASON', 'COUNT', 'FROM', 'OBJECT', 'MESSAGE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  lines.push(format(header), ...rows.map(format));
  return `${lines.join('\n')}\n`;
}
