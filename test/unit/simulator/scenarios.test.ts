import { strict as assert } from 'node:assert';
import { OPENAI_ROUTES } from '../../../src/core/kserve/openaiRoutes';
import { DOCS_EXAMPLE_PROMPT, startSimulator, type Simulator } from '../../simulator';
import { openRequest, pieceTexts, postCompletion, send, sseChunks, sseData } from './httpClient';

const streamedDocsExample = { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 50 };
const completionsPath = OPENAI_ROUTES.completions;

describe('simulator scenarios', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());

  it('status404 and status503 answer like KServe for the requested model', async () => {
    sim.setScenario('status404');
    const notFound = await postCompletion(sim.url, { model: 't5', prompt: 'x' });
    assert.deepEqual([notFound.status, JSON.parse(notFound.body)], [404, { error: 'Model with name t5 does not exist.' }]);
    sim.setScenario({ kind: 'status503' });
    const notReady = await postCompletion(sim.url, streamedDocsExample);
    assert.deepEqual([notReady.status, JSON.parse(notReady.body)], [503, { error: 'Model with name t5 is not ready.' }]);
  });

  it('error500 answers an OpenAIError and error422 a validation detail', async () => {
    sim.setScenario({ kind: 'error500', message: 'CUDA out of memory' });
    const failed = await postCompletion(sim.url, streamedDocsExample);
    assert.equal(failed.status, 500);
    assert.deepEqual(JSON.parse(failed.body), { error: { code: '500', message: 'CUDA out of memory', type: 'OpenAIError', param: '' } });
    sim.setScenario('error422');
    const invalid = await postCompletion(sim.url, streamedDocsExample);
    assert.equal(invalid.status, 422);
    const [issue] = (JSON.parse(invalid.body) as { detail: Array<{ loc: unknown[]; type: string }> }).detail;
    assert.deepEqual([issue.type, issue.loc], ['missing', ['body', 'prompt']]);
  });

  it('cutBeforeDone sends K chunks, then destroys the socket without [DONE]', async () => {
    sim.setScenario({ kind: 'cutBeforeDone', afterChunks: 2 });
    const response = await postCompletion(sim.url, streamedDocsExample);
    assert.equal(response.status, 200);
    assert.equal(response.completed, false);
    assert.deepEqual(pieceTexts(response.body), ['Das ', 'Haus ']);
    assert.ok(!response.body.includes('[DONE]'));
  });

  it('cutBeforeDone drops a non-streaming request without any response', async () => {
    sim.setScenario('cutBeforeDone');
    await assert.rejects(postCompletion(sim.url, { model: 't5', prompt: 'x' }), /socket hang up|ECONNRESET/);
  });

  it('errorEvent writes a vLLM style error event and then [DONE]', async () => {
    sim.setScenario({ kind: 'errorEvent', afterChunks: 1, message: 'engine died' });
    const response = await postCompletion(sim.url, streamedDocsExample);
    assert.equal(response.completed, true);
    const data = sseData(response.body);
    assert.equal(data.length, 3);
    assert.equal((JSON.parse(data[0]) as { choices: Array<{ text: string }> }).choices[0].text, 'Das ');
    assert.deepEqual(JSON.parse(data[1]), { error: { object: 'error', message: 'engine died', type: 'InternalServerError', param: null, code: 500 } });
    assert.equal(data[2], '[DONE]');
  });

  it('nonSse answers 200 with an HTML login page', async () => {
    sim.setScenario('nonSse');
    const response = await postCompletion(sim.url, streamedDocsExample);
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(response.body, /^<!DOCTYPE html>.*<form/s);
  });

  it('slowChunks waits the delay before every chunk', async () => {
    sim.setScenario({ kind: 'slowChunks', delayMs: 40 });
    const started = performance.now();
    const response = await postCompletion(sim.url, streamedDocsExample);
    assert.equal(pieceTexts(response.body).length, 4);
    assert.ok(performance.now() - started >= 4 * 40 - 4, `took ${performance.now() - started} ms`);
  });

  it('fixedLatency delays the response headers', async () => {
    sim.setScenario({ kind: 'fixedLatency', latencyMs: 120 });
    const started = performance.now();
    const response = await openRequest(sim.url, { path: completionsPath, body: streamedDocsExample });
    assert.ok(performance.now() - started >= 118, `headers after ${performance.now() - started} ms`);
    assert.equal((await response.finished).completed, true);
  });

  it('stallAfter sends K chunks and keeps the connection open without more data', async () => {
    sim.setScenario({ kind: 'stallAfter', afterChunks: 2 });
    const response = await openRequest(sim.url, { path: completionsPath, body: streamedDocsExample });
    const received = await response.waitUntil((text) => sseData(text).length === 2, 5000);
    assert.equal(response.status, 200);
    await sim.close();
    const { body, completed } = await response.finished;
    assert.equal(completed, false);
    assert.equal(body, received);
    assert.deepEqual(pieceTexts(body), ['Das ', 'Haus ']);
  });

  it('hang accepts the request and never sends headers', async () => {
    sim.setScenario('hang');
    const pending = openRequest(sim.url, { path: completionsPath, body: streamedDocsExample });
    const settled = pending.then(
      () => 'headers',
      (error: Error) => error.message,
    );
    await sim.waitForRequests(1, 5000);
    await sim.close();
    assert.match(await settled, /socket hang up|ECONNRESET/);
  });

  it('manyChunks streams the requested number of numbered pieces, 20,000 by default', async () => {
    sim.setScenario({ kind: 'manyChunks', count: 300 });
    const few = await postCompletion(sim.url, streamedDocsExample);
    const pieces = pieceTexts(few.body);
    assert.equal(pieces.length, 300);
    assert.deepEqual([pieces[0], pieces[299]], ['tok0 ', 'tok299 ']);
    sim.setScenario('manyChunks');
    const many = await postCompletion(sim.url, streamedDocsExample);
    assert.equal(sseChunks(many.body).length, 20_000);
    assert.ok(many.body.endsWith('data: [DONE]\n\n'));
  });

  it('applies a scenario with times to the next N completion requests only', async () => {
    sim.setScenario({ kind: 'status503', times: 2 });
    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push((await postCompletion(sim.url, { model: 't5', prompt: 'x' })).status);
    assert.deepEqual(statuses, [503, 503, 200]);
    assert.deepEqual(sim.scenario, { kind: 'ok' });
  });

  it('leaves health and model routes alone', async () => {
    sim.setScenario('status503');
    assert.equal((await send(sim.url, { path: '/v2/health/ready' })).status, 200);
    assert.equal((await send(sim.url, { path: OPENAI_ROUTES.models })).status, 200);
  });

  it('can be changed over HTTP and rejects unknown scenarios', async () => {
    const changed = await send(sim.url, { path: '/__simulator/scenario', body: { kind: 'status404', times: 1 } });
    assert.equal(changed.status, 200);
    assert.deepEqual(sim.scenario, { kind: 'status404', times: 1 });
    const rejected = await send(sim.url, { path: '/__simulator/scenario', body: { kind: 'explode' } });
    assert.equal(rejected.status, 400);
    assert.match(rejected.body, /unknown scenario kind/);
    assert.throws(() => sim.setScenario({ kind: 'slowChunks', delayMs: -1 }), /non-negative integer/);
    assert.equal((await postCompletion(sim.url, { model: 't5', prompt: 'x' })).status, 404);
  });
});
