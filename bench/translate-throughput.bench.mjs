// @ts-check
// Client throughput on a 20,000-chunk completion stream, editor out of the loop: our undici + eventsource-parser
// client (with T5 output normalization) against the openai SDK's streaming reader, same simulator, same run.
import OpenAI from 'openai';
import { printTable, percentile } from '../out/bench/format.js';
import { T5OutputNormalizer } from '../out/src/core/translate/t5Output.js';
import { nullLogger } from '../out/src/core/logger.js';
import { InferenceClient } from '../out/src/infra/http/inferenceClient.js';
import { startSimulator } from '../out/test/simulator/index.js';

const CHUNKS = 20_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PROMPT = 'translate English to German: The house is wonderful.';
const transport = { connectTimeoutMs: 10_000, idleTimeoutMs: 60_000, insecureSkipTlsVerify: false };

const simulator = await startSimulator();
simulator.setScenario({ kind: 'manyChunks', count: CHUNKS });
const ours = new InferenceClient(nullLogger);
const sdk = new OpenAI({ baseURL: `${simulator.url}/openai/v1`, apiKey: 'unused', maxRetries: 0 });

async function runOurs() {
  const normalizer = new T5OutputNormalizer();
  let pieces = 0;
  let chars = 0;
  for await (const piece of ours.streamCompletion({ baseUrl: simulator.url, model: 't5' }, transport, { prompt: PROMPT, maxTokens: 64 })) {
    pieces++;
    chars += normalizer.push(piece).length;
  }
  chars += normalizer.end().length;
  return { pieces, chars };
}

async function runSdk() {
  const stream = await sdk.completions.create({ model: 't5', prompt: PROMPT, stream: true, max_tokens: 64 });
  let pieces = 0;
  let chars = 0;
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.text ?? '';
    if (text) pieces++;
    chars += text.length;
  }
  return { pieces, chars };
}

/** @type {[string, () => Promise<{ pieces: number; chars: number }>][]} */
const clients = [
  ['ours (undici + eventsource-parser + T5 normalizer)', runOurs],
  ['openai SDK (completions.create, stream: true)', runSdk],
];
/** @type {Map<string, number[]>} */
const times = new Map(clients.map(([name]) => [name, []]));
for (const [, run] of clients) await run(); // warm-up: connections, JIT
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of round % 2 === 0 ? clients : [...clients].reverse()) {
    global.gc?.();
    const started = performance.now();
    const { pieces } = await run();
    times.get(name)?.push(performance.now() - started);
    if (pieces !== CHUNKS) throw new Error(`${name} read ${pieces} of ${CHUNKS} chunks`);
  }
}
ours.dispose();
await simulator.close();

/** @param {string} name */
const median = (name) => percentile(times.get(name) ?? [], 50);
const [oursName, sdkName] = clients.map(([name]) => name);
printTable(`Client throughput, ${CHUNKS.toLocaleString('en')}-chunk stream from the simulator (median of ${ROUNDS} alternating runs)`, ['client', 'median', 'best', 'chunks/s'], clients.map(([name]) => [
  name,
  `${median(name).toFixed(0)} ms`,
  `${Math.min(...(times.get(name) ?? [])).toFixed(0)} ms`,
  Math.round(CHUNKS / (median(name) / 1000)).toLocaleString('en'),
]));
printTable('Throughput ratio', ['metric', 'value'], [
  ['ours / openai SDK (chunks per second)', `${(median(sdkName) / median(oursName)).toFixed(2)}x`],
  ['target', '>= 1.00x'],
]);
