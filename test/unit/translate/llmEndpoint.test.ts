import { strict as assert } from 'node:assert';
import { StreamFailure } from '../../../src/core/translate/inferenceErrors';
import { InferenceServiceTarget } from '../../../src/core/target';
import { completionsUrl, modelsUrl, modelUrl, resolveEndpoint } from '../../../src/core/translate/endpoint';
import { taskInstruction } from '../../../src/core/translate/tasks';
import { nullLogger } from '../../../src/core/logger';
import { InferenceClient, ModelAddress, requestBody } from '../../../src/infra/http/inferenceClient';
import { runTranslation } from '../../../src/app/translate/translationRun';
import { planTranslation } from '../../../src/core/translate/chunking';
import { textBudget } from '../../../src/core/translate/tokenBudget';
import { startSimulator, type Simulator } from '../../simulator';

const PREFIX = 'translate English to German: ';
const PATH = '/llm-demo/opt-125m';
const noSettings = { url: '', hostHeader: '', model: 't5', ingressUrl: '' };
const transport = { connectTimeoutMs: 2000, idleTimeoutMs: 5000, insecureSkipTlsVerify: false };

function llmTarget(url: string, style?: 'chat'): InferenceServiceTarget {
  return { kind: 'LLMInferenceService', context: 'kind', namespace: 'llm-demo', name: 'opt-125m', url, model: 'facebook/opt-125m', ...(style ? { style } : {}) };
}

describe('translate: LLMInferenceService routes (vLLM behind a path-based gateway route)', function () {
  this.timeout(30_000);
  let simulator: Simulator;
  let client: InferenceClient;

  beforeEach(async () => {
    simulator = await startSimulator({ api: 'vllm', pathPrefix: PATH, models: [{ name: 'facebook/opt-125m', ready: true }] });
    client = new InferenceClient(nullLogger);
  });
  afterEach(async () => {
    client.dispose();
    await simulator.close();
  });

  it('builds /<namespace>/<name>/v1/… routes from the path-based status.url, keeping the path through kserve.ingress.url', () => {
    const direct = resolveEndpoint(llmTarget('http://gateway.example.com/llm-demo/opt-125m'), noSettings)!;
    assert.equal(direct.api, 'vllm');
    assert.equal(completionsUrl(direct), 'http://gateway.example.com/llm-demo/opt-125m/v1/completions');
    assert.equal(completionsUrl({ ...direct, style: 'chat' }), 'http://gateway.example.com/llm-demo/opt-125m/v1/chat/completions');
    assert.equal(modelsUrl(direct), 'http://gateway.example.com/llm-demo/opt-125m/v1/models');
    assert.equal(modelUrl(direct), undefined, 'vLLM has no per-model readiness route');
    const viaIngress = resolveEndpoint(llmTarget('http://gateway.example.com/llm-demo/opt-125m/'), { ...noSettings, ingressUrl: 'http://127.0.0.1:8080' })!;
    assert.equal(completionsUrl(viaIngress), 'http://127.0.0.1:8080/llm-demo/opt-125m/v1/completions');
    assert.equal(viaIngress.hostHeader, 'gateway.example.com');
    const pasted = resolveEndpoint(llmTarget('http://gateway.example.com/llm-demo/opt-125m/v1/completions'), noSettings)!;
    assert.equal(pasted.baseUrl, 'http://gateway.example.com/llm-demo/opt-125m');
  });

  it('sends the task and the text as one prompt, or as system and user messages, and asks vLLM for its usage chunk', () => {
    const address = { model: 'm', api: 'vllm' as const };
    assert.deepEqual(requestBody({ ...address, style: 'completions' }, { prompt: `${PREFIX}Hi`, maxTokens: 64 }), {
      model: 'm', stream: true, max_tokens: 64, stream_options: { include_usage: true }, prompt: `${PREFIX}Hi`,
    });
    const chat = requestBody({ ...address, style: 'chat' }, { prompt: `${PREFIX}Hi`, chat: { instruction: taskInstruction(PREFIX), text: 'Hi' }, maxTokens: 64 });
    assert.deepEqual((chat as { messages?: unknown }).messages, [
      { role: 'system', content: 'Translate English to German. Answer with the result only.' }, { role: 'user', content: 'Hi' },
    ]);
    assert.equal('stream_options' in requestBody({ model: 't5' }, { prompt: 'x', maxTokens: 1 }), false, 'KServe ignores it: not sent');
  });

  for (const style of ['completions', 'chat'] as const) {
    it(`streams a selection through the path-based route as ${style}, ending after the usage chunk`, async () => {
      const endpoint = resolveEndpoint(llmTarget(`${simulator.url}${PATH}`, style === 'chat' ? 'chat' : undefined), noSettings)!;
      const address: ModelAddress = { baseUrl: endpoint.baseUrl, model: endpoint.model, api: endpoint.api, style: endpoint.style };
      const text = 'The first line.\n\nThe second paragraph.';
      const plan = planTranslation(text, textBudget(PREFIX, 128));
      let written = '';
      await runTranslation({
        regions: [{ prefix: '', plans: [plan], separator: '' }], connection: { endpoint, address, transport }, client, taskPrefix: PREFIX,
        maxTokens: 128, concurrency: 2, write: (_region, piece) => { written += piece; },
      }, new AbortController().signal);
      assert.equal(written, '[de] The first line.\n\n[de] The second paragraph.');
      const paths = simulator.requests.map((r) => r.path);
      assert.deepEqual([...new Set(paths)], [`${PATH}/v1/${style === 'chat' ? 'chat/completions' : 'completions'}`]);
      const body = simulator.requests[0].body as Record<string, unknown>;
      assert.equal(body.model, 'facebook/opt-125m');
      assert.deepEqual(body.stream_options, { include_usage: true });
    });
  }

  it('lists the served models at /v1/models, and fails on vLLM\'s error event mid-stream', async () => {
    const address: ModelAddress = { baseUrl: `${simulator.url}${PATH}`, model: 'facebook/opt-125m', api: 'vllm', style: 'completions' };
    assert.deepEqual(await client.listModels(address, transport), ['facebook/opt-125m']);
    simulator.setScenario({ kind: 'errorEvent', afterChunks: 1, message: 'CUDA error: out of memory' });
    await assert.rejects(async () => {
      for await (const _ of client.streamCompletion(address, transport, { prompt: `${PREFIX}a b c`, maxTokens: 16 })) { /* drain */ }
    }, (err: unknown) => err instanceof StreamFailure && err.kind === 'errorEvent' && /CUDA error/.test(err.message));
  });

  it('answers vLLM\'s NotFoundError for an unknown model and the empty gateway 404 without the path', async () => {
    const wrong: ModelAddress = { baseUrl: `${simulator.url}${PATH}`, model: 't5', api: 'vllm', style: 'completions' };
    await assert.rejects(async () => {
      for await (const _ of client.streamCompletion(wrong, transport, { prompt: 'x', maxTokens: 1 })) { /* drain */ }
    }, (err: unknown) => (err as { status?: number }).status === 404 && /The model `t5` does not exist/.test((err as { body?: string }).body ?? ''));
    const noPath: ModelAddress = { ...wrong, baseUrl: simulator.url, model: 'facebook/opt-125m' };
    await assert.rejects(client.listModels(noPath, transport), (err: unknown) => (err as { status?: number }).status === 404);
  });
});
