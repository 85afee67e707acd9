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
