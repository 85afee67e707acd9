import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { OffThreadValidator } from '../../../src/infra/validation/offThreadValidator';
import { repoRoot, schemas, validator } from './helpers';

const WORKER = path.join(repoRoot, 'out', 'src', 'infra', 'validation', 'validationWorker.js');
const OPTIONS = { schema: true, lint: true, syntax: true };

/** One InferenceService whose predictor has `keys` unknown fields: 20,000 make ~290 KB. */
const hostile = (keys: number) => `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: hostile\nspec:\n  predictor:\n${
  Array.from({ length: keys }, (_, i) => `    k${i}: v${i}\n`).join('')}`;

describe('authoring: validation on a worker thread', function () {
  this.timeout(60_000);
  const offThread = new OffThreadValidator(WORKER);
  after(() => offThread.dispose());

  it('gives the same result as validating in process, while this thread stays free', async () => {
    offThread.configure(schemas(), OPTIONS);
    const text = hostile(20_000);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    let result;
    try {
      result = await offThread.analyze(text);
    } finally {
      clearInterval(ticker);
    }
    assert.deepEqual(result, validator().analyzeChunk({ base: 0, text }));
    assert.equal(result.diagnostics.length, 200);
    assert.ok(ticks >= 3, `this thread ran ${ticks} timers meanwhile`);
  });

  it('uses new options once configured again, and refuses work before it is configured', async () => {
    offThread.configure(schemas(), { ...OPTIONS, schema: false });
    const result = await offThread.analyze(hostile(10));
    assert.deepEqual(result.diagnostics, [], 'schema checks are off');
    const unconfigured = new OffThreadValidator(WORKER);
    assert.throws(() => unconfigured.analyze('x: 1'), /configure\(\) must come first/);
    unconfigured.dispose();
  });
});
