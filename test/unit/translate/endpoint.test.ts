import { strict as assert } from 'node:assert';
import { UserFacingError } from '../../../src/core/errors';
import { InferenceServiceTarget } from '../../../src/core/target';
import { completionsUrl, modelUrl, normalizeBaseUrl, resolveEndpoint, tokenScope } from '../../../src/core/translate/endpoint';
import { trustedSettingValue } from '../../../src/core/trust';

const isvc: InferenceServiceTarget = {
  context: 'kind-kserve',
  namespace: 'default',
  name: 'huggingface-t5',
  url: 'http://huggingface-t5.default.example.com',
  model: 't5',
};
const noSettings = { url: '', hostHeader: '', model: 't5', ingressUrl: '' };

describe('translate: endpoint resolution', () => {
  it('has no endpoint when nothing is chosen or configured', () => {
    assert.equal(resolveEndpoint(undefined, noSettings), undefined);
    assert.equal(resolveEndpoint(undefined, { ...noSettings, url: '   ' }), undefined);
  });

  it('uses the settings: URL, Host header and model', () => {
    const endpoint = resolveEndpoint(undefined, { url: 'http://localhost:8080/', hostHeader: 't5.default.example.com', model: 'my-t5', ingressUrl: '' });
    assert.deepEqual(endpoint, {
      source: 'settings',
      baseUrl: 'http://localhost:8080',
      hostHeader: 't5.default.example.com',
      model: 'my-t5',
      api: 'kserve',
      style: 'completions',
      label: 't5.default.example.com',
    });
    assert.equal(completionsUrl(endpoint!), 'http://localhost:8080/openai/v1/completions');
    assert.equal(modelUrl(endpoint!), 'http://localhost:8080/openai/v1/models/my-t5');
  });

  it('prefers the InferenceService chosen in the explorer, with status.url as the address', () => {
    const endpoint = resolveEndpoint(isvc, { url: 'http://localhost:9999', hostHeader: 'other', model: 'other', ingressUrl: '' });
    assert.equal(endpoint?.source, 'inferenceService');
    assert.equal(endpoint?.baseUrl, 'http://huggingface-t5.default.example.com');
    assert.equal(endpoint?.hostHeader, undefined);
    assert.equal(endpoint?.model, 't5');
    assert.equal(endpoint?.label, 'default/huggingface-t5');
  });

  it('sends to kserve.ingress.url with Host from status.url (port kept when not the default) when the ingress is set', () => {
    const endpoint = resolveEndpoint(isvc, { ...noSettings, ingressUrl: 'http://localhost:8080' });
    assert.equal(endpoint?.baseUrl, 'http://localhost:8080');
    assert.equal(endpoint?.hostHeader, 'huggingface-t5.default.example.com');
    const withPort = resolveEndpoint({ ...isvc, url: 'https://t5.ns.example.com:8443' }, { ...noSettings, ingressUrl: 'http://127.0.0.1:31380' });
    assert.equal(withPort?.hostHeader, 't5.ns.example.com:8443');
  });

  it('keeps the path of status.url (an ingress pathTemplate) when requests go through kserve.ingress.url', () => {
    const withPath = { ...isvc, url: 'http://models.example.com/serving/default/huggingface-t5' };
    const endpoint = resolveEndpoint(withPath, { ...noSettings, ingressUrl: 'http://127.0.0.1:8080' });
    assert.equal(endpoint?.baseUrl, 'http://127.0.0.1:8080/serving/default/huggingface-t5');
    assert.equal(endpoint?.hostHeader, 'models.example.com');
    assert.equal(completionsUrl(endpoint!), 'http://127.0.0.1:8080/serving/default/huggingface-t5/openai/v1/completions');
    const prefixed = resolveEndpoint(withPath, { ...noSettings, ingressUrl: 'https://gw.example.com/edge/' });
    assert.equal(prefixed?.baseUrl, 'https://gw.example.com/edge/serving/default/huggingface-t5');
    assert.equal(resolveEndpoint(withPath, noSettings)?.baseUrl, 'http://models.example.com/serving/default/huggingface-t5');
  });

  it('falls back to the InferenceService name as the model, and explains an InferenceService without a URL', () => {
    assert.equal(resolveEndpoint({ ...isvc, model: '' }, noSettings)?.model, 'huggingface-t5');
    assert.throws(() => resolveEndpoint({ ...isvc, url: '' }, noSettings), (err: UserFacingError) => err.code === 'noEndpoint' && /status\.url is empty/.test(err.message));
  });

  it('accepts a pasted completions or models URL and keeps its base', () => {
    assert.equal(normalizeBaseUrl('http://h:1/openai/v1/completions', 'x'), 'http://h:1');
    assert.equal(normalizeBaseUrl('http://h/prefix/openai/v1/models/t5', 'x'), 'http://h/prefix');
    assert.equal(normalizeBaseUrl(' https://H.example.com/openai/v1/ ', 'x'), 'https://h.example.com');
  });

  it('rejects URLs that are not http(s) or carry credentials, naming the setting', () => {
    for (const bad of ['localhost:8080', 'ftp://h', 'not a url', 'http://user:pw@h']) {
      assert.throws(() => normalizeBaseUrl(bad, 'kserve.endpoint.url'), (err: UserFacingError) => err.code === 'invalidEndpoint' && /kserve\.endpoint\.url|URL/.test(err.message), bad);
    }
  });

  it('scopes tokens to the address and the routed host, so a token never follows a different one', () => {
    const a = tokenScope({ baseUrl: 'http://localhost:8080', hostHeader: 'a.example.com' });
    const b = tokenScope({ baseUrl: 'http://localhost:8080', hostHeader: 'b.example.com' });
    const direct = tokenScope({ baseUrl: 'http://localhost:8080', hostHeader: undefined });
    const otherPort = tokenScope({ baseUrl: 'http://localhost:8081', hostHeader: 'a.example.com' });
    const https = tokenScope({ baseUrl: 'https://localhost:8080', hostHeader: 'a.example.com' });
    assert.equal(new Set([a, b, direct, otherPort, https]).size, 5);
    assert.equal(tokenScope({ baseUrl: 'http://localhost:8080/x', hostHeader: 'A.example.com' }), a);
  });

  it('ignores workspace values of restricted settings in an untrusted workspace', () => {
    const levels = { defaultValue: '', globalValue: 'http://mine', workspaceValue: 'http://evil', workspaceFolderValue: 'http://evil2' };
    assert.equal(trustedSettingValue(levels, true, ''), 'http://evil2');
    assert.equal(trustedSettingValue(levels, false, ''), 'http://mine');
    assert.equal(trustedSettingValue({ defaultValue: '', workspaceValue: 'http://evil' }, false, 'x'), '');
    assert.equal(trustedSettingValue(undefined, false, 'fallback'), 'fallback');
  });
});
