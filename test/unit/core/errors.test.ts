import { strict as assert } from 'node:assert';
import { findErrorCode, formatError, isAbortError, UserFacingError } from '../../../src/core/errors';
import { redactSecrets } from '../../../src/core/logger';

describe('core/errors', () => {
  it('shows a UserFacingError as written', () => {
    assert.equal(formatError(new UserFacingError('Model t5 is not ready. Wait for it.', 'modelNotReady')), 'Model t5 is not ready. Wait for it.');
  });

  it('finds a network code deep in the cause chain', () => {
    const err = new TypeError('fetch failed', { cause: new Error('connect', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }) });
    assert.equal(findErrorCode(err), 'ECONNREFUSED');
    assert.equal(formatError(err), 'The connection was refused (ECONNREFUSED).');
  });

  it('describes TLS failures', () => {
    const err = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    assert.match(formatError(err), /self-signed TLS certificate/);
  });

  it('falls back to the message, the string, or JSON', () => {
    assert.equal(formatError(new Error('plain')), 'plain');
    assert.equal(formatError('text'), 'text');
    assert.equal(formatError({ a: 1 }), '{"a":1}');
  });

  it('recognises aborts', () => {
    assert.ok(isAbortError(new DOMException('aborted', 'AbortError')));
    assert.ok(!isAbortError(new Error('other')));
  });
});

describe('core/logger redactSecrets', () => {
  const cases: [string, string][] = [
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer <redacted>'],
    ['{"authorization":"Bearer s3cr3t"}', '{"authorization":"Bearer <redacted>"}'],
    ['sent bearer eyJhbGciOi.x.y to host', 'sent Bearer <redacted> to host'],
    ['token: abc123', 'token: <redacted>'],
    ['"password":"hunter2"', '"password":"<redacted>"'],
  ];
  for (const [input, expected] of cases) {
    it(`redacts ${JSON.stringify(input)}`, () => assert.equal(redactSecrets(input), expected));
  }

  it('leaves ordinary text alone', () => {
    const text = 'GET https://host/openai/v1/models 200 in 12 ms';
    assert.equal(redactSecrets(text), text);
  });
});
