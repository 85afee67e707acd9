import { defaultKindLookup, KindLookup } from './assist';
import { cursorContext } from './cursor';
import { schemaAt, typeLabel } from './schemaNavigator';
import { SchemaSet, schemaId } from './schemaSet';
import { TextRange } from './types';

export interface HoverInfo {
  /** Markdown. */
  contents: string;
  range: TextRange;
}

/** The schema's description of the key under `offset` (or of the key whose value it is). */
export function hover(text: string, offset: number, schemas: SchemaSet, kindOf: KindLookup = defaultKindLookup(text, schemas)): HoverInfo | undefined {
  const lineEnd = text.indexOf('\n', offset);
  const context = cursorContext(text, lineEnd < 0 ? text.length : lineEnd);
  if (!context || context.mode !== 'value' && context.key === '') return undefined;
  const info = kindOf(offset);
  if (!info) return undefined;
  const path = [...context.parentPath, context.key];
  const schema = schemaAt(schemas, schemaId(info), path);
  if (!schema) return undefined;
  const parent = schemaAt(schemas, schemaId(info), context.parentPath);
  const required = parent?.required?.includes(context.key) ? ' · required' : '';
  const lines = [`**${context.key}** · \`${typeLabel(schema)}\`${required}`];
  if (schema.description) lines.push('', schema.description);
  if (schema.enum?.length) lines.push('', `Allowed: ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (schema.default !== undefined) lines.push('', `Default: \`${JSON.stringify(schema.default)}\``);
  lines.push('', `\`${info.kind}.${path.filter((s) => s !== '[]').join('.')}\``);
  const keyStart = context.keyEnd - context.key.length;
  return { contents: lines.join('\n'), range: { start: keyStart, end: context.keyEnd } };
}
