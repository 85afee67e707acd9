import { strict as assert } from 'node:assert';
import { complete } from '../../../src/core/authoring/completion';
import { cursorContext } from '../../../src/core/authoring/cursor';
import { hover } from '../../../src/core/authoring/hover';
import { schemas } from './helpers';

/** Splits a template at `|` into the text and the cursor offset. */
function cursor(template: string): [string, number] {
  const offset = template.indexOf('|');
  return [template.slice(0, offset) + template.slice(offset + 1), offset];
}

const ISVC = 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: x\n';

describe('authoring: cursor context', () => {
  it('finds the mapping an empty, indented line belongs to', () => {
    const [text, offset] = cursor(`${ISVC}spec:\n  predictor:\n    model:\n      |`);
    const context = cursorContext(text, offset);
    assert.deepEqual([context?.parentPath, context?.mode], [['spec', 'predictor', 'model'], 'key']);
  });

  it('steps into list items, including lists at their key\'s indentation', () => {
    const [a, offsetA] = cursor(`${ISVC}spec:\n  predictor:\n    containers:\n    - name: c\n      ima|`);
    assert.deepEqual(cursorContext(a, offsetA)?.parentPath, ['spec', 'predictor', 'containers', '[]']);
    const [b, offsetB] = cursor(`${ISVC}spec:\n  predictor:\n    containers:\n      - name: c\n        env:\n          - name: A\n            val|`);
    assert.deepEqual(cursorContext(b, offsetB)?.parentPath, ['spec', 'predictor', 'containers', '[]', 'env', '[]']);
  });

  it('knows a value is being typed, and which keys are already there', () => {
    const [text, offset] = cursor(`${ISVC}spec:\n  predictor:\n    scaleMetric: con|\n    minReplicas: 1\n`);
    const context = cursorContext(text, offset);
    assert.deepEqual([context?.mode, context?.key, context?.partial, context?.siblings], ['value', 'scaleMetric', 'con', ['minReplicas']]);
  });
});

describe('authoring: completion', () => {
  it('offers modelFormat under predictor.model, with its description', () => {
    const [text, offset] = cursor(`${ISVC}spec:\n  predictor:\n    model:\n      storageUri: gs://x\n      mod|`);
    const result = complete(text, offset, schemas());
    const item = result?.items.find((i) => i.label === 'modelFormat');
    assert.ok(item, 'modelFormat offered');
    assert.equal(item.insertText, 'modelFormat:\n  $0');
    assert.equal(item.documentation, 'ModelFormat being served.');
    assert.equal(result?.replaceStart, offset - 3);
    assert.ok(!result?.items.some((i) => i.label === 'storageUri'), 'present keys are not offered again');
  });

  it('offers enum values and known model formats', () => {
    const [a, offsetA] = cursor(`${ISVC}spec:\n  predictor:\n    scaleMetric: |`);
    assert.deepEqual(complete(a, offsetA, schemas())?.items.map((i) => i.label), ['cpu', 'memory', 'concurrency', 'rps']);
    const [b, offsetB] = cursor(`${ISVC}spec:\n  predictor:\n    model:\n      modelFormat:\n        name: |`);
    assert.ok(complete(b, offsetB, schemas())?.items.some((i) => i.label === 'huggingface'));
  });

  it('offers the current deployment mode names for the annotation', () => {
    const [text, offset] = cursor(`${ISVC}  annotations:\n    serving.kserve.io/deploymentMode: |`);
    assert.deepEqual(complete(text, offset, schemas())?.items.map((i) => i.label), ['Standard', 'Knative', 'ModelMesh']);
  });

  it('offers the top-level fields with the required ones marked', () => {
    const [text, offset] = cursor('apiVersion: serving.kserve.io/v1alpha1\nkind: ServingRuntime\n|');
    const items = complete(text, offset, schemas())?.items ?? [];
    assert.deepEqual(items.filter((i) => i.required).map((i) => i.label).sort(), ['metadata', 'spec']);
    assert.ok(!items.some((i) => i.label === 'kind' || i.label === 'apiVersion'), 'present keys are not offered');
    assert.ok(!items.some((i) => i.label === 'status'), 'status is the controller\'s');
  });

  it('offers the KServe kinds for kind:, and KServe API versions once apiVersion starts with s', () => {
    const [a, offsetA] = cursor('apiVersion: serving.kserve.io/v1beta1\nkind: |');
    assert.deepEqual(complete(a, offsetA, schemas())?.items.map((i) => i.label), ['ClusterServingRuntime', 'ClusterStorageContainer',
      'InferenceGraph', 'InferenceService', 'LLMInferenceService', 'LLMInferenceServiceConfig', 'LocalModelCache',
      'LocalModelNamespaceCache', 'LocalModelNode', 'LocalModelNodeGroup', 'ServingRuntime', 'TrainedModel']);
    const [b, offsetB] = cursor('apiVersion: se|');
    assert.deepEqual(complete(b, offsetB, schemas())?.items.map((i) => i.label), ['serving.kserve.io/v1alpha1',
      'serving.kserve.io/v1alpha2', 'serving.kserve.io/v1beta1']);
    const [c, offsetC] = cursor('apiVersion: apps/|');
    assert.equal(complete(c, offsetC, schemas()), undefined);
    const [d, offsetD] = cursor('apiVersion: apps/v1\nkind: |');
    assert.equal(complete(d, offsetD, schemas()), undefined, 'other documents are left alone');
  });

  it('offers nothing in documents that are not KServe\'s', () => {
    const [text, offset] = cursor('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |');
    assert.equal(complete(text, offset, schemas()), undefined);
  });
});

describe('authoring: hover', () => {
  const text = `${ISVC}spec:\n  predictor:\n    scaleMetric: cpu\n    model:\n      modelFormat:\n        name: sklearn\n`;

  it('shows the description, type and allowed values of a key', () => {
    const info = hover(text, text.indexOf('scaleMetric') + 3, schemas());
    assert.ok(info);
    assert.match(info.contents, /^\*\*scaleMetric\*\* · `string`/);
    assert.match(info.contents, /Allowed: `cpu`, `memory`, `concurrency`, `rps`/);
    assert.equal(text.slice(info.range.start, info.range.end), 'scaleMetric');
  });

  it('marks required fields and works on the value too', () => {
    const info = hover(text, text.indexOf('sklearn') + 2, schemas());
    assert.match(info?.contents ?? '', /\*\*name\*\* · `string` · required\n\nName of the model format\./);
  });

  it('has nothing for unknown keys or other documents', () => {
    assert.equal(hover('kind: Deployment\napiVersion: apps/v1\nspec:\n  replicas: 1\n', 40, schemas()), undefined);
    assert.equal(hover(`${ISVC}spec:\n  bogus: 1\n`, ISVC.length + 9, schemas()), undefined);
  });

  it('takes the document\'s kind from the caller (the last validation) instead of parsing the file again', () => {
    const isvcKind = schemas().kindInfo('InferenceService');
    // Without apiVersion and kind the text alone names no KServe kind; the lookup does.
    const [text, offset] = cursor('spec:\n  predictor:\n    scaleMetric: |');
    assert.equal(complete(text, offset, schemas()), undefined);
    const looked: number[] = [];
    const items = complete(text, offset, schemas(), (at) => { looked.push(at); return isvcKind; })?.items.map((i) => i.label);
    assert.deepEqual(items, ['cpu', 'memory', 'concurrency', 'rps']);
    assert.deepEqual(looked, [offset]);
    const [hoverText, hoverOffset] = cursor('spec:\n  predictor:\n    minRep|licas: 1');
    assert.equal(hover(hoverText, hoverOffset, schemas()), undefined);
    assert.match(hover(hoverText, hoverOffset, schemas(), () => isvcKind)?.contents ?? '', /^\*\*minReplicas\*\*/);
  });
});

