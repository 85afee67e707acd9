import { strict as assert } from 'node:assert';
import { OPENAI_ROUTES } from '../../../src/core/kserve/openaiRoutes';
import { DOCS_EXAMPLE_PROMPT, startSimulator, type Simulator } from '../../simulator';
import { openRequest, send } from './httpClient';

const streamed = { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 50 };
const DONE = (text: string) => text.includes('data: [DONE]');
const FIRST_CHUNK = (text: string) => text.includes('data: {');

describe('simulator: one generation at a time (Hugging Face backend)', () => {
  const sims: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });

  it('gives a queued stream its headers at once, then silence until the one before it is done', async () => {
    const sim = await startSimulator({ chunkDelayMs: 15 });
    sims.push(sim);
    const first = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamed });
    const second = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamed });
    assert.deepEqual([first.status, second.status], [200, 200]);
    assert.match(String(second.headers['content-type']), /^text\/event-stream/);
    await first.waitUntil(FIRST_CHUNK, 5_000);
    assert.equal(second.received(), '', 'the queued stream is silent while the first generates');
    await first.waitUntil(DONE, 5_000);
    assert.ok(!DONE(second.received()), 'the second has not finished when the first has');
    assert.ok(DONE(await second.waitUntil(DONE, 5_000)));
  });

  it('runs as many generations at once as its capacity, and vLLM has no limit by default', async () => {
    for (const options of [{ capacity: 2 }, { backend: 'vllm' as const }]) {
      const sim = await startSimulator({ chunkDelayMs: 15, ...options });
      sims.push(sim);
      const streams = await Promise.all([0, 1].map(() => openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamed })));
      await Promise.all(streams.map((stream) => stream.waitUntil(FIRST_CHUNK, 5_000)));
      assert.ok(!streams.some((stream) => DONE(stream.received())), `${JSON.stringify(options)}: both stream at once`);
    }
  });

  it('frees the worker when a queued or running client goes away', async () => {
    const sim = await startSimulator({ chunkDelayMs: 15 });
    sims.push(sim);
    const running = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamed });
    const queued = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamed });
    queued.destroy();
    running.destroy();
    const next = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamed });
    assert.ok(DONE(await next.waitUntil(DONE, 5_000)));
  });
});

describe('simulator: ingress path prefix', () => {
  it('routes only paths under the prefix, with the prefix rewritten away, and logs the path as sent', async () => {
    const sim = await startSimulator({ pathPrefix: '/serving/default/huggingface-t5' });
    try {
      const ready = await send(sim.url, { path: '/serving/default/huggingface-t5/openai/v1/models/t5' });
      assert.deepEqual([ready.status, ready.body], [200, 'null']);
      const outside = await send(sim.url, { path: '/openai/v1/models/t5' });
      assert.deepEqual([outside.status, outside.body, outside.headers.server], [404, '', 'istio-envoy']);
      assert.deepEqual(sim.requests.map((r) => r.path), ['/serving/default/huggingface-t5/openai/v1/models/t5', '/openai/v1/models/t5']);
    } finally {
      await sim.close();
    }
  });
});
