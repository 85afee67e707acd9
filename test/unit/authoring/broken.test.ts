import { strict as assert } from 'node:assert';
import { fixture, summarize } from './helpers';

/** Every error kind and every lint rule: [code, range (zero-based line:character), exact message]. */
const EXPECTED: Record<string, [string, string, string][]> = {
  'wrong-type.yaml': [
    ['schema.type', '5:13-5:14', 'Wrong type for metadata.labels.version: expected a string, got number 2.'],
    ['schema.type', '8:17-8:20', 'Wrong type for spec.predictor.minReplicas: expected an integer, got "two".'],
    ['schema.type', '12:12-12:21', 'Wrong type for spec.predictor.model.args: expected a list, got "--verbose".'],
  ],
  'unknown-field.yaml': [
    ['schema.additionalProperties', '4:2-4:8', 'Unknown field "lables" in metadata. Did you mean "labels"?'],
    ['schema.additionalProperties', '9:6-9:17', 'Unknown field "modelformat" in spec.predictor.model. Did you mean "modelFormat"?'],
    ['schema.additionalProperties', '11:6-11:16', 'Unknown field "storageURI" in spec.predictor.model. Did you mean "storageUri"?'],
    ['schema.additionalProperties', '12:6-12:16', 'Unknown field "frobnicate" in spec.predictor.model.'],
  ],
  'missing-required.yaml': [
    ['schema.required', '2:0-2:8', 'Missing required field "name" in metadata.'],
    ['schema.required', '4:0-4:4', 'Missing required field "predictor" in spec.'],
    ['schema.required', '7:8-7:13', 'Missing required field "name" in spec.transformer.containers[0].'],
    ['schema.required', '16:6-16:17', 'Missing required field "name" in spec.predictor.model.modelFormat.'],
  ],
  'enum.yaml': [
    ['schema.enum', '6:17-6:24', 'Invalid value "latency" for spec.predictor.scaleMetric: expected "cpu", "memory", "concurrency", "rps".'],
    ['schema.enum', '8:12-8:14', 'Invalid value "al" for spec.predictor.logger.mode: expected "all", "request", "response".'],
  ],
  'quantity.yaml': [
    ['schema.type', '12:15-12:18', 'Invalid quantity for spec.predictor.model.resources.limits.cpu: expected an integer or a string such as "500m" or "2Gi", got number 0.5.'],
    ['schema.pattern', '13:18-13:21', 'Invalid quantity "1GB" for spec.predictor.model.resources.limits.memory: use a number with an optional suffix, such as 500m, 1.5, 2Gi or 1G.'],
    ['schema.type', '15:15-15:19', 'Invalid quantity for spec.predictor.model.resources.requests.cpu: expected an integer or a string such as "500m" or "2Gi", got boolean true.'],
  ],
  'yaml-syntax.yaml': [
    ['yaml.DUPLICATE_KEY', '4:2-4:6', 'YAML: Map keys must be unique'],
    ['yaml.BAD_INDENT', '8:32-8:33', 'YAML: Flow map in block collection must be sufficiently indented and end with a }'],
  ],
  'names.yaml': [
    ['schema.pattern', '3:8-3:20', 'Invalid metadata.name "Sklearn_Iris": use lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (at most 63).'],
    ['schema.pattern', '4:13-4:19', 'Invalid metadata.namespace "Team.A": use lowercase letters, digits and "-", starting and ending with a letter or digit (at most 63).'],
    ['schema.enum', '12:12-12:38', 'Invalid value "serving.kserve.io/v1alpha1" for apiVersion: expected "serving.kserve.io/v1beta1".'],
    ['schema.kind', '23:6-23:21', 'Unknown KServe kind "ServingRuntimes". Did you mean "ServingRuntime"?'],
  ],
  'local-model-kinds.yaml': [
    ['schema.required', '4:0-4:4', 'Missing required field "persistentVolumeClaimSpec" in spec.'],
    ['schema.pattern', '5:16-5:21', 'Invalid quantity "1.7TB" for spec.storageLimit: use a number with an optional suffix, such as 500m, 1.5, 2Gi or 1G.'],
    ['schema.required', '12:0-12:4', 'Missing required field "sourceModelUri" in spec.'],
    ['schema.additionalProperties', '13:2-13:16', 'Unknown field "sourceModelURI" in spec. Did you mean "sourceModelUri"?'],
    ['schema.type', '15:14-15:21', 'Wrong type for spec.nodeGroups: expected a list, got "workers".'],
    ['schema.type', '23:17-23:18', 'Wrong type for spec.localModels[0].modelName: expected a string, got number 3.'],
  ],
  'lint-huggingface.yaml': [
    ['lint.hf-backend', '12:10-12:23', 'Unknown --backend "vlm" for the Hugging Face runtime: use "huggingface" or "vllm".'],
    ['lint.hf-model-id', '23:6-23:10', 'The Hugging Face runtime needs --model_id=<hub model id> in args (or a storageUri) to know which model to load.'],
    ['lint.hf-backend', '26:10-26:18', 'Unknown --backend "tensorrt" for the Hugging Face runtime: use "huggingface" or "vllm".'],
    ['lint.hf-model-source', '40:10-40:39', "Both storageUri and --model_id name the model to load: the runtime loads storageUri's copy. Keep only one."],
  ],
  'lint-resources.yaml': [
    ['lint.limit-below-request', '12:15-12:19', 'The cpu limit (500m) is below the request (1): Kubernetes rejects the pod.'],
    ['lint.limit-below-request', '13:18-13:24', 'The memory limit (1000Mi) is below the request (1Gi): Kubernetes rejects the pod.'],
    ['lint.gpu-request-limit', '18:26-18:27', 'The nvidia.com/gpu request (2) differs from its limit (1): Kubernetes requires GPU requests to equal limits.'],
    ['lint.gpu-request-limit', '30:25-30:26', 'amd.com/gpu is requested without a limit: set limits.amd.com/gpu to the same value (Kubernetes requires GPU requests to equal limits).'],
  ],
  'lint-deployment-mode.yaml': [
    ['lint.deployment-mode', '5:38-5:51', 'Deployment mode "RawDeployment" is the name from before KServe v0.16: it is now "Standard" (the old name is still accepted).'],
    ['lint.deployment-mode', '17:50-17:62', 'Deployment mode "Serverless" is the name from before KServe v0.16: it is now "Knative" (the old name is still accepted).'],
  ],
  'lint-deprecated.yaml': [
    ['lint.replicas', '6:17-6:18', 'minReplicas (3) is greater than maxReplicas (2): KServe rejects this.'],
    ['lint.deprecated-framework', '8:4-8:11', 'predictor.sklearn is deprecated: use predictor.model with modelFormat.name: sklearn.'],
    ['lint.deprecated-framework', '22:4-22:11', 'predictor.xgboost is deprecated: use predictor.model with modelFormat.name: xgboost.'],
  ],
  'llmisvc.yaml': [
    ['schema.additionalProperties', '7:4-7:7', 'Unknown field "nme" in spec.model. Did you mean "name"?'],
    ['schema.additionalProperties', '8:4-8:15', 'Unknown field "criticality" in spec.model.'],
    ['schema.type', '9:12-9:15', 'Wrong type for spec.replicas: expected an integer, got "one".'],
    ['schema.required', '12:8-12:13', 'Missing required field "name" in spec.template.containers[0].'],
    ['lint.superseded-version', '14:12-14:38', 'LLMInferenceService v1alpha1 is superseded by v1alpha2, the version KServe stores since v0.17; v1alpha1 is still served. ' +
      'This manifest uses fields that v1alpha2 does not have, so it cannot simply be relabelled.'],
    ['lint.superseded-version', '23:12-23:38', 'LLMInferenceService v1alpha1 is superseded by v1alpha2, the version KServe stores since v0.17; v1alpha1 is still served.'],
  ],
};

describe('authoring: broken corpus', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file} gives exactly the expected diagnostics`, async () => {
      assert.deepEqual((await summarize(fixture(`broken/${file}`))), expected);
    });
  }

  it('covers each schema error kind and each lint rule', async () => {
    const codes = new Set(Object.values(EXPECTED).flat().map(([code]) => code));
    for (const code of ['schema.type', 'schema.additionalProperties', 'schema.required', 'schema.enum', 'schema.pattern', 'schema.kind',
      'yaml.DUPLICATE_KEY', 'lint.hf-backend', 'lint.hf-model-id', 'lint.hf-model-source', 'lint.gpu-request-limit',
      'lint.limit-below-request', 'lint.deprecated-framework', 'lint.replicas', 'lint.deployment-mode', 'lint.superseded-version']) {
      assert.ok(codes.has(code), code);
    }
  });

  it('leaves syntax errors to another YAML extension when asked, and still checks the rest', async () => {
    const text = fixture('broken/yaml-syntax.yaml');
    assert.deepEqual((await summarize(text, { syntax: false })), []);
    assert.deepEqual((await summarize(fixture('broken/enum.yaml'), { syntax: false })).length, 2);
  });

  it('reports no lint warnings when lint is off, and no schema errors when validation is off', async () => {
    assert.deepEqual((await summarize(fixture('broken/lint-resources.yaml'), { lint: false })), []);
    assert.deepEqual((await summarize(fixture('broken/enum.yaml'), { schema: false })), []);
  });
});
