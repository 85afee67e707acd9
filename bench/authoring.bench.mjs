// @ts-check
// Manifest validation speed: a 1,000-document file and re-validation after a one-character edit, against
// yaml-language-server's doValidation with the same schema in the same run.
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { printTable, ms, percentile } from '../out/bench/format.js';
import {
  index, loadSchema, ManifestValidator, root, SchemaSet, timeAsync, VALIDATOR_OPTIONS as options, validateWith, yamlLanguageServer,
} from './validation-peers.mjs';

const require = createRequire(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** A 40-line InferenceService; every 10th one has an unknown field and a limit below its request. */
function isvc(i) {
  const broken = i % 10 === 9;
  return `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: huggingface-t5-${i}
  namespace: team-${i % 7}
  labels:
    app: t5
    team: nlp
spec:
  predictor:
    minReplicas: 1
    maxReplicas: ${3 + (i % 4)}
    scaleMetric: concurrency
    model:
      ${broken ? 'modelformat' : 'modelFormat'}:
        name: huggingface
      args:
        - --model_name=t5
        - --model_id=google-t5/t5-small
        - --backend=huggingface
      env:
        - name: HF_TOKEN
          valueFrom:
            secretKeyRef:
              name: hf-secret
              key: HF_TOKEN
      resources:
        limits:
          cpu: "${broken ? '500m' : '2'}"
          memory: 4Gi
          nvidia.com/gpu: "1"
        requests:
          cpu: "1"
          memory: 2Gi
          nvidia.com/gpu: "1"
    tolerations:
      - key: nvidia.com/gpu
        operator: Exists
        effect: NoSchedule
`;
}

const manyDocuments = (count) => Array.from({ length: count }, (_, i) => isvc(i)).join('---\n');
const large = manyDocuments(1000);
const thousandLines = manyDocuments(25);
const oneDocument = isvc(0).replace('    tolerations:\n', `    tolerations:\n${'      - key: example.com/taint-N\n        operator: Exists\n'.repeat(480)}`);
const lines = (text) => text.split('\n').length - 1;
const editAt = (text, marker) => {
  const at = text.indexOf(marker) + marker.length;
  return text.slice(0, at) + 'x' + text.slice(at);
};

function median(samples) {
  return percentile(samples, 50);
}

function time(fn) {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

// ---- KServe Toolkit (src/core/authoring) ----
const coldSet = new SchemaSet(index, loadSchema);
const cold = await timeAsync(() => validateWith(new ManifestValidator(coldSet, options))(large));
const warmSet = new SchemaSet(index, loadSchema);
await validateWith(new ManifestValidator(warmSet, options))(isvc(0));
/** @type {{ full: number[]; edit: number[]; editOne: number[]; diagnostics: number }} */
const ours = { full: [], edit: [], editOne: [], diagnostics: 0 };
async function measureOurs() {
  const validate = validateWith(new ManifestValidator(warmSet, options));
  ours.full.push(await timeAsync(async () => { ours.diagnostics = (await validate(large))?.diagnostics.length ?? 0; }));
  const incremental = validateWith(new ManifestValidator(warmSet, options));
  await incremental(thousandLines);
  ours.edit.push(await timeAsync(() => incremental(editAt(thousandLines, 'name: huggingface-t5-12'))));
  await incremental(oneDocument);
  ours.editOne.push(await timeAsync(() => incremental(editAt(oneDocument, 'name: huggingface-t5-0'))));
}

// Longest single step when the file is validated chunk by chunk, as the editor does between yields.
const stepping = new ManifestValidator(warmSet, options);
const steps = stepping.chunks(large).map((chunk) => time(() => stepping.analyzeChunk(chunk)));

// ---- yaml-language-server, same schema, same files ----
/** @type {() => Promise<void>} */
let measurePeer = async () => undefined;
/** @type {(text: string, name?: string) => Promise<unknown>} */
let measurePeerText = async () => undefined;
/** @type {{ full: number[]; edit: number[]; editOne: number[]; diagnostics: number } | undefined} */
let peer;
/** @type {Error | undefined} */
let peerError;
const yls = await yamlLanguageServer('InferenceService');
if ('validate' in yls) {
  const { validate } = yls;
  await validate(isvc(0), 'warmup');
  measurePeerText = (text, name = 'hostile') => validate(text, name);
  const theirs = { full: /** @type {number[]} */ ([]), edit: /** @type {number[]} */ ([]), editOne: /** @type {number[]} */ ([]), diagnostics: 0 };
  peer = theirs;
  measurePeer = async () => {
    theirs.full.push(await timeAsync(async () => { theirs.diagnostics = (await validate(large, 'large')).length; }));
    await validate(thousandLines, 'lines');
    theirs.edit.push(await timeAsync(() => validate(editAt(thousandLines, 'name: huggingface-t5-12'), 'lines')));
    await validate(oneDocument, 'one');
    theirs.editOne.push(await timeAsync(() => validate(editAt(oneDocument, 'name: huggingface-t5-0'), 'one')));
  };
} else {
  peerError = yls.error;
}

// Alternate the two so that both see the same machine load; each measured run follows a discarded one of its own, so
// neither pays for collecting the other's garbage.
for (let run = 0; run < RUNS; run++) {
  await measureOurs();
  ours.full.pop(); ours.edit.pop(); ours.editOne.pop();
  await measureOurs();
  if (peer) {
    await measurePeer();
    peer.full.pop(); peer.edit.pop(); peer.editOne.pop();
    await measurePeer();
  }
}

const ratio = (theirs, mine) => (theirs === undefined ? 'n/a' : `${(theirs / mine).toFixed(1)}× faster`);
const both = (samples) => `${ms(median(samples))} (best ${ms(Math.min(...samples))})`;
const row = (label, target, mine, theirs) => [label, target, both(mine), theirs ? both(theirs) : 'n/a', ratio(theirs && median(theirs), median(mine))];
printTable(`Manifest validation (median and best of ${RUNS} alternating measured runs; Node ${process.version}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
  ['case', 'target', 'KServe Toolkit', 'yaml-language-server', 'ratio of medians'], [
    row(`full validation, 1,000 documents (${lines(large).toLocaleString('en')} lines, ${(large.length / 1024).toFixed(0)} KiB)`, '≤ 150 ms', ours.full, peer?.full),
    row(`re-validation after a 1-character edit, ${lines(thousandLines)}-line file of 25 documents`, '≤ 20 ms', ours.edit, peer?.edit),
    row(`re-validation after a 1-character edit, one ${lines(oneDocument)}-line document`, '≤ 20 ms', ours.editOne, peer?.editOne),
    ['first validation of the 1,000 documents, including compiling the schema once', '', ms(cold), '', ''],
    ['one step of editor validation (a document; the editor yields every ~12 ms)', '', `${ms(percentile(steps, 99))} p99, ${ms(Math.max(...steps))} max`, '', ''],
  ]);
console.log(`diagnostics reported: KServe Toolkit ${ours.diagnostics} (schema errors and lint warnings), ` +
  `yaml-language-server ${peer?.diagnostics ?? 'n/a'} (schema errors)`);
if (peerError) console.log(`yaml-language-server could not run here: ${peerError.message}`);

// ---- Hostile input: many unknown keys in one mapping, and a long run of edits to one big document ----
const hostile = (keys) => `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: hostile\nspec:\n  predictor:\n${
  Array.from({ length: keys }, (_, i) => `    k${i}: v${i}\n`).join('')}`;
const hostileRows = [];
for (const keys of [5_000, 20_000, 40_000]) {
  const text = hostile(keys);
  const mine = await timeAsync(() => validateWith(new ManifestValidator(warmSet, options))(text));
  const theirs = peer ? await timeAsync(() => measurePeerText(text)) : undefined;
  hostileRows.push([`${keys.toLocaleString('en')} unknown keys in one mapping (${(text.length / 1024).toFixed(0)} KiB)`, ms(mine),
    theirs === undefined ? 'n/a' : ms(theirs), theirs === undefined ? 'n/a' : `${(theirs / mine).toFixed(1)}×`]);
}
printTable('Hostile validation: one run each, same process', ['case', 'KServe Toolkit', 'yaml-language-server', 'ratio'], hostileRows);

// What the extension host's thread sees: documents over 16 KiB go to the validation worker, so the longest stall
// of this thread's event loop is measured while the worker validates.
const { OffThreadValidator } = require('../out/src/infra/validation/offThreadValidator.js');
const offThread = new OffThreadValidator(path.join(root, 'out/src/infra/validation/validationWorker.js'));
offThread.configure(warmSet, options);
await offThread.analyze(hostile(10));
const stallRows = [];
for (const keys of [20_000, 40_000]) {
  const text = hostile(keys);
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 1);
  const wall = await timeAsync(() => offThread.analyze(text));
  clearInterval(ticker);
  stallRows.push([`${keys.toLocaleString('en')} unknown keys in one mapping`, ms(wall), ms(longest), '≤ 20 ms']);
}
offThread.dispose();
printTable('The same documents as the editor validates them (on the worker thread)', ['case', 'validation (worker)', 'longest stall of the calling thread', 'target'], stallRows);

const EDITS = Number(process.env.BENCH_EDITS ?? 40);
const big = `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: big\nspec:\n  predictor:\n    tolerations:\n${
  Array.from({ length: 20_000 }, (_, i) => `      - key: example.com/taint-${i}\n        operator: Exists\n`).join('')}`;
const heapAfterGc = () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 2 ** 20;
};
async function heapGrowth(validate) {
  const start = heapAfterGc();
  const marks = [];
  for (let edit = 1; edit <= EDITS; edit++) {
    await validate(`${big}# keystroke ${edit}\n`);
    if (edit % 10 === 0) marks.push(heapAfterGc() - start);
  }
  return marks;
}
const oursGrowth = await heapGrowth(validateWith(new ManifestValidator(warmSet, options)));
const peerGrowth = peer ? await heapGrowth((text) => measurePeerText(text, 'big')) : undefined;
printTable(`Heap and external memory after GC while typing in one ${(big.length / 2 ** 20).toFixed(1)} MiB document (growth since the first edit; the chunk cache holds at most 8 Mi characters)`,
  ['edits', 'KServe Toolkit', 'yaml-language-server'],
  oursGrowth.map((mb, i) => [(i + 1) * 10, `${mb.toFixed(1)} MB`, peerGrowth ? `${peerGrowth[i].toFixed(1)} MB` : 'n/a']));
