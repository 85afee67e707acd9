import { chunkAt, defaultKindLookup, KindLookup, KNOWN_VALUES } from './assist';
import { CursorContext, cursorContext } from './cursor';
import { isObjectSchema, schemaAt, typeLabel } from './schemaNavigator';
import { SchemaSet, schemaId } from './schemaSet';
import { KSERVE_GROUP } from '../kserve/group';
import { JsonSchema } from './schemas/types';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value';
  /** Snippet syntax (`$0`, `${1|a,b|}`); multi-line texts use two spaces per level relative to the cursor's line. */
  insertText: string;
  detail?: string;
  documentation?: string;
  required?: boolean;
}

export interface CompletionResult {
  /** Text from here to the cursor is replaced by the chosen entry. */
  replaceStart: number;
  items: CompletionEntry[];
}

/** Keys and values the schema allows at `offset`, for the KServe document there. */
export function complete(text: string, offset: number, schemas: SchemaSet, kindOf: KindLookup = defaultKindLookup(text, schemas)): CompletionResult | undefined {
  const context = cursorContext(text, offset);
  if (!context) return undefined;
  const info = kindOf(offset);
  if (!info) return startOfDocument(context, schemas, chunkAt(text, offset)?.text ?? '');
  if (context.mode === 'key') {
    const parent = schemaAt(schemas, schemaId(info), context.parentPath);
    if (!parent?.properties) return undefined;
    const present = new Set(context.siblings);
    const required = new Set(parent.required ?? []);
    const items = Object.entries(parent.properties)
      .filter(([name]) => !present.has(name) || name === context.key)
      .filter(([name]) => !(context.parentPath.length === 0 && name === 'status'))
      .map(([name, child]) => keyEntry(name, schemas.resolve(schemaId(info), child) ?? child, required.has(name)));
    return { replaceStart: context.replaceStart, items };
  }
  const path = [...context.parentPath, context.key];
  const schema = schemaAt(schemas, schemaId(info), path);
  const dotted = path.filter((s) => s !== '[]').join('.');
  const values = new Set<string>();
  for (const value of schema?.enum ?? []) if (typeof value === 'string' || typeof value === 'number') values.add(String(value));
  if (schema?.type === 'boolean') ['true', 'false'].forEach((v) => values.add(v));
  for (const known of KNOWN_VALUES) if (known.path.test(dotted)) known.values.forEach((v) => values.add(v));
  if (values.size === 0) return undefined;
  return {
    replaceStart: context.replaceStart,
    items: [...values].map((value) => ({ label: value, kind: 'value', insertText: value, detail: schema?.description ? undefined : dotted })),
  };
}

/** `kind:` and `apiVersion:` values at the top of a document that does not name a KServe kind yet. */
function startOfDocument(context: CursorContext, schemas: SchemaSet, documentText: string): CompletionResult | undefined {
  if (context.mode !== 'value' || context.parentPath.length > 0) return undefined;
  if (context.key === 'kind' && !documentText.includes(KSERVE_GROUP)) return undefined;
  const kinds = schemas.kindNames.map((kind) => schemas.kindInfo(kind)!);
  const values = context.key === 'kind' ? kinds.map((k) => k.kind)
    : context.key === 'apiVersion' ? [...new Set(kinds.flatMap((k) => k.servedVersions.map((v) => `${k.group}/${v}`)))]
      : [];
  if (values.length === 0 || (context.key === 'apiVersion' && !context.partial.startsWith('s'))) return undefined;
  return { replaceStart: context.replaceStart, items: values.sort().map((value) => ({ label: value, kind: 'value', insertText: value })) };
}

function keyEntry(name: string, schema: JsonSchema, required: boolean): CompletionEntry {
  return {
    label: name,
    kind: 'property',
    insertText: insertTextFor(name, schema),
    detail: `${typeLabel(schema)}${required ? ' (required)' : ''}`,
    documentation: schema.description,
    required,
  };
}

function insertTextFor(name: string, schema: JsonSchema): string {
  const key = /^[\w./-]+$/.test(name) ? name : JSON.stringify(name);
  if (schema.enum?.length) {
    const choices = schema.enum.map((v) => String(v).replace(/[,|\\$}]/g, '\\$&')).join(',');
    return `${key}: \${1|${choices}|}`;
  }
  if (schema.type === 'array') return `${key}:\n  - $0`;
  if (isObjectSchema(schema)) return `${key}:\n  $0`;
  return `${key}: $0`;
}
