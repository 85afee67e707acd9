import { strict as assert } from 'node:assert';
import { splitChunks } from '../../../src/core/authoring/documents';
import { ManifestValidator } from '../../../src/core/authoring/validator';
import { at, fixture, scheduler, schemas, validator } from './helpers';

describe('authoring: multi-document files', () => {
  it('finds KServe documents by apiVersion and kind and leaves the others alone', async () => {
    const text = fixture('valid/mixed-documents.yaml');
    const result = (await scheduler().validate(text))!;
    assert.deepEqual(result.documents.map((d) => [d.index, d.kind.kind, d.name]), [[1, 'InferenceService', 'explainer-example']]);
    assert.deepEqual(result.diagnostics, []);
  });

  it('reports each document\'s diagnostics at file positions', async () => {
    const text = fixture('broken/lint-huggingface.yaml');
    const result = (await scheduler().validate(text))!;
    assert.deepEqual(result.documents.map((d) => [d.index, d.name, at(text, d.range).split('-')[0]]),
      [[0, 'hf-bad-backend', '0:0'], [1, 'hf-no-model-id', '14:0'], [2, 'hf-two-sources', '28:0']]);
  });

  it('splits at document markers only, never inside a block scalar', () => {
    const text = 'a: |\n  ---\n  x\n---\nb: 1\n--- # c\nc: 2\n';
    assert.deepEqual(splitChunks(text).map((c) => c.base), [0, 15, 24]);
    assert.deepEqual(splitChunks('%YAML 1.2\n---\na: 1\n---\nb: 2\n').length, 1, 'directives keep the file whole');
  });

  it('re-validates only the document that changed', async () => {
    const text = fixture('valid/huggingface-storage-hf.yaml');
    const v = new ManifestValidator(schemas(), { schema: true, lint: true, syntax: true });
    const analyzed: string[] = [];
    const original = v.analyzeChunk.bind(v);
    await scheduler(v).validate(text);
    (v as unknown as { analyzeText: (t: string) => unknown }).analyzeText = ((inner) => (t: string) => {
      analyzed.push(t);
      return inner(t);
    })((v as unknown as { analyzeText: (t: string) => unknown }).analyzeText.bind(v));
    const edited = text.replace('name: huggingface-llama3-hf', 'name: huggingface-llama3-hg');
    const result = (await scheduler(v).validate(edited))!;
    assert.equal(analyzed.length, 1, 'one chunk parsed again');
    assert.match(analyzed[0], /huggingface-llama3-hg/);
    assert.equal(result.documents.length, 2);
    assert.equal(typeof original, 'function');
  });

  it('keeps positions right when an unchanged document moves', async () => {
    const text = fixture('broken/enum.yaml');
    const v = validator();
    const before = (await scheduler(v).validate(text))!.diagnostics.map((d) => d.range.start);
    const after = (await scheduler(v).validate(`# a comment\n${text}`))!.diagnostics.map((d) => d.range.start);
    assert.deepEqual(after, before.map((s) => s + 12));
  });
});

describe('authoring: the validator\'s chunk cache', () => {
  const isvc = (name: string, padding: number) =>
    `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: ${name}\n  labels:\n${
      Array.from({ length: padding }, (_, i) => `    label-${i}: value-${i}`).join('\n')}\nspec:\n  predictor:\n    model:\n      modelFormat:\n        name: sklearn\n`;

  it('stays within its budget in characters however many edits, and still answers repeats from the cache', async () => {
    const budget = 200_000;
    const v = new ManifestValidator(schemas(), { schema: true, lint: true, syntax: true }, budget);
    const base = isvc('big', 1000);
    assert.ok(base.length > 20_000, `${base.length} characters`);
    for (let edit = 0; edit < 300; edit++) {
      await scheduler(v).validate(`${base}# edit ${edit}\n`);
      assert.ok(v.cachedCost <= budget, `after edit ${edit}: ${v.cachedCost}`);
    }
    assert.ok(v.cachedCost > budget / 2, 'the budget is used, not thrown away');
    const last = `${base}# edit 299\n`;
    const again = (await scheduler(v).validate(last))!;
    assert.deepEqual(again, (await scheduler(v).validate(last))!);
    const huge = isvc('huge', 10_000);
    await scheduler(v).validate(huge);
    assert.ok(v.cachedCost <= budget, 'a chunk bigger than the budget is not kept');
  });
});
