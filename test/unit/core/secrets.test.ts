import { strict as assert } from 'node:assert';
import { KnownSecrets } from '../../../src/core/logger';

describe('known secrets', () => {
  it('redacts a known token wherever it appears, patterns or not', () => {
    const secrets = new KnownSecrets();
    const token = 'tok-9f8e7d6c5b4a';
    assert.equal(secrets.redact(`403: access denied for ${token}`), `403: access denied for ${token}`, 'unknown before it is added');
    secrets.add(token);
    assert.equal(secrets.redact(`403: access denied for ${token}; again ${token}`), '403: access denied for <redacted>; again <redacted>');
    assert.equal(secrets.redact('Authorization: Bearer abc.def'), 'Authorization: Bearer <redacted>', 'patterns still apply');
  });

  it('ignores values too short to be told from ordinary text', () => {
    const secrets = new KnownSecrets();
    secrets.add('abc');
    secrets.add(undefined);
    secrets.add('');
    assert.equal(secrets.redact('abc is fine'), 'abc is fine');
  });
});
