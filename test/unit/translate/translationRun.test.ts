import { strict as assert } from 'node:assert';
import { UserFacingError } from '../../../src/core/errors';
import { planTranslation } from '../../../src/core/translate/chunking';
import { textBudget } from '../../../src/core/translate/tokenBudget';
import { InferenceClient } from '../../../src/infra/http/inferenceClient';
import { nullLogger } from '../../../src/core/logger';
import { runTranslation, type RegionSpec } from '../../../src/app/translate/translationRun';
import { startSimulator, type Simulator } from '../../simulator';
import { prose, seeded } from './random';

const PREFIX = 'translate English to German: ';

/** What the simulator answers for a part: its task marker, then the part's text. */
const simulated = (part: string) => `[de] ${part.trim()}`;

describe('translate: translation run (parts, order, failures) against the simulator', function () {
  this.timeout(30_000);
  let simulator: Simulator;
  let client: InferenceClient;

  beforeEach(async () => {
    simulator = await startSimulator();
    client = new InferenceClient(nullLogger);
  });
  afterEach(async () => {
    client.dispose();
    await simulator.close();
  });

  function connection() {
    return {
      endpoint: { source: 'settings' as const, baseUrl: simulator.url, hostHeader: undefined, model: 't5', api: 'kserve' as const, style: 'completions' as const, label: 'sim' },
      address: { baseUrl: simulator.url, model: 't5' },
      transport: { connectTimeoutMs: 2000, idleTimeoutMs: 5000, insecureSkipTlsVerify: false },
    };
  }

  async function translate(regions: RegionSpec[], concurrency = 4, signal = new AbortController().signal) {
    const written = regions.map(() => '');
    const writes: number[] = [];
    await runTranslation(
      { regions, connection: connection(), client, taskPrefix: PREFIX, maxTokens: 256, concurrency, write: (region, text) => { written[region] += text; writes.push(region); } },
      signal,
    );
    return { written, writes };
  }

  it('translates a 5,000-word text in parts and reassembles them in order with the original layout', async () => {
    const text = prose(seeded(21), 5000);
    const plan = planTranslation(text, textBudget(PREFIX, 256));
    assert.ok(plan.parts.length > 20, `expected many parts, got ${plan.parts.length}`);
    const { written } = await translate([{ prefix: '', plans: [plan], separator: '' }]);
    const expected = plan.segments.map((s) => (s.kind === 'keep' ? s.text : simulated(s.text))).join('');
    assert.equal(written[0], expected);
    assert.equal(simulator.requests.length, plan.parts.length);
    for (const request of simulator.requests) assert.equal((request.body as { max_tokens: number }).max_tokens, 256);
  });

  it('writes several regions each in order, with their prefix and separators', async () => {
    const one = planTranslation('One.\n\nTwo.', 100);
    const two = planTranslation('Three.', 100);
    const { written } = await translate([
      { prefix: '\n', plans: [one, two], separator: '\n\n' },
      { prefix: '', plans: [planTranslation('Four.', 100)], separator: '' },
    ]);
    assert.deepEqual(written, ['\n[de] One.\n\n[de] Two.\n\n[de] Three.', '[de] Four.']);
  });

  it('runs parts concurrently, up to the limit', async () => {
    await simulator.close();
    simulator = await startSimulator({ requestLatencyMs: 100 });
    const plan = planTranslation(Array.from({ length: 8 }, (_, i) => `Paragraph ${i}.`).join('\n\n'), 100);
    const started = performance.now();
    const { written } = await translate([{ prefix: '', plans: [plan], separator: '' }], 4);
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 600, `8 requests of 100 ms, 4 at once, took ${elapsed.toFixed(0)} ms`);
    assert.equal(written[0], Array.from({ length: 8 }, (_, i) => `[de] Paragraph ${i}.`).join('\n\n'));
  });

  it('writes nothing for a region whose parts produced no text', async () => {
    const { written, writes } = await translate([{ prefix: '\n', plans: [planTranslation('  ', 100)], separator: '' }]);
    assert.deepEqual(written, ['']);
    assert.deepEqual(writes, []);
  });

  it('fails with a user-facing error naming the cause when one part fails', async () => {
    simulator.setScenario({ kind: 'status503', times: 1 });
    const plan = planTranslation('One.\n\nTwo.\n\nThree.', 100);
    await assert.rejects(translate([{ prefix: '', plans: [plan], separator: '' }], 1), (err: UserFacingError) => err.code === 'modelNotReady');
  });

  it('stops every request when aborted', async () => {
    simulator.setScenario({ kind: 'slowChunks', delayMs: 200 });
    const controller = new AbortController();
    const plan = planTranslation('One.\n\nTwo.\n\nThree.', 100);
    const run = translate([{ prefix: '', plans: [plan], separator: '' }], 3, controller.signal);
    await simulator.waitForRequests(3, 5000);
    controller.abort();
    await assert.rejects(run, (err: Error) => err.name === 'AbortError');
  });
});
