// A 200-paragraph document through a simulator with a fixed per-request latency: bounded concurrency against a
// sequential baseline, with the gap to perfect scaling. Uses the same planner, scheduler and client as the command.
import assert from 'node:assert/strict';
import { printTable } from '../out/bench/format.js';
import { assemble, planTranslation } from '../out/src/core/translate/chunking.js';
import { textBudget } from '../out/src/core/translate/tokenBudget.js';
import { nullLogger } from '../out/src/core/logger.js';
import { InferenceClient } from '../out/src/infra/http/inferenceClient.js';
import { runTranslation } from '../out/src/features/translate/translationRun.js';
import { generateOutputText, startSimulator } from '../out/test/simulator/index.js';

const PARAGRAPHS = 200;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 40);
const PREFIX = 'translate English to German: ';
const LEVELS = [1, 2, 4, 8, 16];

const text = Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i} tells how the house is wonderful. It has a garden and ${i % 7} rooms.`).join('\n\n');
const plan = planTranslation(text, textBudget(PREFIX, 256));
assert.equal(plan.parts.length, PARAGRAPHS);
const expected = assemble(plan, plan.parts.map((part) => generateOutputText(PREFIX + part)));

const simulator = await startSimulator({ requestLatencyMs: LATENCY_MS });
const client = new InferenceClient(nullLogger);
const connection = {
  endpoint: { source: 'settings', baseUrl: simulator.url, hostHeader: undefined, model: 't5', label: 'simulator' },
  target: { baseUrl: simulator.url, model: 't5' },
  transport: { connectTimeoutMs: 10_000, idleTimeoutMs: 60_000, insecureSkipTlsVerify: false },
};

async function translate(concurrency) {
  let written = '';
  const started = performance.now();
  await runTranslation(
    { regions: [{ prefix: '', plans: [plan], separator: '' }], connection, client, taskPrefix: PREFIX, maxTokens: 256, concurrency, write: (_region, piece) => (written += piece) },
    new AbortController().signal,
  );
  const elapsed = performance.now() - started;
  assert.equal(written, expected, `output in order at concurrency ${concurrency}`);
  return elapsed;
}

await translate(4); // warm-up
const results = [];
for (const concurrency of LEVELS) results.push([concurrency, await translate(concurrency)]);
client.dispose();
await simulator.close();

const sequential = results[0][1];
printTable(`${PARAGRAPHS} paragraphs, ${LATENCY_MS} ms fixed latency per request (sequential baseline = concurrency 1)`, ['maxConcurrency', 'wall time', 'speed-up vs sequential', 'ideal (sequential / n)', 'gap to ideal', 'latency floor'], results.map(([concurrency, elapsed]) => {
  const ideal = sequential / concurrency;
  const floor = Math.ceil(PARAGRAPHS / concurrency) * LATENCY_MS;
  return [concurrency, `${elapsed.toFixed(0)} ms`, `${(sequential / elapsed).toFixed(2)}x`, `${ideal.toFixed(0)} ms`, `${(((elapsed - ideal) / ideal) * 100).toFixed(1)}%`, `${floor} ms`];
}));
const atDefault = results.find(([c]) => c === 4)[1];
printTable('Default setting (kserve.translate.maxConcurrency = 4)', ['metric', 'value'], [
  ['wall time ratio, concurrent / sequential', (atDefault / sequential).toFixed(3)],
  ['gap to ideal', `${(((atDefault - sequential / 4) / (sequential / 4)) * 100).toFixed(1)}%`],
]);
