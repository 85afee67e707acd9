import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityClock } from '../../../src/core/translate/activityClock';
import { describeInferenceFailure } from '../../../src/core/translate/errorMapping';
import { HttpStatusError, StreamFailure } from '../../../src/core/translate/inferenceErrors';
import { normalizeT5Output } from '../../../src/core/translate/t5Output';
import { Logger } from '../../../src/core/logger';
import { TransportSettings } from '../../../src/infra/http/dispatchers';
import { InferenceClient, ModelAddress } from '../../../src/infra/http/inferenceClient';
import { DOCS_EXAMPLE_PROMPT, startSimulator, type Simulator } from '../../simulator';
import { makeCertificates, startConnectProxy, startTlsEndpoint, type CertificateFiles } from './networkFixtures';

const transport: TransportSettings = { connectTimeoutMs: 2000, idleTimeoutMs: 2000, insecureSkipTlsVerify: false };

function recordingLogger(lines: string[]): Logger {
  const record = (level: string) => (message: string | Error) => void lines.push(`${level} ${String(message)}`);
  return { trace: record('trace'), debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

async function collect(pieces: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const piece of pieces) all.push(piece);
  return all;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the request to fail');
}

describe('translate: inference client against the simulator', function () {
  this.timeout(20_000);
  let simulator: Simulator;
  let client: InferenceClient;
  let log: string[];
  const target = (): ModelAddress => ({ baseUrl: simulator.url, model: 't5' });
  const stream = (prompt = DOCS_EXAMPLE_PROMPT, t: ModelAddress = target(), settings = transport, signal?: AbortSignal) =>
    client.streamCompletion(t, settings, { prompt, maxTokens: 64 }, signal);

  beforeEach(async () => {
    simulator = await startSimulator();
    log = [];
    client = new InferenceClient(recordingLogger(log));
  });

  afterEach(async () => {
    client.dispose();
    await simulator.close();
  });

  it('streams the docs example and sends model, prompt, stream and max_tokens', async () => {
    const pieces = await collect(stream());
    assert.ok(pieces.length >= 4, `expected one piece per word, got ${JSON.stringify(pieces)}`);
    assert.equal(normalizeT5Output(pieces), 'Das Haus ist wunderbar.');
    const [request] = simulator.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/openai/v1/completions');
    assert.deepEqual(request.body, { model: 't5', prompt: DOCS_EXAMPLE_PROMPT, stream: true, max_tokens: 64 });
    assert.match(log.join('\n'), /info POST http:\/\/127\.0\.0\.1:\d+\/openai\/v1\/completions → 200, first piece \d+ ms, \d+ pieces/);
    assert.doesNotMatch(log.join('\n'), /wunderbar|house/i, 'no text in the log unless asked');
  });

  it('logs request and response text only when asked to', async () => {
    client.dispose();
    client = new InferenceClient(recordingLogger(log), () => true);
    await collect(stream());
    assert.match(log.join('\n'), /request body: .*The house is wonderful/);
    assert.match(log.join('\n'), /response text: "Das Haus ist wunderbar\."/);
  });

  it('strips the </s> of a pre-0.16 server', async () => {
    await simulator.close();
    simulator = await startSimulator({ legacySpecialTokens: true });
    const pieces = await collect(stream());
    assert.ok(pieces.join('').includes('</s>'), 'the simulator sends </s>');
    assert.equal(normalizeT5Output(pieces), 'Das Haus ist wunderbar.');
  });

  it('sends the Host header and the bearer token, and never logs the token', async () => {
    await simulator.close();
    simulator = await startSimulator({ requireHost: 'huggingface-t5.default.example.com', requireBearer: 's3cr3t-token-value' });
    const pieces = await collect(stream(DOCS_EXAMPLE_PROMPT, { ...target(), hostHeader: 'huggingface-t5.default.example.com', token: 's3cr3t-token-value' }));
    assert.equal(normalizeT5Output(pieces), 'Das Haus ist wunderbar.');
    assert.equal(simulator.requests[0].headers.host, 'huggingface-t5.default.example.com');
    assert.equal(simulator.requests[0].headers.authorization, 'Bearer s3cr3t-token-value');
    assert.match(log.join('\n'), /Host: huggingface-t5\.default\.example\.com, with Authorization header/);
    assert.doesNotMatch(log.join('\n'), /s3cr3t/);
    const refused = await failureOf(collect(stream(DOCS_EXAMPLE_PROMPT, { ...target(), token: 's3cr3t-token-value' })));
    assert.ok(refused instanceof HttpStatusError && refused.status === 404, 'a different Host is not routed');
    const noToken = await failureOf(collect(stream(DOCS_EXAMPLE_PROMPT, { ...target(), hostHeader: 'huggingface-t5.default.example.com' })));
    assert.ok(noToken instanceof HttpStatusError && noToken.status === 401);
  });

  const statusCases: [string, number, RegExp][] = [
    ['status404', 404, /does not exist/],
    ['status503', 503, /not ready/],
    ['error500', 500, /Simulated generation failure/],
    ['error422', 422, /body\.prompt: Field required/],
  ];
  for (const [scenario, status, message] of statusCases) {
    it(`reports ${scenario} as HTTP ${status} with the server's message`, async () => {
      simulator.setScenario(scenario as 'status404');
      const err = await failureOf(collect(stream()));
      assert.ok(err instanceof HttpStatusError, String(err));
      assert.equal(err.status, status);
      assert.match(err.message, message);
    });
  }

  it('reports a stream cut before [DONE] as incomplete, after yielding what arrived', async () => {
    simulator.setScenario({ kind: 'cutBeforeDone', afterChunks: 2 });
    const received: string[] = [];
    const err = await failureOf((async () => {
      for await (const piece of stream()) received.push(piece);
    })());
    assert.ok(err instanceof StreamFailure && err.kind === 'incomplete', String(err));
    assert.equal(received.length, 2);
  });

  it('reports an error event inside the stream with its message', async () => {
    simulator.setScenario({ kind: 'errorEvent', afterChunks: 1, message: 'CUDA out of memory' });
    const err = await failureOf(collect(stream()));
    assert.ok(err instanceof StreamFailure && err.kind === 'errorEvent');
    assert.equal(err.message, 'CUDA out of memory');
  });

  it('reports a 200 that is not an event stream', async () => {
    simulator.setScenario('nonSse');
    const err = await failureOf(collect(stream()));
    assert.ok(err instanceof StreamFailure && err.kind === 'notEventStream');
    assert.match(err.contentType, /text\/html/);
  });

  it('times out when no headers arrive, and when the body stalls', async () => {
    const quick = { ...transport, idleTimeoutMs: 300 };
    simulator.setScenario('hang');
    const hang = await failureOf(collect(stream(DOCS_EXAMPLE_PROMPT, target(), quick)));
    assert.equal((hang as { code?: string }).code, 'UND_ERR_HEADERS_TIMEOUT');
    simulator.setScenario({ kind: 'stallAfter', afterChunks: 1 });
    const stall = await failureOf(collect(stream(DOCS_EXAMPLE_PROMPT, target(), quick)));
    assert.ok(stall instanceof StreamFailure && stall.kind === 'stalled', String(stall));
  });

  it('never abandons a request that waits in the server\'s queue while the run\'s other request streams', async () => {
    // One worker (Hugging Face backend): the second request gets its headers at once, then silence for about
    // twice the idle timeout; the shared activity clock keeps it alive because the first one is streaming.
    const queueing = await startSimulator({ chunkDelayMs: 250 });
    const quick = { ...transport, idleTimeoutMs: 600 };
    const run = (activity?: ActivityClock) =>
      collect(client.streamCompletion({ baseUrl: queueing.url, model: 't5' }, quick, { prompt: DOCS_EXAMPLE_PROMPT, maxTokens: 50, activity }));
    try {
      const shared = new ActivityClock();
      const [first, second] = await Promise.all([run(shared), run(shared)]);
      assert.ok(first.length >= 4, `${first.length} pieces`);
      assert.equal(second.join(''), first.join(''));
      const alone = await failureOf(Promise.all([run(), run()]));
      assert.ok(alone instanceof StreamFailure && alone.kind === 'stalled', 'without a shared clock the queued one stalls');
    } finally {
      await queueing.close();
    }
  });


  it('abandons a stream that sends only keep-alive comments: they are not text', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      const timer = setInterval(() => res.write(': keep-alive\n\n'), 50);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const started = performance.now();
      const err = await failureOf(collect(stream('x', { baseUrl: url, model: 't5' }, { ...transport, idleTimeoutMs: 400 })));
      assert.ok(err instanceof StreamFailure && err.kind === 'stalled', String(err));
      assert.ok(performance.now() - started >= 380, 'after the idle timeout, although comments kept arriving');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('stops at once when aborted mid-stream, and the server sees the client go', async () => {
    simulator.setScenario({ kind: 'slowChunks', delayMs: 100 });
    const controller = new AbortController();
    const received: string[] = [];
    const err = await failureOf((async () => {
      for await (const piece of stream(DOCS_EXAMPLE_PROMPT, target(), transport, controller.signal)) {
        received.push(piece);
        controller.abort();
      }
    })());
    assert.equal((err as Error).name, 'AbortError');
    assert.equal(received.length, 1);
    assert.match(log.join('\n'), /cancelled after/);
  });

  it('reads all 20,000 chunks of a long stream', async () => {
    simulator.setScenario({ kind: 'manyChunks', count: 20_000 });
    const pieces = await collect(stream());
    assert.equal(pieces.length, 20_000);
    assert.equal(pieces[19_999], 'tok19999 ');
  });

  it('fails with ECONNREFUSED on a closed port and ENOTFOUND on an unknown host', async () => {
    const closedPort = simulator.port;
    await simulator.close();
    const refused = await failureOf(collect(stream(DOCS_EXAMPLE_PROMPT, { baseUrl: `http://127.0.0.1:${closedPort}`, model: 't5' })));
    const mapped = describeInferenceFailure(refused, { url: `http://127.0.0.1:${closedPort}`, model: 't5', source: 'settings', hasToken: false, connectTimeoutMs: 1, idleTimeoutMs: 1 });
    assert.equal((mapped as { code?: string }).code, 'connectionRefused');
    const unknown = await failureOf(collect(stream(DOCS_EXAMPLE_PROMPT, { baseUrl: 'http://kserve-t5.invalid', model: 't5' })));
    const mappedDns = describeInferenceFailure(unknown, { url: 'http://kserve-t5.invalid', model: 't5', source: 'settings', hasToken: false, connectTimeoutMs: 1, idleTimeoutMs: 1 });
    assert.equal((mappedDns as { code?: string }).code, 'dnsFailure');
    simulator = await startSimulator();
  });

  it('checks model readiness with GET /openai/v1/models/{model}', async () => {
    const ok = await client.checkModel(target(), transport);
    assert.equal(ok.status, 200);
    assert.equal(simulator.requests[0].path, '/openai/v1/models/t5');
    simulator.setModelReady('t5', false);
    const notReady = await failureOf(client.checkModel(target(), transport));
    assert.ok(notReady instanceof HttpStatusError && notReady.status === 503);
    const unknown = await failureOf(client.checkModel({ ...target(), model: 'nope' }, transport));
    assert.ok(unknown instanceof HttpStatusError && unknown.status === 503, 'KServe answers 503 for an unknown model too');
    assert.deepEqual(await client.listModels(target(), transport), ['t5']);
    assert.equal(simulator.requests.at(-1)?.path, '/openai/v1/models');
  });

  describe('TLS and proxies', () => {
    let certificates: CertificateFiles;
    before(() => (certificates = makeCertificates()));
    after(() => certificates.cleanUp());

    it('verifies certificates by default, trusts kserve.endpoint.caFile, and skips verification only when told', async () => {
      const endpoint = await startTlsEndpoint(certificates);
      try {
        const tlsTarget = { baseUrl: endpoint.url, model: 't5' };
        const untrusted = await failureOf(collect(stream('x', tlsTarget)));
        const mapped = describeInferenceFailure(untrusted, { url: endpoint.url, model: 't5', source: 'settings', hasToken: false, connectTimeoutMs: 1, idleTimeoutMs: 1 });
        assert.equal((mapped as { code?: string }).code, 'tlsFailure', String(untrusted));
        assert.deepEqual(await collect(stream('x', tlsTarget, { ...transport, caFile: certificates.caFile })), ['Sicher.']);
        assert.deepEqual(await collect(stream('x', tlsTarget, { ...transport, insecureSkipTlsVerify: true })), ['Sicher.']);
      } finally {
        await endpoint.close();
      }
    });

    it('reports an unreadable CA file by its setting', async () => {
      const err = await failureOf(collect(stream('x', target(), { ...transport, caFile: '/nonexistent/ca.pem' })));
      assert.match(String((err as Error).message), /kserve\.endpoint\.caFile/);
    });

    it("goes through VS Code's proxy, but not for loopback or noProxy hosts", async () => {
      const proxy = await startConnectProxy(simulator.port);
      try {
        const viaProxy = { ...transport, proxy: { url: proxy.url, strictSSL: true, noProxy: [] } };
        const remote = { baseUrl: `http://t5.models.example.com:${simulator.port}`, model: 't5' };
        assert.equal(normalizeT5Output(await collect(stream(DOCS_EXAMPLE_PROMPT, remote, viaProxy))), 'Das Haus ist wunderbar.');
        assert.deepEqual(proxy.connects, [`t5.models.example.com:${simulator.port}`]);
        await collect(stream(DOCS_EXAMPLE_PROMPT, target(), viaProxy));
        assert.equal(proxy.connects.length, 1, 'loopback goes direct');
        const bypass = { ...transport, proxy: { url: proxy.url, strictSSL: true, noProxy: ['.example.com'] } };
        await failureOf(collect(stream(DOCS_EXAMPLE_PROMPT, remote, bypass)));
        assert.equal(proxy.connects.length, 1, 'noProxy host goes direct (and fails to resolve here)');
      } finally {
        await proxy.close();
      }
    });
  });
});
