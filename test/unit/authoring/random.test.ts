import { strict as assert } from 'node:assert';
import { parseAllDocuments, stringify } from 'yaml';
import { duplicateKeyErrors } from '../../../src/core/authoring/documents';
import { complete } from '../../../src/core/authoring/completion';
import { hover } from '../../../src/core/authoring/hover';
import { fixture, scheduler, schemas, validator } from './helpers';

/** Small deterministic PRNG (mulberry32), so a failure can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'spec', 'predictor', 'model', 'modelFormat', 'args', 'resources', 'limits',
  'requests', 'cpu', 'memory', 'nvidia.com/gpu', 'minReplicas', 'maxReplicas', 'sklearn', 'storageUri', 'containers', '', '-', '?'];
const SCALARS: unknown[] = ['serving.kserve.io/v1beta1', 'InferenceService', 'huggingface', '--backend=x', '--model_id', '500m', '1Gi',
  1, 0, -3, 2.5, true, null, '', '{', '"', "'", '*a', '&a', '!!str', '|', '---', 'a: b', '# c', '\t'];

function value(rand: () => number, depth: number): unknown {
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const roll = rand();
  if (depth > 5 || roll < 0.4) return pick(SCALARS);
  if (roll < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => value(rand, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [pick(KEYS), value(rand, depth + 1)]));
}

/** Random YAML: generated structures, KServe-shaped ones, and byte-level damage to both. */
function randomYaml(rand: () => number): string {
  const base = rand() < 0.5
    ? stringify({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', ...(value(rand, 0) as object) })
    : rand() < 0.5 ? fixture('broken/lint-huggingface.yaml') : stringify(value(rand, 0));
  let text = base;
  const damage = Math.floor(rand() * 6);
  for (let i = 0; i < damage; i++) {
    const at = Math.floor(rand() * (text.length + 1));
    const cut = Math.floor(rand() * 4);
    const insert = ['', ' ', '\n', ':', '- ', '---\n', '{', '"', '\t', 'x'][Math.floor(rand() * 10)];
    text = text.slice(0, at) + insert + text.slice(at + cut);
  }
  return text;
}

describe('authoring: random YAML never throws', () => {
  it('validates, completes and hovers 600 random documents without throwing', async () => {
    const v = validator();
    const set = schemas();
    let kserve = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const rand = random(seed);
      const text = randomYaml(rand);
      try {
        const result = (await scheduler(v).validate(text))!;
        kserve += result.documents.length;
        for (const d of result.diagnostics) {
          assert.ok(d.range.start >= 0 && d.range.end <= text.length && d.range.start <= d.range.end, `range in bounds (seed ${seed})`);
        }
        for (let probe = 0; probe < 4; probe++) {
          const offset = Math.floor(rand() * (text.length + 1));
          complete(text, offset, set);
          hover(text, offset, set);
        }
      } catch (err) {
        assert.fail(`seed ${seed} threw ${(err as Error).stack}\n--- input ---\n${text}`);
      }
    }
    assert.ok(kserve > 100, `enough KServe documents were exercised (${kserve})`);
  });
});

describe('authoring: duplicate keys in linear time', () => {
  it('finds exactly the duplicate keys the yaml library\'s own check finds, in random and damaged YAML', () => {
    let duplicates = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const rand = random(seed);
      const keys = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => KEYS[Math.floor(rand() * 6)]);
      const text = `${keys.map((key, i) => `${key || 'k'}: ${i % 3 === 0 ? 1 : `"v${i}"`}`).join('\n')}\n---\n${randomYaml(rand)}`;
      const library = parseAllDocuments(text, { uniqueKeys: true }).flatMap((d) => d.errors)
        .filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]).sort((a, b) => a - b);
      const ours = parseAllDocuments(text, { uniqueKeys: false }).flatMap((d) => duplicateKeyErrors(d)).map((e) => e.pos[0]);
      assert.deepEqual(ours, library, `seed ${seed}\n--- input ---\n${text}`);
      duplicates += ours.length;
    }
    assert.ok(duplicates > 100, `enough duplicates were exercised (${duplicates})`);
  });
});
