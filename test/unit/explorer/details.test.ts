import { strict as assert } from 'node:assert';
import { argValue, extractDetails, resourceDetails } from '../../../src/core/explorer/details';
import { InferenceServiceObject } from '../../../src/core/explorer/resources';
import { summarizeInferenceService, summarizeResource, translationTarget } from '../../../src/core/explorer/summary';
import { readyStatus, t5Spec } from '../../support/cluster-isvc';

function isvc(spec: Record<string, unknown>, status?: InferenceServiceObject['status']): InferenceServiceObject {
  return { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'huggingface-t5', namespace: 'default' }, spec, status };
}

describe('explorer details extraction', () => {
  it('reads the Hugging Face T5 service from KServe’s docs', () => {
    const d = extractDetails(isvc(t5Spec(), readyStatus({ url: 'http://huggingface-t5.default.example.com' })));
    assert.equal(d.url, 'http://huggingface-t5.default.example.com');
    assert.equal(d.addressUrl, 'http://huggingface-t5-predictor.default.svc.cluster.local');
    assert.equal(d.modelFormat, 'huggingface');
    assert.equal(d.modelId, 'google-t5/t5-small');
    assert.equal(d.modelName, 't5');
    assert.equal(d.deploymentMode, 'Knative (Serverless)', 'the current name first, the old one the cluster used after');
    assert.equal(d.gpus, 1);
    const predictor = d.components.find((c) => c.name === 'predictor');
    assert.deepEqual(predictor?.resources?.limits, { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' });
    assert.equal(predictor?.latestReadyRevision, 'huggingface-t5-predictor-00001');
    assert.deepEqual(predictor?.traffic, [{ revisionName: 'huggingface-t5-predictor-00001', latestRevision: true, percent: 100 }]);
    assert.ok(d.conditions.some((c) => c.type === 'Ready'));
  });

  it('takes the model id from an hf:// storageUri when no --model_id is given', () => {
    const d = extractDetails(isvc({ predictor: { model: { modelFormat: { name: 'huggingface', version: '1' }, storageUri: 'hf://google-t5/t5-small', runtime: 'kserve-huggingfaceserver' } } }));
    assert.equal(d.modelId, 'google-t5/t5-small');
    assert.equal(d.storageUri, 'hf://google-t5/t5-small');
    assert.equal(d.modelFormat, 'huggingface (1)');
    assert.equal(d.runtime, 'kserve-huggingfaceserver');
    assert.equal(d.gpus, 0);
  });

  it('understands the legacy framework form, custom containers, transformers and canaries', () => {
    const legacy = extractDetails(isvc({ predictor: { sklearn: { storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model' } } }, { clusterServingRuntimeName: 'kserve-sklearnserver' }));
    assert.equal(legacy.modelFormat, 'sklearn');
    assert.equal(legacy.storageUri, 'gs://kfserving-examples/models/sklearn/1.0/model');
    assert.equal(legacy.runtime, 'kserve-sklearnserver (cluster)');

    const custom = extractDetails(isvc({
      predictor: { canaryTrafficPercent: 10, containers: [{ name: 'kserve-container', image: 'vllm/vllm-openai', args: ['--model_id', 'meta-llama/Llama-3-8B'], resources: { limits: { 'amd.com/gpu': '2' } } }] },
      transformer: { containers: [{ name: 'kserve-container', image: 'example/transformer', resources: { requests: { cpu: '500m' } } }] },
    }));
    assert.equal(custom.modelId, 'meta-llama/Llama-3-8B');
    assert.equal(custom.gpus, 2);
    assert.equal(custom.canaryTrafficPercent, 10);
    assert.deepEqual(custom.components.map((c) => c.name), ['predictor', 'transformer']);
    assert.equal(custom.components[1].image, 'example/transformer');
  });

  it('parses --flag=value and --flag value, last one winning', () => {
    assert.equal(argValue(['--model_id=a', '--model_id', 'b'], ['--model_id']), 'b');
    assert.equal(argValue(['--model_id', '--other'], ['--model_id']), undefined);
    assert.equal(argValue(['--model-name=x'], ['--model_name', '--model-name']), 'x');
  });

  it('sums every GPU resource and ignores empty resource blocks', () => {
    assert.equal(resourceDetails({ limits: { 'nvidia.com/gpu': '1', 'gpu.intel.com/i915': 2 } })?.gpus, 3);
    assert.equal(resourceDetails({ requests: { 'nvidia.com/gpu': '4' } })?.gpus, 4);
    assert.equal(resourceDetails({}), undefined);
  });

  it('summarizes services, runtimes and translation targets', () => {
    const summary = summarizeInferenceService({ ...isvc(t5Spec(), readyStatus({ url: 'http://huggingface-t5.default.example.com' })), metadata: { name: 'huggingface-t5', namespace: 'default', resourceVersion: '42' } });
    assert.equal(summary.status.phase, 'Ready');
    assert.equal(summary.resourceVersion, '42');
    assert.deepEqual(translationTarget('kind-kserve', summary), {
      kind: 'InferenceService', context: 'kind-kserve', namespace: 'default', name: 'huggingface-t5', url: 'http://huggingface-t5.default.example.com', model: 't5',
    });
    const runtime = summarizeResource({ metadata: { name: 'kserve-huggingfaceserver' }, spec: {
      supportedModelFormats: [{ name: 'huggingface', version: '1', autoSelect: true }], containers: [{ image: 'kserve/huggingfaceserver:v0.16.0' }],
    } });
    assert.deepEqual(runtime.handles, ['huggingface:1']);
    assert.equal(runtime.image, 'kserve/huggingfaceserver:v0.16.0');
    const storage = summarizeResource({ metadata: { name: 'hf-hub' }, spec: { container: { image: 'kserve/storage-initializer' }, supportedUriFormats: [{ prefix: 'hf://' }] } });
    assert.deepEqual(storage.handles, ['hf://']);
  });
});
