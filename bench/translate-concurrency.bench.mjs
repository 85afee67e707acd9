// @ts-check
// A 200-paragraph document through the simulator at several kserve.translate.maxConcurrency values, against a
// server that generates one request at a time (KServe's Hugging Face backend) and one that generates four at once.
// Uses the same planner, scheduler and client as the command. Also reports how long a part waited, silent, in the
// server's queue: the time the shared activity clock keeps from counting as a stall.
import assert from 'node:assert/strict';
import { printTable } from '../out/bench/format.js';
import { assemble, planTranslation } from '../out/src/core/translate/chunking.js';
import { textBudget } from '../out/src/core/translate/tokenBudget.js';
import { nullLogger } from '../out/src/core/logger.js';
import { InferenceClient } from '../out/src/infra/http/inferenceClient.js';
import { runTranslation } from '../out/src/app/translate/translationRun.js';
import { generateOutputText, startSimulator } from '../out/test/simulator/index.js';

const PARAGRAPHS = Number(process.env.BENCH_PARAGRAPHS ?? 200);
const NETWORK_MS = 10;
const FIRST_TOKEN_MS = 15;
const CHUNK_MS = 1;
const PREFIX = 'translate English to German: ';
const LEVELS = [1, 2, 4, 8];
const CAPACITIES = [1, 4];

const text = Array.from({ length: PARAGRAPHS }, (_, i) => `Paragraph ${i} tells how the house is wonderful. It has a garden and ${i % 7} rooms.`).join('\n\n');
const plan = planTranslation(text, textBudget(PREFIX, 256));
assert.equal(plan.parts.length, PARAGRAPHS);
const expected = assemble(plan, plan.parts.map((part) => generateOutputText(PREFIX + part)));
const client = new InferenceClient(nullLogger);

async function translate(simulator, concurrency) {
  /** @type {Parameters<typeof runTranslation>[0]['connection']} */
  const connection = {
    endpoint: { source: 'settings', baseUrl: simulator.url, hostHeader: undefined, model: 't5', api: 'kserve', style: 'completions', label: 'simulator' },
    address: { baseUrl: simulator.url, model: 't5' },
    transport: { connectTimeoutMs: 10_000, idleTimeoutMs: 60_000, insecureSkipTlsVerify: false },
  };
  simulator.clearRequests();
  const firstChunkAt = new Map();
  const stop = simulator.onChunkWritten((seq, writtenAt, info) => {
    if (seq === 0) firstChunkAt.set(info.requestIndex, Number(writtenAt / 1_000_000n));
  });
  let written = '';
  const started = performance.now();
  await runTranslation(
    { regions: [{ prefix: '', plans: [plan], separator: '' }], connection, client, taskPrefix: PREFIX, maxTokens: 256, concurrency, write: (_region, piece) => (written += piece) },
    new AbortController().signal,
  );
  const elapsed = performance.now() - started;
  stop();
  assert.equal(written, expected, `output in order at concurrency ${concurrency}`);
  // receivedAt is Date.now()-based and writtenAt is hrtime-based: compare each on its own clock's offset.
  const offset = Date.now() - Number(process.hrtime.bigint() / 1_000_000n);
  const waits = simulator.requests.map((r) => firstChunkAt.get(r.index) + offset - r.receivedAt).filter(Number.isFinite);
  return { elapsed, longestWait: Math.max(...waits) };
}

/** @type {[number, [number, { elapsed: number; longestWait: number }][]][]} */
const tables = [];
for (const capacity of CAPACITIES) {
  const simulator = await startSimulator({ capacity, requestLatencyMs: NETWORK_MS, firstTokenMs: FIRST_TOKEN_MS, chunkDelayMs: CHUNK_MS });
  await translate(simulator, 4); // warm-up
  /** @type {[number, { elapsed: number; longestWait: number }][]} */
  const results = [];
  for (const concurrency of LEVELS) results.push([concurrency, await translate(simulator, concurrency)]);
  await simulator.close();
  tables.push([capacity, results]);
}
client.dispose();

for (const [capacity, results] of tables) {
  const sequential = results[0][1].elapsed;
  printTable(
    `${PARAGRAPHS} paragraphs; server capacity ${capacity} (${capacity === 1 ? "KServe's Hugging Face backend" : 'four generations at once'}); ${NETWORK_MS} ms network + ${FIRST_TOKEN_MS} ms to first token + ${CHUNK_MS} ms per piece`,
    ['maxConcurrency', 'wall time', 'speed-up vs 1', 'longest silent wait in the queue'],
    results.map(([concurrency, { elapsed, longestWait }]) => [
      concurrency, `${elapsed.toFixed(0)} ms`, `${(sequential / elapsed).toFixed(2)}x`, `${longestWait.toFixed(0)} ms`,
    ]),
  );
}
const speedUp = (capacity, concurrency) => {
  const results = tables.find(([c]) => c === capacity)?.[1] ?? [];
  return results[0][1].elapsed / (results.find(([c]) => c === concurrency)?.[1].elapsed ?? NaN);
};
printTable('Why kserve.translate.maxConcurrency defaults to 2', ['server', 'speed-up at 2', 'speed-up at 4', 'speed-up at 8'], CAPACITIES.map((capacity) => [
  `capacity ${capacity}`, `${speedUp(capacity, 2).toFixed(2)}x`, `${speedUp(capacity, 4).toFixed(2)}x`, `${speedUp(capacity, 8).toFixed(2)}x`,
]));
console.log('At capacity 1 a second request in flight hides the network time between generations; more only wait in the');
console.log('queue. Raise the setting for servers that generate several requests at once (vLLM, several replicas).');
