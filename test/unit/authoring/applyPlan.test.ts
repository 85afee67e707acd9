import { strict as assert } from 'node:assert';
import { applyQuestion, planObjects } from '../../../src/core/authoring/applyPlan';
import { scheduler } from './helpers';

const ALIASED = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: &name sklearn-iris
  labels: {team: &ns kserve-prod, app: *name}
  namespace: *ns
spec:
  predictor:
    model:
      modelFormat:
        name: sklearn
      storageUri: gs://kfserving-examples/models/sklearn/1.0/model
`;

describe('authoring: what an apply sends and asks', () => {
  it('names the target as the server will see it, aliases resolved', async () => {
    const documents = (await scheduler().validate(ALIASED))!.documents;
    const [planned] = planObjects(ALIASED, documents, 'default');
    assert.equal(planned.name, 'sklearn-iris');
    assert.equal(planned.namespace, 'kserve-prod');
    assert.deepEqual(planned.object.metadata, { name: 'sklearn-iris', labels: { team: 'kserve-prod', app: 'sklearn-iris' }, namespace: 'kserve-prod' });
    assert.equal(applyQuestion([planned], 'prod'), 'Apply InferenceService "sklearn-iris" in namespace "kserve-prod" on context "prod"?');
  });

  it('uses the context\'s namespace only when the object has none, and none for cluster-scoped kinds', async () => {
    const text = `${ALIASED.replace('  namespace: *ns\n', '')}---\napiVersion: serving.kserve.io/v1alpha1\nkind: ClusterStorageContainer\nmetadata:\n  name: hf-hub\n  namespace: ignored\nspec:\n  container:\n    name: storage-initializer\n    image: kserve/storage-initializer:latest\n  supportedUriFormats:\n    - prefix: hf://\n`;
    const planned = planObjects(text, (await scheduler().validate(text))!.documents, 'team-a');
    assert.deepEqual(planned.map((p) => [p.kind.kind, p.name, p.namespace]), [
      ['InferenceService', 'sklearn-iris', 'team-a'],
      ['ClusterStorageContainer', 'hf-hub', undefined],
    ]);
    assert.equal(applyQuestion(planned, 'kind'), 'Apply 2 KServe documents in namespace "team-a" on context "kind"?');
  });
});
