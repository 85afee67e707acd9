import { isObject, JsonSchema } from './types';

/** A Swagger 2.0 / OpenAPI v2 document: KServe's swagger.json or a cluster's `/openapi/v2`. */
export interface SwaggerDocument {
  definitions?: Record<string, unknown>;
}

export interface DescriptionSources {
  /** KServe's own swagger.json; its refs to core types (`v1.Container`) are not defined in it. */
  kserve?: SwaggerDocument;
  /** A Kubernetes API server's `/openapi/v2`, for the core types KServe embeds. */
  core?: SwaggerDocument;
}

type Definitions = Record<string, Record<string, unknown>>;

/** Marks a subtree with the Kubernetes type it embeds (`v1.Probe`) when no definition for it was at hand. */
export const CORE_TYPE = 'x-kubernetes-type';

/**
 * Fills in missing `description`s by walking the schema and the Swagger definitions in parallel, by property name,
 * following `$ref`s. Core types referenced by short name (`v1.Probe`) are looked up in the cluster's definitions.
 */
export class DescriptionMerger {
  private readonly kserve: Definitions;
  private readonly core: Definitions;
  private readonly coreByShortName = new Map<string, string>();

  constructor(sources: DescriptionSources) {
    this.kserve = definitionsOf(sources.kserve);
    this.core = definitionsOf(sources.core);
    for (const name of Object.keys(this.core).sort(byPreference)) {
      const parts = name.split('.');
      for (const short of [parts.slice(-2).join('.'), name.replace(/^io\.k8s\./, 'k8s.io.')]) {
        if (!this.coreByShortName.has(short)) this.coreByShortName.set(short, name);
      }
    }
  }

  /** Merges into `schema` (mutated) from the definition named e.g. `v1beta1.InferenceService`. */
  merge(schema: JsonSchema, definitionName: string): void {
    const root = this.lookup(`#/definitions/${definitionName}`);
    if (root) this.walk(schema, root, 0);
  }

  /**
   * Merges core descriptions into subtrees marked with the core type they embed (see CORE_TYPE), for schemas built
   * without KServe's swagger.json, e.g. from a cluster's CRDs.
   */
  mergeMarked(schema: JsonSchema, depth = 0): void {
    if (depth > 64) return;
    const type = schema[CORE_TYPE];
    if (typeof type === 'string' && Object.keys(this.core).length > 0) this.walk(schema, { $ref: `#/definitions/${type}` }, 0);
    for (const child of Object.values(schema.properties ?? {})) this.mergeMarked(child, depth + 1);
    if (schema.items) this.mergeMarked(schema.items, depth + 1);
    if (typeof schema.additionalProperties === 'object') this.mergeMarked(schema.additionalProperties, depth + 1);
  }

  private walk(schema: JsonSchema, swagger: Record<string, unknown>, depth: number): void {
    if (depth > 40) return;
    const target = typeof swagger.$ref === 'string' ? this.lookup(swagger.$ref) : swagger;
    if (!target && typeof swagger.$ref === 'string') schema[CORE_TYPE] = swagger.$ref.replace(/^#\/definitions\//, '');
    const description = stringOr(swagger.description) ?? stringOr(target?.description);
    if (description && !schema.description) schema.description = description.trim();
    if (!target) return;
    if (schema.properties && isObject(target.properties)) {
      for (const [name, child] of Object.entries(schema.properties)) {
        const counterpart = target.properties[name];
        if (isObject(counterpart)) this.walk(child, counterpart, depth + 1);
      }
    }
    if (schema.items && isObject(target.items)) this.walk(schema.items, target.items, depth + 1);
    if (isObject(schema.additionalProperties) && isObject(target.additionalProperties)) {
      this.walk(schema.additionalProperties, target.additionalProperties, depth + 1);
    }
  }

  private lookup(ref: string): Record<string, unknown> | undefined {
    const name = ref.replace(/^#\/definitions\//, '');
    return this.kserve[name] ?? this.core[name] ?? this.core[this.coreByShortName.get(name) ?? ''];
  }
}

function definitionsOf(doc: SwaggerDocument | undefined): Definitions {
  const out: Definitions = {};
  if (!doc || !isObject(doc.definitions)) return out;
  for (const [name, value] of Object.entries(doc.definitions)) if (isObject(value)) out[name] = value;
  return out;
}

/** core/v1 first, then meta/v1, then the rest: `v1.Condition` means the core type where both exist. */
function byPreference(a: string, b: string): number {
  const rank = (n: string) => (n.startsWith('io.k8s.api.core.') ? 0 : n.startsWith('io.k8s.apimachinery.') ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
