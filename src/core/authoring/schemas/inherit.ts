import { CORE_TYPE } from './descriptions';
import { JsonSchema } from './types';

/**
 * Copies descriptions (and core type marks) from `source` (e.g. the bundled schema, which has them) into `target` (e.g. a schema built
 * from a cluster's CRD, which has none) where both have the same property path. `source` may use `$ref`s.
 */
export function inheritDescriptions(target: JsonSchema, source: JsonSchema): void {
  const resolve = (node: JsonSchema | undefined): JsonSchema | undefined => {
    let current = node;
    for (let hops = 0; current?.$ref && hops < 16; hops++) current = source.$defs?.[current.$ref.replace(/^#\/\$defs\//, '')];
    return current;
  };
  const walk = (t: JsonSchema, s: JsonSchema | undefined, depth: number) => {
    if (!s || depth > 64) return;
    const body = resolve(s);
    if (!t.description && (s.description ?? body?.description)) t.description = s.description ?? body?.description;
    const coreType = s[CORE_TYPE] ?? body?.[CORE_TYPE];
    if (coreType && !t[CORE_TYPE]) t[CORE_TYPE] = coreType;
    if (!body) return;
    for (const [name, child] of Object.entries(t.properties ?? {})) walk(child, body.properties?.[name], depth + 1);
    if (t.items) walk(t.items, body.items, depth + 1);
    if (typeof t.additionalProperties === 'object' && typeof body.additionalProperties === 'object') {
      walk(t.additionalProperties, body.additionalProperties, depth + 1);
    }
  };
  walk(target, source, 0);
}
