import { JsonSchema } from './types';

/** Bodies shorter than this stay inline: a `$ref` would not be smaller. */
const MIN_SHARED_SIZE = 120;

interface Interned {
  id: number;
  size: number;
  /** Name hint from where the body first appears. */
  hint: string;
}

type ChildSlot = { key: string; index?: number; hint: string };

/**
 * Moves subtrees that occur more than once (compared without their own description, which stays where the subtree
 * is used) into `$defs` and refers to them with `$ref`. KServe's CRDs repeat the Container and PodSpec schemas dozens
 * of times, so this shrinks the InferenceService schema several-fold and lets ajv compile each shared part once.
 */
export function dedupeSchema(root: JsonSchema): JsonSchema {
  const interner = new Interner();
  const rootBody = interner.intern(root, 'root');
  const counts = new Map<number, number>();
  const descended = new Set<number>();
  const count = (node: JsonSchema) => {
    const { id } = interner.bodyOf(node);
    counts.set(id, (counts.get(id) ?? 0) + 1);
    if (descended.has(id)) return;
    descended.add(id);
    for (const { child } of children(node)) count(child);
  };
  count(root);

  const shared = (node: JsonSchema) => {
    const body = interner.bodyOf(node);
    return body.id !== rootBody.id && (counts.get(body.id) ?? 0) >= 2 && body.size >= MIN_SHARED_SIZE ? body : undefined;
  };
  const defs: Record<string, JsonSchema> = {};
  const names = new Map<number, string>();
  const usedNames = new Set<string>();

  const rewrite = (node: JsonSchema, inDef: boolean): JsonSchema => {
    const body = inDef ? undefined : shared(node);
    if (body) {
      let name = names.get(body.id);
      if (!name) {
        name = uniqueName(body.hint, usedNames);
        names.set(body.id, name);
        const { description: _description, ...withoutDescription } = node;
        defs[name] = rewrite(withoutDescription, true);
      }
      return node.description ? { description: node.description, $ref: `#/$defs/${name}` } : { $ref: `#/$defs/${name}` };
    }
    const copy: JsonSchema = { ...node };
    if (node.properties) copy.properties = {};
    for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) if (node[combinator]) copy[combinator] = [];
    for (const { slot, child } of children(node)) setChild(copy, slot, rewrite(child, false));
    return copy;
  };
  const result = rewrite(root, true);
  if (Object.keys(defs).length > 0) {
    result.$defs = Object.fromEntries(Object.keys(defs).sort().map((name) => [name, defs[name]]));
  }
  return result;
}

class Interner {
  private readonly ids = new Map<string, number>();
  private readonly bodies = new WeakMap<JsonSchema, Interned>();

  bodyOf(node: JsonSchema): Interned {
    const body = this.bodies.get(node);
    if (!body) throw new Error('schema node was not interned');
    return body;
  }

  intern(node: JsonSchema, hint: string): Interned {
    const shallow: Record<string, unknown> = {};
    let size = 2;
    for (const key of Object.keys(node).sort()) {
      if (key === 'description') continue;
      const value = node[key];
      if (!isChildKey(key)) {
        shallow[key] = value;
        size += key.length + JSON.stringify(value).length + 4;
      }
    }
    for (const { slot, child } of children(node)) {
      const childBody = this.intern(child, slot.hint);
      shallow[`${slot.key}/${slot.index ?? ''}/${slot.hint}`] = `${childBody.id}|${child.description ?? ''}`;
      size += childBody.size + slot.hint.length + (child.description?.length ?? 0) + 8;
    }
    const key = JSON.stringify(shallow);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    const interned = { id, size, hint };
    this.bodies.set(node, interned);
    return interned;
  }
}

function isChildKey(key: string): boolean {
  return key === 'properties' || key === 'items' || key === 'additionalProperties' || key === 'not' ||
    key === 'anyOf' || key === 'oneOf' || key === 'allOf' || key === '$defs';
}

function* children(node: JsonSchema): Generator<{ slot: ChildSlot; child: JsonSchema }> {
  if (node.properties) {
    for (const [name, child] of Object.entries(node.properties)) yield { slot: { key: 'properties', hint: name }, child };
  }
  if (node.items && typeof node.items === 'object') yield { slot: { key: 'items', hint: 'item' }, child: node.items };
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    yield { slot: { key: 'additionalProperties', hint: 'value' }, child: node.additionalProperties };
  }
  if (node.not && typeof node.not === 'object') yield { slot: { key: 'not', hint: 'not' }, child: node.not as JsonSchema };
  for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [index, child] of (node[combinator] ?? []).entries()) {
      yield { slot: { key: combinator, index, hint: combinator }, child };
    }
  }
}

/** Writes a rewritten child into `target`, whose `properties` and combinator lists are fresh copies. */
function setChild(target: JsonSchema, slot: ChildSlot, value: JsonSchema): void {
  if (slot.key === 'properties') (target.properties as Record<string, JsonSchema>)[slot.hint] = value;
  else if (slot.key === 'anyOf' || slot.key === 'oneOf' || slot.key === 'allOf') {
    (target[slot.key] as JsonSchema[])[slot.index ?? 0] = value;
  } else target[slot.key] = value;
}

function uniqueName(hint: string, used: Set<string>): string {
  const base = hint.replace(/[^A-Za-z0-9_]/g, '_') || 'def';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}${n}`;
  used.add(name);
  return name;
}
