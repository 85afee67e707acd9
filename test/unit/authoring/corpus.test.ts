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
      'kserve-hf-secret', 'kserve-servingruntime']) assert.ok(prefixes.includes(p), p);
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
