// @ts-check
// The explorer's pure core at cluster scale, in plain Node: deriving status and details for 5,000 real-shaped
// InferenceServices, folding 100,000 watch events, and what the cache retains compared with keeping raw objects.
import { summarizeInferenceService } from '../out/src/core/explorer/summary.js';
import { WatchCache } from '../out/src/core/explorer/watchCache.js';
import { failedToLoadStatus, inProgressStatus, readyStatus, t5Spec } from '../out/test/support/cluster-isvc.js';
import { ms, percentile, printTable } from '../out/bench/format.js';

const SERVICES = 5_000;
const EVENTS = 100_000;

function service(i, version) {
  const namespace = `kst-bench-${String(i % 100).padStart(3, '0')}`;
  const name = `isvc-${String(Math.floor(i / 100)).padStart(2, '0')}`;
  const status = i % 10 === 7 ? failedToLoadStatus('ModelLoadFailed', 'weights not found')
    : i % 10 === 8 ? inProgressStatus({ modelState: 'Loading' }) : readyStatus({ url: `http://${name}.${namespace}.example.com` });
  return {
    apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
    metadata: {
      name, namespace, uid: `uid-${i}`, resourceVersion: String(version), generation: 1, creationTimestamp: '2025-01-01T00:00:00Z',
      managedFields: [{ manager: 'kserve-controller', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { '.': {}, 'f:url': {} } } }],
    },
    spec: t5Spec(),
    status,
  };
}

function heapAfterGc() {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

function timed(fn) {
  const started = performance.now();
  const result = fn();
  return [performance.now() - started, result];
}

const objects = Array.from({ length: SERVICES }, (_, i) => service(i, i + 1));
const json = JSON.stringify({ items: objects });

const parseRuns = [];
const summarizeRuns = [];
for (let run = 0; run < 5; run++) {
  const [parse, parsed] = timed(() => JSON.parse(json));
  parseRuns.push(parse);
  summarizeRuns.push(timed(() => parsed.items.map(summarizeInferenceService))[0]);
}

const cache = new WatchCache(summarizeInferenceService);
const [listMs] = timed(() => cache.replace(objects, String(SERVICES)));
let version = SERVICES;
const events = Array.from({ length: EVENTS }, (_, i) => ({ type: /** @type {const} */ ('MODIFIED'), object: service(i % SERVICES, ++version) }));
const [eventsMs] = timed(() => { for (const event of events) cache.apply(event); });
events.length = 0;
if (cache.size !== SERVICES) throw new Error(`cache holds ${cache.size} entries, expected ${SERVICES}`);

const gcAvailable = typeof globalThis.gc === 'function';
const held = [];
function retainedBy(build) {
  const before = heapAfterGc();
  held.push(build());
  const after = heapAfterGc();
  held.length = 0;
  return after - before;
}
const summariesBytes = retainedBy(() => {
  const retained = new WatchCache(summarizeInferenceService);
  retained.replace(JSON.parse(json).items, String(SERVICES));
  return retained;
});
const rawBytes = retainedBy(() => JSON.parse(json).items);

const mb = (bytes) => (gcAvailable ? `${(bytes / 1048576).toFixed(1)} MB` : 'n/a (run with --expose-gc)');
printTable(`Explorer core on ${SERVICES.toLocaleString('en')} InferenceServices (plain Node, median of 5)`, ['metric', 'value'], [
  ['JSON.parse of the list body', `${ms(percentile(parseRuns, 50))} (${(json.length / 1048576).toFixed(1)} MB)`],
  ['status + details for every service', ms(percentile(summarizeRuns, 50))],
  ['watch cache: initial list', ms(listMs)],
  [`watch cache: ${EVENTS.toLocaleString('en')} MODIFIED events`, `${ms(eventsMs)} (${Math.round(EVENTS / (eventsMs / 1000)).toLocaleString('en')} events/s)`],
  ['retained: summaries (what the explorer keeps)', mb(summariesBytes)],
  ['retained: raw objects (what a naive cache keeps)', mb(rawBytes)],
]);
