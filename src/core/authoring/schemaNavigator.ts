import { SchemaSet } from './schemaSet';
import { JsonSchema } from './schemas/types';

/** The schema for the value at `path` (`[]` steps into list items), following `$ref`s; undefined when unknown. */
export function schemaAt(schemas: SchemaSet, kind: string, path: readonly string[]): JsonSchema | undefined {
  let current = schemas.resolve(kind, schemas.schema(kind));
  for (const segment of path) {
    if (!current) return undefined;
    current = schemas.resolve(kind, childSchema(current, segment));
  }
  return current;
}

function childSchema(schema: JsonSchema, segment: string): JsonSchema | undefined {
  if (segment === '[]') return schema.items;
  const property = schema.properties?.[segment];
  if (property) return property;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

export function typeLabel(schema: JsonSchema): string {
  if (schema['x-kubernetes-int-or-string']) return schema.pattern ? 'quantity' : 'integer or string';
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  if (type === 'array') {
    const items = schema.items;
    return items?.type ? `array of ${Array.isArray(items.type) ? items.type.join(' | ') : items.type}` : 'array';
  }
  if (type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') {
    return `map of ${typeLabel(schema.additionalProperties)}`;
  }
  return type ?? (schema.properties ? 'object' : 'any');
}

export function isObjectSchema(schema: JsonSchema | undefined): boolean {
  return !!schema && (schema.type === 'object' || !!schema.properties) && !schema['x-kubernetes-int-or-string'];
}
