import { stringify } from 'yaml';
import { isRecord, KubeObject } from './resources';

const SERVER_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

/** The live object as `kubectl get -o yaml` shows it by default: without managedFields. */
export function liveManifestYaml(object: KubeObject): string {
  const { managedFields: _managed, ...metadata } = object.metadata;
  return stringify({ ...object, metadata }, { lineWidth: 0 });
}

/**
 * A copy to edit and apply: apiVersion, kind, name, namespace, labels, annotations and spec. Server-owned fields
 * (status, uid, resourceVersion, generation, timestamps, managedFields) are left out so that applying the copy
 * changes only what the user edits.
 */
export function editableManifestYaml(object: KubeObject): string {
  const meta = object.metadata;
  const annotations = Object.fromEntries(Object.entries(meta.annotations ?? {}).filter(([k]) => !SERVER_ANNOTATIONS.includes(k)));
  const metadata: Record<string, unknown> = { name: meta.name };
  if (meta.namespace) metadata.namespace = meta.namespace;
  if (meta.labels && Object.keys(meta.labels).length) metadata.labels = meta.labels;
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const copy: Record<string, unknown> = { apiVersion: object.apiVersion, kind: object.kind, metadata };
  if (isRecord(object.spec)) copy.spec = object.spec;
  return stringify(copy, { lineWidth: 0 });
}

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

/** Events, newest last, as aligned text like `kubectl describe` prints them. */
export function formatEvents(title: string, events: readonly KubeEvent[]): string {
  const when = (e: KubeEvent) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '';
  const sorted = [...events].sort((a, b) => when(a).localeCompare(when(b)));
  const lines = [title, ''];
  if (sorted.length === 0) {
    lines.push('No events. Kubernetes keeps events for about an hour, so older ones are gone.');
    return lines.join('\n') + '\n';
  }
  const rows = sorted.map((e) => [
    when(e) || '-', e.type ?? '-', e.reason ?? '-', e.count && e.count > 1 ? `x${e.count}` : '',
    e.source?.component ?? e.reportingComponent ?? '-', (e.message ?? '').replace(/\s+/g, ' ').trim(),
  ]);
  const header = ['LAST SEEN', 'TYPE', 'REASON', 'COUNT', 'FROM', 'MESSAGE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  lines.push(format(header), ...rows.map(format));
  return lines.join('\n') + '\n';
}
