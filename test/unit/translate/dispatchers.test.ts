import { strict as assert } from 'node:assert';
import { proxyFor } from '../../../src/infra/http/dispatchers';

const proxy = (noProxy: string[] = []) => ({ url: 'http://proxy.corp:3128', strictSSL: true, noProxy });

describe('translate: proxy selection', () => {
  it("uses VS Code's proxy for remote hosts", () => {
    assert.equal(proxyFor(new URL('https://t5.models.example.com'), proxy()), 'http://proxy.corp:3128');
  });

  it('never proxies loopback (port-forwards)', () => {
    for (const url of ['http://localhost:8080', 'http://127.0.0.1:8080', 'http://[::1]:8080']) assert.equal(proxyFor(new URL(url), proxy()), undefined, url);
  });

  it('honours noProxy hosts, domain suffixes, ports and *', () => {
    const url = new URL('http://t5.default.example.com:8080');
    assert.equal(proxyFor(url, proxy(['example.com'])), undefined);
    assert.equal(proxyFor(url, proxy(['.example.com'])), undefined);
    assert.equal(proxyFor(url, proxy(['*.example.com'])), undefined);
    assert.equal(proxyFor(url, proxy(['example.com:8080'])), undefined);
    assert.equal(proxyFor(url, proxy(['example.com:9090'])), 'http://proxy.corp:3128');
    assert.equal(proxyFor(url, proxy(['other.com', ''])), 'http://proxy.corp:3128');
    assert.equal(proxyFor(url, proxy(['notexample.com'])), 'http://proxy.corp:3128');
    assert.equal(proxyFor(url, proxy(['*'])), undefined);
  });

  it('connects directly without a proxy setting', () => {
    assert.equal(proxyFor(new URL('https://t5.example.com'), undefined), undefined);
    assert.equal(proxyFor(new URL('https://t5.example.com'), { ...proxy(), url: ' ' }), undefined);
  });
});
