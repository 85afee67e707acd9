/** The subset of JSON Schema (draft-07, plus Kubernetes extensions) that KServe's CRDs use. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  $id?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** Names a well-known string format (see names.ts) so messages can explain a pattern in words. */
  'x-kserve-format'?: string;
  [keyword: string]: unknown;
}

/** One KServe kind as listed in `schemas/index.json`. */
export interface KindInfo {
  kind: string;
  group: string;
  /** The version the schema describes (the CRD's storage version). */
  version: string;
  /** Every served version; documents may use any of them. */
  servedVersions: string[];
  plural: string;
  namespaced: boolean;
  /** File name below `schemas/`. */
  file: string;
  /** Served versions whose schema differs from `version`'s, each in a file of its own. */
  otherVersions?: { version: string; file: string }[];
  /**
   * The schema's key in a SchemaSet: the kind for `version`, `<kind>@<version>` for one of `otherVersions`. Set by
   * the SchemaSet; the index on disk leaves it out.
   */
  id?: string;
}

export interface SchemaIndex {
  kinds: KindInfo[];
}


/** The Kubernetes quantity pattern used by CRDs for `x-kubernetes-int-or-string` resource values. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
