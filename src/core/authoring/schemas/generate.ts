import { convertCrd, versionFile } from './crdToSchema';
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
  const byKind = new Map<string, { info: KindInfo; files: [string, JsonSchema][] }>();
  for (const crd of crds) {
    if (!isObject(crd) || !isObject(crd.spec) || crd.spec.group !== KSERVE_GROUP) continue;
    const { info, schema, others } = convertCrd(crd);
    const describe = (target: JsonSchema, version: string) => {
      merger.merge(target, `${version}.${info.kind}`);
      const described = describedBy?.(info.kind);
      if (described) inheritDescriptions(target, described);
      merger.mergeMarked(target);
      return dedupeSchema(target);
    };
    const primary = describe(schema, info.version);
    const files: [string, JsonSchema][] = [[info.file, primary]];
    const otherVersions: { version: string; file: string }[] = [];
    for (const [version, other] of others) {
      const described = describe(other, version);
      if (sameSchemaApartFromVersion(primary, described)) continue;
      const file = versionFile(info, version);
      otherVersions.push({ version, file });
      files.push([file, described]);
    }
    byKind.set(info.kind, { info: otherVersions.length ? { ...info, otherVersions } : info, files });
  }
  const kinds = [...byKind.keys()].sort();
  return {
    index: { kinds: kinds.map((k) => byKind.get(k)!.info) },
    schemas: new Map(kinds.flatMap((k) => byKind.get(k)!.files)),
  };
}

/** Versions whose schemas differ only in the title need no file of their own. */
function sameSchemaApartFromVersion(a: JsonSchema, b: JsonSchema): boolean {
  return JSON.stringify({ ...a, title: '' }) === JSON.stringify({ ...b, title: '' });
}

/** The text written to disk: minified JSON with a final newline. */
export function serializeSchema(schema: unknown): string {
  return `${JSON.stringify(schema)}\n`;
}
