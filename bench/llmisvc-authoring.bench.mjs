// @ts-check
// Full validation of a 200-document LLMInferenceService file, against yaml-language-server's doValidation with the
// same schema (schemas/llminferenceservice.json) in the same run.
import os from 'node:os';
import { printTable, ms, percentile } from '../out/bench/format.js';
import {
  index, loadSchema, ManifestValidator, SchemaSet, timeAsync, VALIDATOR_OPTIONS, validateWith, yamlLanguageServer,
} from './validation-peers.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DOCUMENTS = 200;

/** A 45-line LLMInferenceService after the docs' first one; every 10th one has an unknown field and a wrong type. */
function llmisvc(i) {
  const broken = i % 10 === 9;
  return `apiVersion: serving.kserve.io/v1alpha2
kind: LLMInferenceService
metadata:
  name: facebook-opt-125m-${i}
  namespace: llm-${i % 5}
  labels:
    team: nlp
spec:
  model:
    uri: hf://facebook/opt-125m
    ${broken ? 'nme' : 'name'}: facebook/opt-125m
  replicas: ${broken ? '"two"' : 1 + (i % 3)}
  baseRefs:
    - name: team-defaults
  template:
    containers:
      - name: main
        image: quay.io/pierdipi/vllm-cpu:latest
        securityContext:
          runAsNonRoot: false
        env:
          - name: VLLM_LOGGING_LEVEL
            value: DEBUG
          - name: HF_TOKEN
            valueFrom:
              secretKeyRef:
                name: hf-secret
                key: HF_TOKEN
        resources:
          limits:
            cpu: "1"
            memory: 10Gi
          requests:
            cpu: 100m
            memory: 8Gi
        livenessProbe:
          initialDelaySeconds: 30
          periodSeconds: 30
          timeoutSeconds: 30
          failureThreshold: 5
  router:
    gateway: {}
    route: {}
    scheduler: {}
`;
}

const text = Array.from({ length: DOCUMENTS }, (_, i) => llmisvc(i)).join('---\n');
const set = new SchemaSet(index, loadSchema);
await validateWith(new ManifestValidator(set, VALIDATOR_OPTIONS))(llmisvc(0));
const peer = await yamlLanguageServer('LLMInferenceService');
if ('validate' in peer) await peer.validate(llmisvc(0), 'warmup');

/** @type {number[]} */ const ours = [];
/** @type {number[]} */ const theirs = [];
let ourDiagnostics = 0;
let theirDiagnostics = 0;
// Alternating, each measured run after a discarded one of its own, as in authoring.bench.mjs.
for (let run = 0; run < RUNS * 2; run++) {
  const mine = await timeAsync(async () => { ourDiagnostics = (await validateWith(new ManifestValidator(set, VALIDATOR_OPTIONS))(text))?.diagnostics.length ?? 0; });
  if (run % 2 === 1) ours.push(mine);
  if ('validate' in peer) {
    const other = await timeAsync(async () => { theirDiagnostics = (await peer.validate(text, `llm${run}`)).length; });
    if (run % 2 === 1) theirs.push(other);
  }
}

const median = (samples) => percentile(samples, 50);
const both = (samples) => `${ms(median(samples))} (best ${ms(Math.min(...samples))})`;
printTable(`LLMInferenceService validation (median and best of ${RUNS} alternating measured runs; Node ${process.version}; ` +
  `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
['case', 'KServe Toolkit', 'yaml-language-server', 'ratio of medians'], [[
  `full validation, ${DOCUMENTS} documents (${text.split('\n').length - 1} lines, ${(text.length / 1024).toFixed(0)} KiB)`,
  both(ours), theirs.length ? both(theirs) : 'n/a', theirs.length ? `${(median(theirs) / median(ours)).toFixed(1)}× faster` : 'n/a',
]]);
console.log(`diagnostics reported: KServe Toolkit ${ourDiagnostics} (schema errors and lint warnings), yaml-language-server ${'validate' in peer ? theirDiagnostics : 'n/a'}`);
if ('error' in peer) console.log(`yaml-language-server could not run here: ${peer.error.message}`);
