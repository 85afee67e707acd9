import { strict as assert } from 'node:assert';
import { countTokens, DOCS_EXAMPLE_PROMPT, MAX_MODEL_LENGTH, startSimulator, type Simulator } from '../../simulator';
import { postCompletion, pieceTexts, send, sseChunks, sseData, type CompletionJson } from './httpClient';

const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index}`).join(' ');

describe('simulator completions (Hugging Face backend)', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.close());

  it('streams the docs example as the documented pieces, finish_reason length on every chunk, then [DONE]', async () => {
    const response = await postCompletion(sim.url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 50 });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(response.headers['x-kserve-simulator'], '1');
    assert.deepEqual(pieceTexts(response.body), ['Das ', 'Haus ', 'ist ', 'wunderbar.']);
    assert.ok(response.body.endsWith('data: [DONE]\n\n'));
    assert.match(response.body, /^data: \{.*\}\n\n/);
    for (const chunk of sseChunks(response.body)) {
      assert.equal(chunk.object, 'text_completion');
      assert.equal(chunk.model, 't5');
      assert.match(chunk.id, /^sim-cmpl-/);
      assert.equal(chunk.usage, null);
      assert.equal(chunk.choices.length, 1);
      assert.deepEqual(
        { finish: chunk.choices[0].finish_reason, stop: chunk.choices[0].stop_reason, ids: chunk.choices[0].token_ids },
        { finish: 'length', stop: null, ids: null },
      );
    }
  });

  it('answers the docs example without streaming', async () => {
    const response = await postCompletion(sim.url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, max_tokens: 50 });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/json');
    const completion = JSON.parse(response.body) as CompletionJson;
    assert.equal(completion.object, 'text_completion');
    assert.equal(completion.system_fingerprint, 'kserve-simulator');
    assert.deepEqual(completion.choices, [
      { index: 0, text: 'Das Haus ist wunderbar.', logprobs: null, finish_reason: 'length', stop_reason: null, token_ids: null },
    ]);
    assert.deepEqual(completion.usage, { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 });
  });

  it('stops after 16 pieces when max_tokens is absent', async () => {
    const prompt = `translate English to German: ${words(40)}`;
    const whole = await postCompletion(sim.url, { model: 't5', prompt });
    const completion = JSON.parse(whole.body) as CompletionJson;
    assert.equal(completion.choices[0].text, `[de] ${words(15)} `);
    assert.equal(completion.usage?.completion_tokens, 16);
    const streamed = await postCompletion(sim.url, { model: 't5', prompt, stream: true });
    assert.equal(pieceTexts(streamed.body).length, 16);
  });

  it('echoes an unknown prompt completely and in order when max_tokens allows it', async () => {
    const text = `${words(30)}\n\nsecond paragraph`;
    const response = await postCompletion(sim.url, { model: 't5', prompt: `translate English to German: ${text}`, max_tokens: 100 });
    assert.equal((JSON.parse(response.body) as CompletionJson).choices[0].text, `[de] ${text}`);
  });

  it('keeps multi-byte characters intact in streamed pieces', async () => {
    const prompts = ['translate English to German: Kind regards from Munich.', 'translate English to German: I like pizza 🍕 and sushi 寿司.'];
    const bodies = await Promise.all(prompts.map((prompt) => postCompletion(sim.url, { model: 't5', prompt, stream: true, max_tokens: 20 })));
    assert.equal(pieceTexts(bodies[0].body).join(''), 'Liebe Grüße aus München.');
    assert.equal(pieceTexts(bodies[1].body).join(''), 'Ich mag Pizza 🍕 und Sushi 寿司.');
  });

  it('reports stop only on the last chunk after a stop sequence fired', async () => {
    const response = await postCompletion(sim.url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 50, stop: ['ist'] });
    const chunks = sseChunks(response.body);
    assert.deepEqual(pieceTexts(response.body), ['Das ', 'Haus ', 'ist ']);
    assert.deepEqual(chunks.map((chunk) => chunk.choices[0].finish_reason), ['length', 'length', 'stop']);
  });

  it('ignores stream_options and never sends a usage chunk', async () => {
    const body = { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 50, stream_options: { include_usage: true } };
    const response = await postCompletion(sim.url, body);
    assert.equal(sseChunks(response.body).length, 4);
    assert.ok(sseChunks(response.body).every((chunk) => chunk.usage === null && chunk.choices.length === 1));
  });

  it('sends no chunk at all for an empty output', async () => {
    const response = await postCompletion(sim.url, { model: 't5', prompt: 'translate English to German: ', stream: true, max_tokens: 5 });
    assert.deepEqual(sseData(response.body), ['[DONE]']);
  });

  it('answers one choice per prompt of a prompt list', async () => {
    const response = await postCompletion(sim.url, { model: 't5', prompt: [DOCS_EXAMPLE_PROMPT, 'summarize: x'], max_tokens: 20 });
    const completion = JSON.parse(response.body) as CompletionJson;
    assert.deepEqual(completion.choices.map((choice) => [choice.index, choice.text]), [[0, 'Das Haus ist wunderbar.'], [1, '[summary] x']]);
  });

  it('accepts prompt tokens plus max_tokens of exactly 512 and refuses one more', async () => {
    const prompt = `summarize: ${words(100)}`;
    const allowed = MAX_MODEL_LENGTH - countTokens(prompt);
    assert.equal((await postCompletion(sim.url, { model: 't5', prompt, max_tokens: allowed })).status, 200);
    const refused = await postCompletion(sim.url, { model: 't5', prompt, max_tokens: allowed + 1 });
    assert.equal(refused.status, 500);
    const error = (JSON.parse(refused.body) as { error: Record<string, string> }).error;
    assert.equal(error.type, 'OpenAIError');
    assert.equal(error.code, '500');
    assert.equal(error.param, '');
    assert.match(error.message, /maximum context length is 512 tokens/);
    assert.match(error.message, new RegExp(`\\(${countTokens(prompt)} in the messages, ${allowed + 1} in the completion\\)`));
  });

  it('fills the context when max_tokens is explicitly null', async () => {
    const response = await postCompletion(sim.url, { model: 't5', prompt: `summarize: ${words(40)}`, max_tokens: null });
    assert.equal((JSON.parse(response.body) as CompletionJson).usage?.completion_tokens, 41);
  });

  it('refuses echo and n > 1 with an OpenAIError', async () => {
    for (const [extra, message] of [
      [{ echo: true }, "'echo' is not supported by encoder-decoder models"],
      [{ n: 2 }, "'n' > 1 is not supported"],
      [{ best_of: 3 }, "'best_of' > 1 is not supported"],
    ] as const) {
      const response = await postCompletion(sim.url, { model: 't5', prompt: 'x', max_tokens: 4, ...extra });
      assert.equal(response.status, 500, JSON.stringify(extra));
      assert.deepEqual(JSON.parse(response.body), { error: { code: '500', message, type: 'OpenAIError', param: '' } });
    }
  });

  it('answers 404 for an unknown model and 503 for a model that is not ready', async () => {
    const unknown = await postCompletion(sim.url, { model: 't6', prompt: 'x' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(JSON.parse(unknown.body), { error: 'Model with name t6 does not exist.' });
    sim.setModelReady('t5', false);
    const notReady = await postCompletion(sim.url, { model: 't5', prompt: 'x' });
    assert.equal(notReady.status, 503);
    assert.deepEqual(JSON.parse(notReady.body), { error: 'Model with name t5 is not ready.' });
  });

  it('answers a minimal chat completion, streamed and not', async () => {
    const body = { model: 't5', messages: [{ role: 'user', content: 'translate English to German: How are you?' }], max_tokens: 10 };
    const chat = await send(sim.url, { path: '/openai/v1/chat/completions', body });
    const completion = JSON.parse(chat.body) as CompletionJson;
    assert.equal(completion.object, 'chat.completion');
    assert.match(completion.id, /^sim-chatcmpl-/);
    assert.deepEqual(completion.choices[0].message, { role: 'assistant', content: 'Wie geht es Ihnen?' });
    const streamed = await send(sim.url, { path: '/openai/v1/chat/completions', body: { ...body, stream: true } });
    assert.equal(sseData(streamed.body).at(-1), '[DONE]');
    const deltas = sseChunks(streamed.body).map((chunk) => chunk.choices[0].delta);
    assert.deepEqual(deltas[0], { role: 'assistant', content: 'Wie ' });
    assert.equal(deltas.map((delta) => delta?.content).join(''), 'Wie geht es Ihnen?');
  });
});

describe('simulator completions (vLLM backend and legacy servers)', () => {
  const sims: Simulator[] = [];
  const start = async (options: Parameters<typeof startSimulator>[0]) => {
    const sim = await startSimulator(options);
    sims.push(sim);
    return sim;
  };
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });

  it('vLLM: finish_reason null until the last chunk, then a usage chunk with no choices when asked', async () => {
    const sim = await start({ backend: 'vllm' });
    const body = { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 50, stream_options: { include_usage: true } };
    const response = await postCompletion(sim.url, body);
    const chunks = sseChunks(response.body);
    assert.deepEqual(chunks.slice(0, 4).map((chunk) => chunk.choices[0].finish_reason), [null, null, null, 'stop']);
    assert.deepEqual(chunks[4].choices, []);
    assert.deepEqual(chunks[4].usage, { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 });
    assert.deepEqual(sseData(response.body).at(-1), '[DONE]');
    const withoutUsage = await postCompletion(sim.url, { ...body, stream_options: undefined });
    assert.equal(sseChunks(withoutUsage.body).length, 4);
  });

  it('vLLM: reports length when max_tokens cut the answer and names the stop sequence', async () => {
    const sim = await start({ backend: 'vllm' });
    const cut = await postCompletion(sim.url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 2 });
    assert.deepEqual(sseChunks(cut.body).map((chunk) => chunk.choices[0].finish_reason), [null, 'length']);
    const stopped = await postCompletion(sim.url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, max_tokens: 20, stop: 'ist' });
    const choice = (JSON.parse(stopped.body) as CompletionJson).choices[0];
    assert.deepEqual([choice.text, choice.finish_reason, choice.stop_reason], ['Das Haus ', 'stop', 'ist']);
  });

  it('legacy servers end the last streamed piece with </s> but not the non-streamed text', async () => {
    const sim = await start({ legacySpecialTokens: true });
    const streamed = await postCompletion(sim.url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 50 });
    assert.deepEqual(pieceTexts(streamed.body), ['Das ', 'Haus ', 'ist ', 'wunderbar.</s>']);
    const whole = await postCompletion(sim.url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, max_tokens: 50 });
    assert.equal((JSON.parse(whole.body) as CompletionJson).choices[0].text, 'Das Haus ist wunderbar.');
  });
});
