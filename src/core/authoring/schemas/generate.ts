import { convertCrd } from './crdToSchema';
import { dedupeSchema } from './dedupe';
import { DescriptionMerger, DescriptionSources } from './descriptions';
import { inheritDescriptions } from './inherit';
import { KSERVE_GROUP } from '../../kserve/group';
import { isObject, JsonSchema, KindInfo, SchemaIndex } from './types';

export interface GeneratedSchemas {
  index: SchemaIndex;
  schemas: Map<string, JsonSchema>;
}

/**
 * Builds one JSON Schema per KServe kind from CRD objects (other groups are skipped), with descriptions merged from
 * Swagger. The output depends only on the inputs, so regenerating from the same CRDs gives identical files.
 */
export function generateSchemas(
  crds: unknown[],
  sources: DescriptionSources = {},
  /** Schemas to copy missing descriptions from, by kind (a cluster's CRDs have none). */
  describedBy?: (kind: string) => JsonSchema | undefined,
): GeneratedSchemas {
  const merger = new DescriptionMerger(sources);
  const byKind = new Map<string, { info: KindInfo; schema: JsonSchema }>();
  for (const crd of crds) {
    if (!isObject(crd) || !isObject(crd.spec) || crd.spec.group !== KSERVE_GROUP) continue;
    const { info, schema } = convertCrd(crd);
    merger.merge(schema, `${info.version}.${info.kind}`);
    const described = describedBy?.(info.kind);
    if (described) inheritDescriptions(schema, described);
    merger.mergeMarked(schema);
    byKind.set(info.kind, { info, schema: dedupeSchema(schema) });
  }
  const kinds = [...byKind.keys()].sort();
  return {
    index: { kinds: kinds.map((k) => byKind.get(k)!.info) },
    schemas: new Map(kinds.map((k) => [byKind.get(k)!.info.file, byKind.get(k)!.schema])),
  };
}

/** The text written to disk: minified JSON with a final newline. */
export function serializeSchema(schema: unknown): string {
  return `${JSON.stringify(schema)}\n`;
}
