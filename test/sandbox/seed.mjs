// @ts-check
// The sandbox's InferenceServices: the docs' T5 service, Ready, plus a few in other states and namespaces.
import {
  failedToLoadStatus, inProgressStatus, stoppedStatus, TestCluster,
} from '../../out/test/support/cluster.js';

const sklearn = { predictor: { model: { modelFormat: { name: 'sklearn' }, storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model' } } };
const vllm = {
  predictor: {
    model: {
      modelFormat: { name: 'huggingface' },
      args: ['--model_name=llama3', '--model_id=meta-llama/Meta-Llama-3-8B-Instruct', '--backend=vllm'],
      resources: { limits: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' }, requests: { cpu: '6', memory: '24Gi', 'nvidia.com/gpu': '1' } },
    },
  },
};
const xgboost = { predictor: { model: { modelFormat: { name: 'xgboost' }, storageUri: 'gs://kfserving-examples/models/xgboost/iris' } } };

export async function seedSandbox(stateDir) {
  const cluster = TestCluster.fromStateDir(stateDir);
  const seeds = [
    { ns: 'default', name: 'huggingface-t5', status: (c) => c.markReady('default', 'huggingface-t5') },
    { ns: 'team-a', name: 'sklearn-iris', spec: sklearn, status: (c) => c.setStatus('team-a', 'sklearn-iris', inProgressStatus({ modelState: 'Loading' })) },
    { ns: 'team-a', name: 'llama3-vllm', spec: vllm, status: (c) => c.setStatus('team-a', 'llama3-vllm',
      failedToLoadStatus('ModelLoadFailed', 'CUDA out of memory. Tried to allocate 2.00 GiB')) },
    { ns: 'team-b', name: 'xgboost-iris', spec: xgboost, status: (c) => c.setStatus('team-b', 'xgboost-iris', stoppedStatus()) },
  ];
  for (const seed of seeds) {
    await cluster.createNamespace(seed.ns);
    try {
      await cluster.createInferenceService(seed.ns, seed.name, seed.spec);
    } catch (err) {
      if (/** @type {{ code?: number }} */ (err)?.code !== 409) throw err;
    }
    await seed.status(cluster);
  }
  return seeds.map((s) => `${s.ns}/${s.name}`);
}
