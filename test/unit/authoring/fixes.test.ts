import { strict as assert } from 'node:assert';
import { ManifestDiagnostic } from '../../../src/core/authoring/types';
import { applyEdits, fixture, scheduler } from './helpers';

async function diagnostic(text: string, code: string, nth = 0): Promise<ManifestDiagnostic> {
  const found = (await scheduler().validate(text))!.diagnostics.filter((d) => d.code === code)[nth];
  assert.ok(found, `no ${code} #${nth}`);
  return found;
}

async function fix(text: string, code: string, title: RegExp, nth = 0): Promise<string> {
  const chosen = (await diagnostic(text, code, nth)).fixes?.find((f) => title.test(f.title));
  assert.ok(chosen, `no fix matching ${title} for ${code}`);
  return applyEdits(text, chosen.edits);
}

const codes = async (text: string) => (await scheduler().validate(text))!.diagnostics.map((d) => d.code);

describe('authoring: quick fixes', () => {
  it('renames the old deployment modes to Standard and Knative, in block and flow style', async () => {
    const text = fixture('broken/lint-deployment-mode.yaml');
    const standard = (await fix(text, 'lint.deployment-mode', /Rename to Standard/));
    assert.ok(standard.includes('    serving.kserve.io/deploymentMode: Standard\nspec:'), standard);
    const knative = (await fix(text, 'lint.deployment-mode', /Rename to Knative/, 1));
    assert.ok(knative.includes('  annotations: {serving.kserve.io/deploymentMode: Knative}\n'), knative);
    assert.deepEqual((await codes((await fix(standard, 'lint.deployment-mode', /Rename to Knative/)))), []);
  });

  it('converts the deprecated predictor.sklearn form to predictor.model with modelFormat', async () => {
    const text = fixture('broken/lint-deprecated.yaml');
    assert.equal((await diagnostic(text, 'lint.deprecated-framework')).fixes?.[0].preferred, true);
    const fixed = (await fix(text, 'lint.deprecated-framework', /Convert/));
    assert.ok(fixed.includes([
      '    model:',
      '      modelFormat:',
      '        name: sklearn',
      '      storageUri: gs://kfserving-examples/models/sklearn/1.0/model',
      '      resources:',
    ].join('\n')), fixed);
    assert.ok(!(await codes(fixed)).includes('schema.additionalProperties'));
    assert.equal((await codes(fixed)).filter((c) => c === 'lint.deprecated-framework').length, 1, 'only the other document is left');
  });

  it('converts a flow-style framework mapping too', async () => {
    const text = fixture('broken/lint-deprecated.yaml');
    const fixed = (await fix(text, 'lint.deprecated-framework', /Convert/, 1));
    assert.match(fixed, /model: \{modelFormat: \{name: xgboost\}, storageUri: "gs:\/\/kfserving-examples\/models\/xgboost\/iris"\}/);
    assert.deepEqual((await codes(fixed)).filter((c) => c.startsWith('schema.')), []);
  });

  it('renames an unknown field to the suggestion', async () => {
    const fixed = (await fix(fixture('broken/unknown-field.yaml'), 'schema.additionalProperties', /labels/));
    assert.match(fixed, /^ {2}labels:$/m);
  });

  it('quotes a number where a string is expected', async () => {
    const fixed = (await fix(fixture('broken/wrong-type.yaml'), 'schema.type', /Quote/));
    assert.match(fixed, /version: "2"/);
    assert.ok(!(await scheduler().validate(fixed))!.diagnostics.some((d) => d.message.includes('labels.version')));
  });

  it('offers no quote fix that would still be an invalid quantity', async () => {
    const text = fixture('broken/quantity.yaml');
    assert.equal((await diagnostic(text, 'schema.type', 0)).fixes?.[0].edits[0].newText, '"0.5"');
    assert.equal((await diagnostic(text, 'schema.type', 1)).fixes, undefined);
  });

  it('changes an enum value to the closest allowed one', async () => {
    const fixed = (await fix(fixture('broken/enum.yaml'), 'schema.enum', /"all"/, 1));
    assert.match(fixed, /mode: all$/m);
  });

  it('moves an LLMInferenceService to v1alpha2 only where the same fields validate there', async () => {
    const text = fixture('broken/llmisvc.yaml');
    const superseded = (await scheduler().validate(text))!.diagnostics.filter((d) => d.code === 'lint.superseded-version');
    assert.deepEqual(superseded.map((d) => d.severity), ['information', 'information']);
    assert.equal(superseded[0].fixes, undefined, 'spec.model.criticality exists only in v1alpha1');
    const moved = await fix(text, 'lint.superseded-version', /Change apiVersion to serving\.kserve\.io\/v1alpha2/, 1);
    const third = moved.split('---\n')[2];
    assert.match(third, /^apiVersion: serving\.kserve\.io\/v1alpha2\nkind: LLMInferenceService\n/);
    assert.deepEqual(await codes(third), []);
  });

  it('fixes the apiVersion of an InferenceService written as v1alpha1', async () => {
    const fixed = (await fix(fixture('broken/names.yaml'), 'schema.enum', /v1beta1/));
    assert.equal(fixed.match(/serving\.kserve\.io\/v1beta1/g)?.length, 2);
  });

  it('replaces an unknown --backend, preferring the closest', async () => {
    const text = fixture('broken/lint-huggingface.yaml');
    const d = (await diagnostic(text, 'lint.hf-backend'));
    assert.deepEqual(d.fixes?.map((f) => [f.title, f.preferred]), [['Use --backend=huggingface', false], ['Use --backend=vllm', true]]);
    assert.match((await fix(text, 'lint.hf-backend', /vllm/)), /- --backend=vllm$/m);
    assert.match((await fix(text, 'lint.hf-backend', /vllm/, 1)), /- --backend\n\s+- vllm$/m);
  });

  it('removes --model_id or storageUri when both are set', async () => {
    const text = fixture('broken/lint-huggingface.yaml');
    const withoutArg = (await fix(text, 'lint.hf-model-source', /Remove --model_id/));
    assert.ok(!withoutArg.includes('- --model_id=google-t5/t5-small\n') || withoutArg.split('--model_id=').length === 2);
    assert.ok(!(await codes(withoutArg)).includes('lint.hf-model-source'));
    const withoutUri = (await fix(text, 'lint.hf-model-source', /Remove storageUri/));
    assert.ok(!withoutUri.includes('storageUri: hf://'));
    assert.ok(!(await codes(withoutUri)).includes('lint.hf-model-source'));
  });

  it('sets a GPU request to its limit', async () => {
    const fixed = (await fix(fixture('broken/lint-resources.yaml'), 'lint.gpu-request-limit', /request to the limit/));
    assert.equal((await codes(fixed)).filter((c) => c === 'lint.gpu-request-limit').length, 1);
  });

  it('raises a limit or lowers a request, comparing quantities (500m < 1, 1000Mi < 1Gi)', async () => {
    const text = fixture('broken/lint-resources.yaml');
    const raised = (await fix(text, 'lint.limit-below-request', /Raise/));
    assert.match(raised, /cpu: "1"\n\s+memory: 1000Mi/);
    const lowered = (await fix(text, 'lint.limit-below-request', /Lower/, 1));
    assert.match(lowered, /memory: 1000Mi\n\s+nvidia.com\/gpu: 2/);
    assert.equal((await codes(lowered)).filter((c) => c === 'lint.limit-below-request').length, 1);
  });

  it('resolves minReplicas above maxReplicas', async () => {
    const fixed = (await fix(fixture('broken/lint-deprecated.yaml'), 'lint.replicas', /Raise maxReplicas/));
    assert.match(fixed, /minReplicas: 3\n\s+maxReplicas: 3/);
    assert.ok(!(await codes(fixed)).includes('lint.replicas'));
  });

  it('renames an invalid name to a valid one', async () => {
    const fixed = (await fix(fixture('broken/names.yaml'), 'schema.pattern', /sklearn-iris/));
    assert.match(fixed, /name: sklearn-iris$/m);
  });
});
