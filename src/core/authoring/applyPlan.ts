import { documentObject } from './objects';
import { KindInfo } from './schemas/types';
import { KServeDocument } from './validator';

/** One object exactly as it will be sent, with the identity the API server will read from it. */
export interface PlannedObject {
  readonly index: number;
  readonly kind: KindInfo;
  readonly object: Record<string, unknown>;
  readonly name?: string;
  /** For namespaced kinds: the object's own namespace, else the context's. */
  readonly namespace?: string;
}

/**
 * Resolves the chosen documents of one snapshot of the file into the objects to send. Names and namespaces are read
 * from the resolved objects (aliases and all), so a confirmation names exactly what the request will carry.
 */
export function planObjects(text: string, documents: readonly KServeDocument[], defaultNamespace: string): PlannedObject[] {
  const planned: PlannedObject[] = [];
  for (const found of documents) {
    const object = documentObject(text, found.index);
    if (!object) continue;
    const metadata = object.metadata as { name?: unknown; namespace?: unknown } | undefined;
    const name = typeof metadata?.name === 'string' && metadata.name ? metadata.name : undefined;
    const own = typeof metadata?.namespace === 'string' && metadata.namespace ? metadata.namespace : undefined;
    planned.push({ index: found.index, kind: found.kind, object, name, namespace: found.kind.namespaced ? own ?? defaultNamespace : undefined });
  }
  return planned;
}

export function describePlanned(planned: Pick<PlannedObject, 'kind' | 'name'>): string {
  return `${planned.kind.kind} "${planned.name ?? '(no name)'}"`;
}

/** The question asked before an apply: what, where, and on which context. */
export function applyQuestion(planned: readonly PlannedObject[], contextName: string): string {
  const namespaces = [...new Set(planned.flatMap((p) => (p.namespace === undefined ? [] : [p.namespace])))];
  const what = planned.length === 1 ? describePlanned(planned[0]) : `${planned.length} KServe documents`;
  const where = namespaces.length ? ` in namespace${namespaces.length > 1 ? 's' : ''} ${namespaces.map((n) => `"${n}"`).join(', ')}` : '';
  return `Apply ${what}${where} on context "${contextName}"?`;
}
