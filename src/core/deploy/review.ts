import { parseAllDocuments, stringify } from 'yaml';
import { DeployKind, DEPLOY_TYPES, HF_TOKEN_KEY, PlannedObject } from './plan';

/**
 * The review document: every planned object but the Secret as YAML, which the editor validates like any manifest and
 * the user may edit before Deploy. The Secret is named in a comment only: its value is never shown.
 */
export function reviewYaml(planned: readonly PlannedObject[]): string {
  const secret = planned.find((p) => p.kind === 'Secret');
  const header = [
    '# KServe: Deploy a Model. Review, edit if you like, then choose Dry-run or Deploy in the notification.',
    ...(secret ? [`# Also created: Secret ${secret.namespace}/${secret.name} with ${HF_TOKEN_KEY} from your input (not shown).`] : []),
  ].join('\n');
  const documents = planned.filter((p) => p.kind !== 'Secret').map((p) => stringify(p.object, { lineWidth: 0 }).trimEnd());
  return `${header}\n${documents.join('\n---\n')}\n`;
}

/** The objects of an edited review document, or why it cannot be deployed. */
export function readReview(text: string): { objects: PlannedObject[] } | { problem: string } {
  const objects: PlannedObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) return { problem: `The review document has a YAML error: ${document.errors[0].message}` };
    const value = document.toJS() as Record<string, unknown> | null;
    if (value === null || value === undefined) continue;
    const kind = value.kind as DeployKind;
    const metadata = (value.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    if (!(kind in DEPLOY_TYPES) || kind === 'Secret') return { problem: `Guided deploy writes only ClusterStorageContainers and InferenceServices, not ${String(value.kind)}.` };
    if (typeof metadata.name !== 'string' || !metadata.name) return { problem: `A ${kind} in the review document has no metadata.name.` };
    const namespace = DEPLOY_TYPES[kind].namespaced && typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    objects.push({ kind, name: metadata.name, namespace, object: value });
  }
  if (!objects.some((o) => o.kind === 'InferenceService')) return { problem: 'The review document holds no InferenceService.' };
  return { objects };
}
