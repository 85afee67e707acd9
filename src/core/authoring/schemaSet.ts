import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { KSERVE_GROUP } from '../kserve/group';
import { JsonSchema, KindInfo, SchemaIndex } from './schemas/types';

export type SchemaLoader = (info: KindInfo) => JsonSchema | undefined;

export interface PlainSchemaSet {
  index: SchemaIndex;
  schemas: Record<string, JsonSchema>;
  origin: string;
}

/**
 * The KServe kinds and their schemas, from the bundled `schemas/` folder or from a cluster's CRDs. Each kind's schema
 * is loaded and compiled on first use, once. Schemas are keyed by `KindInfo.id`: the kind for its storage version,
 * `<kind>@<version>` for a served version with a schema of its own.
 */
export class SchemaSet {
  private readonly kinds = new Map<string, KindInfo>();
  private readonly byId = new Map<string, KindInfo>();
  private readonly schemas = new Map<string, JsonSchema | undefined>();
  private readonly validators = new Map<string, ValidateFunction | undefined>();
  private ajv: Ajv | undefined;

  constructor(index: SchemaIndex, private readonly load: SchemaLoader, readonly origin: string = 'bundled') {
    for (const entry of index.kinds) {
      const info = { ...entry, id: entry.kind };
      this.kinds.set(info.kind, info);
      this.byId.set(info.id, info);
      for (const other of entry.otherVersions ?? []) {
        const id = `${info.kind}@${other.version}`;
        this.byId.set(id, { ...info, version: other.version, file: other.file, id });
      }
    }
  }

  get kindNames(): string[] {
    return [...this.kinds.keys()];
  }

  /** The index and every schema as plain data, to rebuild the same set elsewhere (a worker thread). */
  toPlain(): PlainSchemaSet {
    const kinds = [...this.kinds.values()].map(({ id: _id, ...info }) => info);
    const schemas: Record<string, JsonSchema> = {};
    for (const [id, info] of this.byId) {
      const schema = this.schema(id);
      if (schema) schemas[info.file] = schema;
    }
    return { index: { kinds }, schemas, origin: this.origin };
  }

  static fromPlain(plain: PlainSchemaSet): SchemaSet {
    return new SchemaSet(plain.index, (info) => plain.schemas[info.file], plain.origin);
  }

  kindInfo(kind: string): KindInfo | undefined {
    return this.kinds.get(kind);
  }

  /** The kind a document declares, at its version, when its apiVersion is in KServe's group and the kind is known. */
  detect(apiVersion: unknown, kind: unknown): KindInfo | undefined {
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
    if (groupOf(apiVersion) !== KSERVE_GROUP) return undefined;
    return this.byId.get(`${kind}@${apiVersion.slice(apiVersion.indexOf('/') + 1)}`) ?? this.kinds.get(kind);
  }

  /** The schema of a kind (its storage version) or of `<kind>@<version>`. */
  schema(id: string): JsonSchema | undefined {
    if (!this.schemas.has(id)) {
      const info = this.byId.get(id);
      this.schemas.set(id, info ? this.load(info) : undefined);
    }
    return this.schemas.get(id);
  }

  /**
   * Validates a document's value; undefined when the kind has no schema. Errors carry `parentSchema` and `data` as in
   * ajv's verbose mode, filled in here for the few that occur rather than by the compiled code for every check.
   */
  validate(kind: string, value: unknown): ErrorObject[] | undefined {
    const validator = this.validator(kind);
    if (!validator) return undefined;
    if (validator(value)) return [];
    return (validator.errors ?? []).map((error) => {
      const path = error.instancePath.split('/').slice(1).map(unescapePointer);
      return { ...error, parentSchema: this.schemaForInstance(kind, path), data: atPath(value, path) };
    });
  }

  /** The (resolved) schema that applies to the value at `path`. */
  private schemaForInstance(kind: string, path: string[]): JsonSchema | undefined {
    let current = this.resolve(kind, this.schema(kind));
    for (const segment of path) {
      if (!current) return undefined;
      const next = current.properties?.[segment]
        ?? (/^\d+$/.test(segment) && current.items ? current.items : undefined)
        ?? (typeof current.additionalProperties === 'object' ? current.additionalProperties : undefined);
      current = this.resolve(kind, next);
    }
    return current;
  }

  private validator(kind: string): ValidateFunction | undefined {
    if (!this.validators.has(kind)) {
      const schema = this.schema(kind);
      this.ajv ??= new Ajv({
        allErrors: true, strict: false, inlineRefs: false, validateSchema: false, messages: false, unicodeRegExp: false,
        code: { optimize: false },
      });
      const { $schema: _ignored, ...compilable } = schema ?? {};
      this.validators.set(kind, schema ? this.ajv.compile(compilable) : undefined);
    }
    return this.validators.get(kind);
  }

  /** Follows `$ref`s into `$defs`; a description beside the `$ref` wins over the target's. */
  resolve(kind: string, node: JsonSchema | undefined): JsonSchema | undefined {
    const root = this.schema(kind);
    let current = node;
    let description = node?.description;
    for (let hops = 0; current?.$ref && hops < 16; hops++) {
      const name = current.$ref.replace(/^#\/\$defs\//, '');
      current = root?.$defs?.[name];
      description ??= current?.description;
    }
    return current && description && current.description !== description ? { ...current, description } : current;
  }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function atPath(value: unknown, path: string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The key of an info's schema in its SchemaSet. */
export function schemaId(info: KindInfo): string {
  return info.id ?? info.kind;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
