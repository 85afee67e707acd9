import { strict as assert } from 'node:assert';
import { OPENAI_ROUTES } from '../../../src/core/kserve/openaiRoutes';
import { DOCS_EXAMPLE_PROMPT, startSimulator, type Simulator } from '../../simulator';
import { activeTimerCount, openRequest, postCompletion, send, sseData } from './httpClient';

const streamedDocsExample = { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 50 };

describe('simulator request log', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());

  it('records method, path, lower-cased headers and the parsed body', async () => {
    await postCompletion(sim.url, streamedDocsExample, { Authorization: 'Bearer abc', 'X-Request-Id': 'r1' });
    await send(sim.url, { path: '/v2/health/ready?verbose=1' });
    const [completion, health] = sim.requests;
    assert.deepEqual([completion.index, completion.method, completion.path], [0, 'POST', OPENAI_ROUTES.completions]);
    assert.equal(completion.headers.authorization, 'Bearer abc');
    assert.equal(completion.headers['x-request-id'], 'r1');
    assert.deepEqual(completion.body, streamedDocsExample);
    assert.deepEqual([health.method, health.path, health.url, health.body], ['GET', '/v2/health/ready', '/v2/health/ready?verbose=1', undefined]);
  });

  it('keeps a body that is not JSON as text and serves the log over HTTP', async () => {
    await postCompletion(sim.url, 'not json');
    assert.equal(sim.requests[0].body, 'not json');
    const served = await send(sim.url, { path: '/__simulator/requests' });
    assert.deepEqual((JSON.parse(served.body) as Array<{ body: unknown }>).map((entry) => entry.body), ['not json']);
    assert.equal(sim.requests.length, 1);
    assert.equal((await send(sim.url, { method: 'DELETE', path: '/__simulator/requests' })).status, 204);
    assert.equal(sim.requests.length, 0);
  });

  it('waitForRequests resolves once enough requests arrived and rejects at its deadline', async () => {
    const waiting = sim.waitForRequests(2, 5000);
    await Promise.all([send(sim.url, { path: '/v2/health/live' }), send(sim.url, { path: '/' })]);
    assert.equal((await waiting).length, 2);
    await assert.rejects(sim.waitForRequests(3, 30), /expected 3 requests within 30 ms, received 2/);
  });

  it('reports every streamed piece to chunk listeners until they unsubscribe', async () => {
    const seen: Array<[number, string, number]> = [];
    const stamps: bigint[] = [];
    const unsubscribe = sim.onChunkWritten((seq, writtenAt, info) => {
      seen.push([seq, info.text, info.requestIndex]);
      stamps.push(writtenAt);
    });
    const before = process.hrtime.bigint();
    await postCompletion(sim.url, streamedDocsExample);
    assert.deepEqual(seen, [[0, 'Das ', 0], [1, 'Haus ', 0], [2, 'ist ', 0], [3, 'wunderbar.', 0]]);
    assert.ok(stamps.every((stamp, index) => stamp >= (index === 0 ? before : stamps[index - 1])));
    unsubscribe();
    await postCompletion(sim.url, streamedDocsExample);
    assert.equal(seen.length, 4);
  });

  it('writes each chunk separately so the client sees the first piece before the stream ends', async () => {
    sim.setScenario({ kind: 'slowChunks', delayMs: 300 });
    const response = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamedDocsExample });
    const firstPiece = await response.waitUntil((text) => sseData(text).length >= 1, 5000);
    assert.equal(sseData(firstPiece).length, 1);
    assert.ok(!firstPiece.includes('[DONE]'));
    response.destroy();
  });
});

describe('simulator options', () => {
  const sims: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });

  it('requestLatencyMs delays the first byte and chunkDelayMs every chunk', async () => {
    const sim = await startSimulator({ requestLatencyMs: 100, chunkDelayMs: 30 });
    sims.push(sim);
    const started = performance.now();
    const response = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamedDocsExample });
    const headersAfter = performance.now() - started;
    assert.ok(headersAfter >= 98, `headers after ${headersAfter} ms`);
    await response.finished;
    const total = performance.now() - started;
    assert.ok(total >= 100 + 4 * 30 - 6, `stream took ${total} ms`);
  });

  it('changes model readiness over the control route', async () => {
    const sim = await startSimulator();
    sims.push(sim);
    const changed = await send(sim.url, { path: '/__simulator/models', body: { name: 't5', ready: false } });
    assert.deepEqual(JSON.parse(changed.body), [{ name: 't5', ready: false }]);
    assert.equal((await postCompletion(sim.url, streamedDocsExample)).status, 503);
    assert.equal((await send(sim.url, { path: '/__simulator/models', body: { name: 't5' } })).status, 400);
    assert.equal(sim.requests.length, 1);
  });
});

describe('simulator shutdown', () => {
  it('closes promptly with a stalled stream open and leaves no timers behind', async () => {
    const sim = await startSimulator({ chunkDelayMs: 60_000 });
    const timersBefore = activeTimerCount();
    const stalled = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamedDocsExample });
    await sim.waitForRequests(1, 5000);
    assert.equal(activeTimerCount(), timersBefore + 1, 'the chunk delay should be pending');
    const started = performance.now();
    await sim.close();
    assert.ok(performance.now() - started < 1000, `close took ${performance.now() - started} ms`);
    assert.equal((await stalled.finished).completed, false);
    assert.equal(activeTimerCount(), timersBefore);
  });

  it('cancels pending request waits and closes a stallAfter and a hang stream', async () => {
    const sim = await startSimulator();
    const waiting = sim.waitForRequests(10, 60_000);
    sim.setScenario({ kind: 'stallAfter', afterChunks: 1 });
    const stalled = await openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamedDocsExample });
    await stalled.waitUntil((text) => sseData(text).length === 1, 5000);
    sim.setScenario('hang');
    const hanging = openRequest(sim.url, { path: OPENAI_ROUTES.completions, body: streamedDocsExample }).catch((error: Error) => error);
    await sim.waitForRequests(2, 5000);
    await sim.close();
    await assert.rejects(waiting, /simulator closed/);
    assert.equal((await stalled.finished).completed, false);
    assert.ok((await hanging) instanceof Error);
  });

  it('is idempotent', async () => {
    const sim = await startSimulator();
    await Promise.all([sim.close(), sim.close()]);
    await sim.close();
  });
});
