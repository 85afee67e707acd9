import { strict as assert } from 'node:assert';
import { DOCS_EXAMPLE_PROMPT, startSimulator, type Simulator, type SimulatorOptions } from '../../simulator';
import { postCompletion, send } from './httpClient';

const json = (body: string): unknown => JSON.parse(body);

describe('simulator model and health routes', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator({ models: [{ name: 't5', ready: true }, { name: 'loading', ready: false }] });
  });
  afterEach(() => sim.close());

  it('lists the served models as the simulator', async () => {
    const response = await send(sim.url, { path: '/openai/v1/models' });
    const list = json(response.body) as { object: string; data: Array<{ id: string; object: string; owned_by: string }> };
    assert.equal(list.object, 'list');
    assert.deepEqual(list.data.map((model) => [model.id, model.object, model.owned_by]), [
      ['t5', 'model', 'kserve-simulator'],
      ['loading', 'model', 'kserve-simulator'],
    ]);
  });

  it('answers readiness on the OpenAI, v1 and v2 routes', async () => {
    const ready = await send(sim.url, { path: '/openai/v1/models/t5' });
    assert.deepEqual([ready.status, ready.body], [200, 'null']);
    assert.deepEqual(json((await send(sim.url, { path: '/v1/models/t5' })).body), { name: 't5', ready: true });
    assert.deepEqual(json((await send(sim.url, { path: '/v2/models/t5/ready' })).body), { name: 't5', ready: true });
    for (const path of ['/openai/v1/models/loading', '/v1/models/loading', '/v2/models/loading/ready']) {
      const response = await send(sim.url, { path });
      assert.deepEqual([response.status, json(response.body)], [503, { error: 'Model with name loading is not ready.' }], path);
    }
    const unknown = await send(sim.url, { path: '/v1/models/nope' });
    assert.deepEqual([unknown.status, json(unknown.body)], [404, { error: 'Model with name nope does not exist.' }]);
  });

  it('answers the OpenAI readiness route of an unknown model with 503, as KServe does', async () => {
    const unknown = await send(sim.url, { path: '/openai/v1/models/nope' });
    assert.deepEqual([unknown.status, json(unknown.body)], [503, { error: 'Model with name nope is not ready.' }]);
  });

  it('reports the server ready only when every model is', async () => {
    const notReady = await send(sim.url, { path: '/v2/health/ready' });
    assert.deepEqual([notReady.status, json(notReady.body)], [503, { ready: false }]);
    sim.setModelReady('loading', true);
    const ready = await send(sim.url, { path: '/v2/health/ready' });
    assert.deepEqual([ready.status, json(ready.body)], [200, { ready: true }]);
  });

  it('refuses :predict and v2 infer for the text2text model with 500', async () => {
    for (const path of ['/v1/models/t5:predict', '/v2/models/t5/infer']) {
      const response = await send(sim.url, { path, body: { instances: ['x'] } });
      assert.equal(response.status, 500, path);
      assert.match((json(response.body) as { error: string }).error, /does not support inference/);
    }
  });

  it('answers 404 for unknown paths and 405 for a wrong method', async () => {
    const unknown = await send(sim.url, { path: '/openai/v2/completions', body: {} });
    assert.deepEqual([unknown.status, json(unknown.body)], [404, { detail: 'Not Found' }]);
    const wrongMethod = await send(sim.url, { path: '/openai/v1/completions' });
    assert.deepEqual([wrongMethod.status, json(wrongMethod.body)], [405, { detail: 'Method Not Allowed' }]);
  });
});

describe('simulator request validation', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  const detailOf = async (body: unknown) => {
    const response = await postCompletion(sim.url, body);
    assert.equal(response.status, 422, response.body);
    return (json(response.body) as { detail: Array<{ type: string; loc: unknown[]; msg: string; input: unknown }> }).detail;
  };

  it('answers invalid JSON with json_invalid at the error position', async () => {
    const [issue] = await detailOf('{"model": "t5",');
    assert.deepEqual([issue.type, issue.loc, issue.msg], ['json_invalid', ['body', 15], 'JSON decode error']);
  });

  it('answers a missing prompt and model with missing entries carrying the body as input', async () => {
    const detail = await detailOf({ max_tokens: 5 });
    assert.deepEqual(
      detail.map((issue) => [issue.type, issue.loc, issue.msg, issue.input]),
      [
        ['missing', ['body', 'model'], 'Field required', { max_tokens: 5 }],
        ['missing', ['body', 'prompt'], 'Field required', { max_tokens: 5 }],
      ],
    );
  });

  it('answers wrong types the way pydantic words them', async () => {
    const detail = await detailOf({ model: 't5', prompt: 7, max_tokens: 2.5, stream: 'perhaps', temperature: 'hot' });
    assert.deepEqual(
      detail.map((issue) => [issue.type, issue.loc.join('.')]),
      [
        ['string_type', 'body.prompt.str'],
        ['list_type', 'body.prompt.list[str]'],
        ['int_from_float', 'body.max_tokens'],
        ['bool_parsing', 'body.stream'],
        ['float_parsing', 'body.temperature'],
      ],
    );
  });

  it('answers a body that is not an object or is empty', async () => {
    assert.equal((await detailOf([DOCS_EXAMPLE_PROMPT]))[0].type, 'model_attributes_type');
    assert.deepEqual((await detailOf(''))[0].loc, ['body']);
    assert.equal((await detailOf({ model: 't5', prompt: 'x', max_tokens: -1 }))[0].type, 'greater_than_equal');
  });

  it('accepts the lax coercions pydantic accepts', async () => {
    const response = await postCompletion(sim.url, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, max_tokens: '2', stream: 'false' });
    assert.equal(response.status, 200);
    assert.equal((json(response.body) as { choices: Array<{ text: string }> }).choices[0].text, 'Das Haus ');
  });
});

describe('simulator ingress and auth checks', () => {
  const sims: Simulator[] = [];
  const start = async (options: SimulatorOptions) => {
    const sim = await startSimulator(options);
    sims.push(sim);
    return sim;
  };
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((sim) => sim.close()));
  });
  const body = { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, max_tokens: 10 };

  it('answers a foreign Host header like an Istio ingress: 404 with an empty body', async () => {
    const sim = await start({ requireHost: 'huggingface-t5.default.example.com' });
    const foreign = await postCompletion(sim.url, body);
    assert.deepEqual([foreign.status, foreign.body, foreign.headers['content-length']], [404, '', '0']);
    const routed = await postCompletion(sim.url, body, { host: 'Huggingface-T5.default.example.com:8080' });
    assert.equal(routed.status, 200);
    assert.equal(sim.requests[0].headers.host, new URL(sim.url).host);
    assert.equal(sim.requests[1].headers.host, 'Huggingface-T5.default.example.com:8080');
  });

  it('accepts the required host as a URL such as status.url', async () => {
    const sim = await start({ requireHost: 'http://huggingface-t5.default.example.com' });
    assert.equal((await postCompletion(sim.url, body, { host: 'huggingface-t5.default.example.com' })).status, 200);
    assert.equal((await postCompletion(sim.url, body, { host: 'other.default.example.com' })).status, 404);
  });

  it('answers 401 without a bearer token and 403 with a wrong one, like an auth proxy', async () => {
    const sim = await start({ requireBearer: 's3cret' });
    const missing = await postCompletion(sim.url, body);
    assert.deepEqual([missing.status, missing.body], [401, 'Jwt is missing']);
    const wrong = await postCompletion(sim.url, body, { authorization: 'Bearer guess' });
    assert.deepEqual([wrong.status, wrong.body], [403, 'RBAC: access denied']);
    const right = await postCompletion(sim.url, body, { authorization: 'Bearer s3cret' });
    assert.equal(right.status, 200);
    assert.deepEqual(sim.requests.map((request) => request.headers.authorization), [undefined, 'Bearer guess', 'Bearer s3cret']);
  });

  it('checks the Host before the token and exempts its own control routes', async () => {
    const sim = await start({ requireHost: 'isvc.example.com', requireBearer: 't' });
    assert.equal((await postCompletion(sim.url, body, { authorization: 'Bearer t' })).status, 404);
    assert.equal((await postCompletion(sim.url, body, { host: 'isvc.example.com' })).status, 401);
    const control = await send(sim.url, { path: '/__simulator/requests' });
    assert.equal(control.status, 200);
    assert.equal((json(control.body) as unknown[]).length, 2);
  });
});
