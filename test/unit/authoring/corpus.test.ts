import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandSnippet, fixture, fixtures, kserveDataDir, repoRoot, scheduler, summarize } from './helpers';

describe('authoring: valid corpus', () => {
  const files = fs.readdirSync(path.join(fixtures, 'valid')).filter((f) => f.endsWith('.yaml')).sort();

  it('has the docs\' examples', () => {
    assert.ok(files.length >= 14, `only ${files.length} valid fixtures`);
  });

  for (const file of files) {
    it(`${file} gives no diagnostics`, async () => {
      assert.deepEqual(await summarize(fixture(`valid/${file}`)), []);
    });
  }

  it('KServe\'s own Hugging Face ClusterServingRuntime gives no diagnostics', async () => {
    const text = fs.readFileSync(path.join(kserveDataDir, 'runtimes', 'kserve-huggingfaceserver.yaml'), 'utf8');
    const result = (await scheduler().validate(text))!;
    assert.equal(result.documents.length, 1);
    assert.equal(result.documents[0].kind.kind, 'ClusterServingRuntime');
    assert.deepEqual(result.diagnostics, []);
  });

  const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot, 'snippets', 'kserve.code-snippets'), 'utf8')) as
    Record<string, { prefix: string[]; body: string[] }>;

  it('has the snippets the issue lists', () => {
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    for (const p of ['kserve-isvc-t5', 'kserve-isvc-vllm', 'kserve-isvc-sklearn', 'kserve-isvc-transformer', 'kserve-storage-hf',
      'kserve-hf-secret', 'kserve-servingruntime', 'kserve-llmisvc', 'kserve-llmisvc-preset']) assert.ok(prefixes.includes(p), p);
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`snippet "${name}" expands to a manifest with no diagnostics`, async () => {
      const text = expandSnippet(snippet.body.join('\n'));
      assert.doesNotMatch(text, /\$\{?\d/, 'every placeholder expanded');
      const result = (await scheduler().validate(text))!;
      assert.deepEqual(result.diagnostics.map((d) => d.message), []);
      if (!name.includes('Secret')) assert.equal(result.documents.length, 1, 'detected as a KServe document');
    });
  }
});

describe('authoring: the KServe docs\' LLMInferenceService manifests', () => {
  const dir = path.join(repoRoot, 'third_party', 'kserve-website', 'llmisvc');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  /** Two manifests in the docs do not match KServe v0.20's CRDs; the API server refuses or drops these fields. */
  const DOCS_ERRORS: Record<string, [string, string, string][]> = {
    'kv-cache-offloading-1.yaml': [['schema.additionalProperties', '25:2-25:10', 'Unknown field "workload" in spec.']],
    'llmisvc-configuration-5.yaml': [['schema.enum', '11:17-11:21', 'Invalid value "High" for spec.model.criticality: expected "Critical", "Standard", "Sheddable".']],
  };

  it('holds every LLMInferenceService of the docs, each with its page', () => {
    const texts = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    assert.equal(texts.filter((t) => /^kind: LLMInferenceService$/m.test(t)).length, 23);
    assert.equal(texts.filter((t) => /^kind: LLMInferenceServiceConfig$/m.test(t)).length, 5);
    for (const text of texts) assert.match(text, /^# kserve\/website docs\/\S+\.md, code block \d+\n/);
  });

  for (const file of files) {
    it(`${file}: no diagnostics but the superseded v1alpha1${DOCS_ERRORS[file] ? ' and the docs\' own mistake' : ''}`, async () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const found = await summarize(text);
      const v1alpha1 = /^apiVersion: serving\.kserve\.io\/v1alpha1$/m.test(text);
      assert.deepEqual(found.filter(([code]) => code !== 'lint.superseded-version'), DOCS_ERRORS[file] ?? []);
      assert.equal(found.filter(([code]) => code === 'lint.superseded-version').length, v1alpha1 ? 1 : 0);
      const result = (await scheduler().validate(text))!;
      assert.match(result.documents[0]?.kind.kind ?? '', /^LLMInferenceService(Config)?$/);
    });
  }
});
