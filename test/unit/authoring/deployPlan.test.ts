import { strict as assert } from 'node:assert';
import {
  backendProblem, DeployChoices, modelIdProblem, nameProblem, planObjects, serviceNameFor,
} from '../../../src/core/deploy/plan';
import { readReview, reviewYaml } from '../../../src/core/deploy/review';
import { scheduler } from './helpers';

const TOKEN = 'hf_guided_deploy_token_0123456789';
const t5: DeployChoices = {
  namespace: 'team-a', name: 'huggingface-t5', modelId: 'google-t5/t5-small', modelName: 't5', backend: 'huggingface',
  resources: 'gpu', tokenSecret: 'hf-secret', storageContainer: true,
};

describe('guided deploy: the plan and its review document', () => {
  it('plans the guide\'s objects in order: the secret, the storage container, the InferenceService', () => {
    const planned = planObjects(t5, TOKEN);
    assert.deepEqual(planned.map((p) => [p.kind, p.namespace, p.name]), [
      ['Secret', 'team-a', 'hf-secret'], ['ClusterStorageContainer', undefined, 'hf-hub'], ['InferenceService', 'team-a', 'huggingface-t5'],
    ]);
    assert.deepEqual(planned[0].object.data, { HF_TOKEN: Buffer.from(TOKEN).toString('base64') });
    const isvc = planned[2].object as { spec: { predictor: { model: Record<string, unknown> } } };
    assert.deepEqual(isvc.spec.predictor.model.args, ['--model_name=t5', '--model_id=google-t5/t5-small', '--backend=huggingface']);
    assert.deepEqual(isvc.spec.predictor.model.resources, {
      limits: { cpu: '1', memory: '4Gi', 'nvidia.com/gpu': '1' }, requests: { cpu: '1', memory: '2Gi', 'nvidia.com/gpu': '1' },
    });
    assert.equal(planObjects({ ...t5, tokenSecret: undefined, storageContainer: false }).length, 1, 'no token: the InferenceService only');
  });

  for (const [label, choices] of [
    ['with a token and a storage container', t5],
    ['without a token, on CPU, in Standard mode', { ...t5, tokenSecret: undefined, storageContainer: false, resources: 'cpu', deploymentMode: 'Standard' }],
  ] as const) {
    it(`gives a review document that is valid and lint-clean, ${label}, and never holds the token`, async () => {
      const text = reviewYaml(planObjects(choices as DeployChoices, TOKEN));
      assert.ok(!text.includes(TOKEN) && !text.includes(Buffer.from(TOKEN).toString('base64')), 'the token is not in the review');
      const result = (await scheduler().validate(text))!;
      assert.deepEqual(result.diagnostics.map((d) => d.message), []);
      assert.ok(result.documents.some((d) => d.kind.kind === 'InferenceService'));
      const read = readReview(text);
      assert.ok('objects' in read);
      assert.deepEqual(read.objects.map((o) => o.kind), (choices as DeployChoices).storageContainer ? ['ClusterStorageContainer', 'InferenceService'] : ['InferenceService']);
    });
  }

  it('reads an edited review back, and refuses one it cannot deploy', () => {
    const text = reviewYaml(planObjects(t5, TOKEN)).replace('cpu: "1"\n          memory: 4Gi', 'cpu: "2"\n          memory: 4Gi');
    const read = readReview(text);
    assert.ok('objects' in read && JSON.stringify(read.objects).includes('"cpu":"2"'));
    assert.match(String((readReview('kind: Secret\nmetadata: {name: x}\n') as { problem: string }).problem), /not Secret/);
    assert.match(String((readReview('a: [\n') as { problem: string }).problem), /YAML error/);
  });

  it('checks each answer: model ids, names, and vLLM, which does not serve T5', () => {
    assert.equal(modelIdProblem('google-t5/t5-small'), undefined);
    assert.match(modelIdProblem('t5-small') ?? '', /owner\/name/);
    assert.match(nameProblem('Huggingface_T5', 'The name') ?? '', /lowercase/);
    assert.match(backendProblem('google-t5/t5-small', 'vllm') ?? '', /vLLM does not serve T5/);
    assert.match(backendProblem('google/flan-t5-base', 'vllm') ?? '', /encoder-decoder/);
    assert.equal(backendProblem('facebook/opt-125m', 'vllm'), undefined);
    assert.equal(backendProblem('google-t5/t5-small', 'huggingface'), undefined);
    assert.equal(serviceNameFor('google-t5/t5-small'), 'huggingface-t5-small');
  });
});
