import { strict as assert } from 'node:assert';
import { UserFacingError } from '../../../src/core/errors';
import { errorCodes } from '../../../src/core/errors';
import { describeInferenceFailure, describeModelCheck, FailureContext, ModelNotServedError } from '../../../src/core/translate/errorMapping';
import { errorMessageOf, HttpStatusError, servedModelNames, StreamFailure } from '../../../src/core/translate/inferenceErrors';

const ctx: FailureContext = {
  url: 'http://localhost:8080/openai/v1/completions',
  model: 't5',
  source: 'settings',
  hasToken: false,
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 60_000,
};

function mapped(err: unknown, context: Partial<FailureContext> = {}): UserFacingError {
  const result = describeInferenceFailure(err, { ...ctx, ...context });
  assert.ok(result instanceof UserFacingError, `expected a UserFacingError, got ${String(result)}`);
  return result;
}

function networkError(code: string, message = 'fetch failed'): Error {
  return Object.assign(new TypeError(message), { cause: Object.assign(new Error(code), { code }) });
}

const json = (body: unknown) => JSON.stringify(body);

describe('translate: error messages', () => {
  const rows: [string, unknown, string, RegExp[]][] = [
    ['404 model not found', new HttpStatusError(404, json({ error: 'Model with name t5 does not exist.' }), 'application/json', ''), 'modelNotFound', [/Model "t5" was not found/, /kserve\.endpoint\.model/, /--model_name/]],
    ['503 not ready', new HttpStatusError(503, json({ error: 'Model with name t5 is not ready.' }), 'application/json', ''), 'modelNotReady', [/not ready yet \(HTTP 503/, /Wait until the InferenceService is Ready/]],
    ['500 OpenAIError', new HttpStatusError(500, json({ error: { code: '500', message: 'Simulated generation failure', type: 'OpenAIError', param: '' } }), 'application/json', ''), 'serverError', [/HTTP 500: Simulated generation failure/, /predictor's logs/]],
    ['500 context length', new HttpStatusError(500, json({ error: { message: "This model's maximum context length is 512 tokens." } }), 'application/json', ''), 'contextTooLong', [/too long/, /kserve\.translate\.maxTokens/]],
    ['422 bad request', new HttpStatusError(422, json({ detail: [{ type: 'missing', loc: ['body', 'prompt'], msg: 'Field required', input: { secret: 'user text' } }] }), 'application/json', ''), 'badRequest', [/HTTP 422: body\.prompt: Field required/, /OpenAI-compatible/]],
    ['401 without token', new HttpStatusError(401, 'Jwt is missing', 'text/plain', ''), 'unauthorized', [/requires a token \(HTTP 401: Jwt is missing\)/, /Set Endpoint Token/]],
    ['403', new HttpStatusError(403, 'RBAC: access denied', 'text/plain', ''), 'forbidden', [/denied access \(HTTP 403: RBAC: access denied\)/, /Set Endpoint Token/]],
    ['404 from the gateway', new HttpStatusError(404, '', '', 'istio-envoy'), 'routeNotFound', [/has no OpenAI completions route/, /kserve\.endpoint\.url/]],
    ['connection refused', networkError('ECONNREFUSED'), 'connectionRefused', [/connection was refused/, /port-forward/, /kserve\.endpoint\.url/]],
    ['DNS', networkError('ENOTFOUND'), 'dnsFailure', [/resolve the host name localhost/, /DNS/]],
    ['TLS', networkError('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tlsFailure', [/TLS verification failed/, /self-signed/, /kserve\.endpoint\.caFile/]],
    ['TLS on a plain port', networkError('ERR_SSL_WRONG_VERSION_NUMBER'), 'tlsFailure', [/does not speak TLS/, /http:\/\//]],
    ['connect timeout', networkError('UND_ERR_CONNECT_TIMEOUT'), 'timeout', [/timed out after 10 s/, /connectTimeoutSeconds/]],
    ['headers timeout', Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 'timeout', [/did not answer within 60 s/, /idleTimeoutSeconds/]],
    ['body timeout', Object.assign(new Error('Body Timeout Error'), { code: 'UND_ERR_BODY_TIMEOUT' }), 'timeout', [/stopped sending text for 60 s/, /v0\.16 to v0\.19\) stops answering after a generation fails/, /predictor's logs/, /idleTimeoutSeconds/]],
    ['stalled stream', new StreamFailure('stalled', 'no text for 60000 ms'), 'timeout', [/stopped sending text for 60 s/, /predictor's logs/]],
    ['stream without [DONE]', new StreamFailure('incomplete', 'ended'), 'streamIncomplete', [/without \[DONE\]/, /predictor's logs/]],
    ['error event', new StreamFailure('errorEvent', 'CUDA out of memory'), 'streamError', [/while streaming: CUDA out of memory/]],
    ['non-SSE body', new StreamFailure('notEventStream', '200 html', 'text/html; charset=utf-8'), 'notEventStream', [/"text\/html" instead of an event stream/, /login page/, /Set Endpoint Token/]],
    ['malformed stream', new StreamFailure('malformed', 'event 1 is not JSON'), 'malformedStream', [/not OpenAI completion chunks/]],
  ];

  for (const [name, error, code, patterns] of rows) {
    it(`maps ${name} to "${code}" with its cause and remedy`, () => {
      const result = mapped(error);
      assert.equal(result.code, code);
      for (const pattern of patterns) assert.match(result.message, pattern);
      assert.ok(result.message.endsWith('.'), result.message);
    });
  }

  it('asks to replace a token that was sent and refused', () => {
    assert.match(mapped(new HttpStatusError(401, '', '', ''), { hasToken: true }).message, /did not accept the stored token/);
  });

  it('names the routed host for an empty 404 from an ingress gateway', () => {
    const result = mapped(new HttpStatusError(404, '', '', 'istio-envoy'), { hostHeader: 't5.default.example.com' });
    assert.match(result.message, /answers for host t5\.default\.example\.com/);
  });

  it('points at the ingress setting for an InferenceService target', () => {
    assert.match(mapped(networkError('ECONNREFUSED'), { source: 'inferenceService' }).message, /kserve\.ingress\.url/);
  });

  it('never puts the request body a 422 echoes into the message or the log detail', () => {
    const result = mapped(new HttpStatusError(422, json({ detail: [{ loc: ['body', 'x'], msg: 'bad', input: { prompt: 'my secret text' } }] }), 'application/json', ''));
    assert.doesNotMatch(`${result.message} ${result.detail}`, /my secret text/);
  });

  it('finds codes inside AggregateErrors and cause chains', () => {
    const aggregate = new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed');
    assert.deepEqual(errorCodes(Object.assign(new Error('outer'), { cause: aggregate })), ['ECONNREFUSED']);
    assert.equal(mapped(Object.assign(new Error('outer'), { cause: aggregate })).code, 'connectionRefused');
  });

  it('says which discovered way a failed connection took', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const mapped = describeInferenceFailure(refused, { ...ctx, route: 'via port-forward to istio-ingressgateway-7c9f5d8b4d-q2x7z' }) as UserFacingError;
    assert.equal(mapped.code, 'connectionRefused');
    assert.match(mapped.message, /the connection was refused\..* The request went via port-forward to istio-ingressgateway-7c9f5d8b4d-q2x7z\.$/);
    assert.doesNotMatch((describeInferenceFailure(refused, ctx) as UserFacingError).message, /The request went/);
  });

  it('passes cancellation and existing user-facing errors through', () => {
    const abort = new DOMException('aborted', 'AbortError');
    assert.equal(describeInferenceFailure(abort, ctx), abort);
    const own = new UserFacingError('x', 'unknown');
    assert.equal(describeInferenceFailure(own, ctx), own);
  });

  it('still says something useful about unknown failures', () => {
    const result = mapped(new Error('something odd'));
    assert.equal(result.code, 'requestFailed');
    assert.match(result.message, /localhost:8080 failed: something odd/);
  });

  it('reads KServe, OpenAI and FastAPI error bodies', () => {
    assert.equal(errorMessageOf(json({ error: 'Model with name x does not exist.' })), 'Model with name x does not exist.');
    assert.equal(errorMessageOf(json({ error: { message: 'm', type: 'OpenAIError' } })), 'm');
    assert.equal(errorMessageOf(json({ detail: 'Not Found' })), 'Not Found');
    assert.equal(errorMessageOf('<html>'), undefined);
    assert.equal(errorMessageOf('null'), undefined);
  });

  it('tells a wrong model name from a model that is not ready, with the served names', () => {
    const notReady = new HttpStatusError(503, json({ error: 'Model with name t5 is not ready.' }), 'application/json', '');
    const wrong = describeModelCheck(notReady, ['t5-small', 'flan'], ctx);
    assert.ok(wrong instanceof ModelNotServedError);
    assert.equal(wrong.code, 'modelNotFound');
    assert.deepEqual(wrong.served, ['t5-small', 'flan']);
    assert.match(wrong.message, /^The endpoint serves no model named "t5"; it serves "t5-small", "flan"\. Set kserve\.endpoint\.model/);
    const loading = describeModelCheck(notReady, ['t5'], ctx);
    assert.equal(loading.code, 'modelNotReady');
    assert.match(loading.message, /^Model "t5" is served but not ready yet/);
    assert.equal(describeModelCheck(notReady, undefined, ctx).code, 'modelNotReady', 'no list: the status decides');
    assert.equal(describeModelCheck(notReady, [], ctx).code, 'modelNotReady');
    const many = describeModelCheck(notReady, ['a', 'b', 'c', 'd', 'e', 'f', 'g'], ctx);
    assert.match(many.message, /"e", and 2 more\./);
  });

  it('reads the served names from an OpenAI model list, skipping odd entries', () => {
    assert.deepEqual(servedModelNames(json({ object: 'list', data: [{ id: 't5' }, null, { id: 3 }, { id: '' }, { id: 'flan' }] })), ['t5', 'flan']);
    assert.deepEqual(servedModelNames('null'), []);
    assert.deepEqual(servedModelNames('<html>'), []);
    assert.deepEqual(servedModelNames(json({ data: 'x' })), []);
  });
});
