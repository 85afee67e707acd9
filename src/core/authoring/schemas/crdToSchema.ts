import { objectMetaSchema } from './objectMeta';
import { isObject, JsonSchema, KindInfo } from './types';

/** Keywords that carry validation or documentation; everything else in a CRD schema is dropped. */
const KEPT_KEYWORDS = new Set([
  'type', 'description', 'required', 'enum', 'pattern', 'default', 'minimum', 'maximum', 'minLength', 'maxLength',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'multipleOf',
  'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields',
]);

export interface ConvertedCrd {
  info: KindInfo;
  schema: JsonSchema;
  /** The schemas of the other served versions, by version (not yet compared with the storage version's). */
  others: Map<string, JsonSchema>;
}

/** Thrown for input that is not a usable CustomResourceDefinition. */
export class CrdFormatError extends Error {}

/**
 * Turns a CustomResourceDefinition into a JSON Schema for its storage version: unknown fields rejected unless the
 * CRD preserves them, int-or-string values as integer-or-string (quantities keep their pattern), typed metadata.
 */
export function convertCrd(crd: unknown): ConvertedCrd {
  if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition' || !isObject(crd.spec)) {
    throw new CrdFormatError('not a CustomResourceDefinition');
  }
  const spec = crd.spec;
  const names = isObject(spec.names) ? spec.names : {};
  const kind = String(names.kind ?? '');
  const group = String(spec.group ?? '');
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  const served = versions.filter((v) => v.served !== false);
  const chosen = served.find((v) => v.storage === true) ?? served[0];
  const openApi = chosen ? openApiOf(chosen) : undefined;
  if (!kind || !group || !chosen || !isObject(openApi)) {
    throw new CrdFormatError(`CRD ${String((crd.metadata as { name?: string })?.name)} has no served version with a schema`);
  }
  const version = String(chosen.name);
  const info: KindInfo = {
    kind,
    group,
    version,
    servedVersions: served.map((v) => String(v.name)),
    plural: String(names.plural ?? `${kind.toLowerCase()}s`),
    namespaced: spec.scope !== 'Cluster',
    file: `${kind.toLowerCase()}.json`,
  };
  const others = new Map<string, JsonSchema>();
  for (const other of served) {
    const schema = other === chosen ? undefined : openApiOf(other);
    if (schema) others.set(String(other.name), rootSchema({ ...info, version: String(other.name) }, convertNode(schema)));
  }
  return { info, schema: rootSchema(info, convertNode(openApi)), others };
}

function openApiOf(version: Record<string, unknown>): Record<string, unknown> | undefined {
  const openApi = isObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
  return isObject(openApi) ? openApi : undefined;
}

/** `llminferenceservice.v1alpha1.json` beside `llminferenceservice.json`. */
export function versionFile(info: KindInfo, version: string): string {
  return info.file.replace(/\.json$/, `.${version}.json`);
}

function rootSchema(info: KindInfo, converted: JsonSchema): JsonSchema {
  const properties = { ...(converted.properties ?? {}) };
  properties.apiVersion = {
    type: 'string',
    enum: info.servedVersions.map((v) => `${info.group}/${v}`),
    description: 'The versioned schema of this object: the API group and version.',
  };
  properties.kind = { type: 'string', enum: [info.kind], description: 'The kind of object this document describes.' };
  properties.metadata = objectMetaSchema(info);
  if (properties.status) {
    properties.status = { type: 'object', description: 'Written by the controller; ignored when applying.' };
  }
  const required = ['apiVersion', 'kind', 'metadata'];
  if (properties.spec?.required?.length) required.push('spec');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${info.kind} (${info.group}/${info.version})`,
    ...converted,
    type: 'object',
    properties: sortKeys(properties),
    required,
    additionalProperties: false,
  };
}

/** Converts one OpenAPI v3 (structural) schema node into plain JSON Schema. */
export function convertNode(node: Record<string, unknown>): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (KEPT_KEYWORDS.has(key)) out[key] = value;
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
    return out;
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    delete out.minimum;
    out.exclusiveMinimum = node.minimum;
  }
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
    delete out.maximum;
    out.exclusiveMaximum = node.maximum;
  }
  if (isObject(node.properties)) {
    const properties: Record<string, JsonSchema> = {};
    for (const name of Object.keys(node.properties).sort()) {
      const child = node.properties[name];
      if (isObject(child)) properties[name] = convertNode(child);
    }
    out.properties = properties;
  }
  if (isObject(node.items)) out.items = convertNode(node.items);
  if (isObject(node.additionalProperties)) out.additionalProperties = convertNode(node.additionalProperties);
  else if (typeof node.additionalProperties === 'boolean') out.additionalProperties = node.additionalProperties;
  else if (out.properties && node['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = node[combinator];
    if (Array.isArray(list)) out[combinator] = list.filter(isObject).map(convertNode);
  }
  if (isObject(node.not)) out.not = convertNode(node.not);
  if (node['x-kubernetes-embedded-resource'] === true && out.properties) out.additionalProperties = true;
  return out;
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
