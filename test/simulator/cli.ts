/**
 * Runs the KServe simulator as a process.
 *
 *   node out/test/simulator/cli.js [--port 0] [--host 127.0.0.1] [--require-host HOST] [--require-bearer TOKEN]
 *     [--api kserve|vllm] [--backend huggingface|vllm] [--legacy-special-tokens] [--chunk-delay-ms N] [--request-latency-ms N]
 *     [--first-token-ms N] [--capacity N] [--path-prefix /PATH]
 *     [--model NAME[:notready]]... [--scenario KIND|JSON]
 *
 * Prints exactly one line, `{"url":"http://127.0.0.1:PORT"}`, on stdout once listening, then serves until
 * SIGINT or SIGTERM and exits 0. Bad arguments print a message on stderr and exit 2.
 */
import { parseArgs } from 'node:util';
import { parseScenario } from './scenarios';
import { startSimulator } from './server';
import type { ModelSpec, Scenario, SimulatorOptions } from './types';

class UsageError extends Error {}

function nonNegativeInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${flag} expects a non-negative integer, got "${value}"`);
  return number;
}

function modelSpec(value: string): ModelSpec {
  const [name, state] = value.split(':');
  if (!name || (state !== undefined && state !== 'ready' && state !== 'notready')) {
    throw new UsageError(`--model expects NAME or NAME:ready or NAME:notready, got "${value}"`);
  }
  return { name, ready: state !== 'notready' };
}

function scenarioOf(value: string | undefined): Scenario | undefined {
  if (value === undefined) return undefined;
  let input: unknown = value;
  if (value.trim().startsWith('{')) {
    try {
      input = JSON.parse(value);
    } catch {
      throw new UsageError(`--scenario is not valid JSON: ${value}`);
    }
  }
  const scenario = parseScenario(input);
  if (typeof scenario === 'string') throw new UsageError(scenario);
  return scenario;
}

function parseCommandLine(args: string[]): { options: SimulatorOptions; scenario: Scenario | undefined } {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'require-host': { type: 'string' },
      'require-bearer': { type: 'string' },
      backend: { type: 'string' },
      api: { type: 'string' },
      'legacy-special-tokens': { type: 'boolean' },
      'chunk-delay-ms': { type: 'string' },
      'request-latency-ms': { type: 'string' },
      'first-token-ms': { type: 'string' },
      capacity: { type: 'string' },
      'path-prefix': { type: 'string' },
      model: { type: 'string', multiple: true },
      scenario: { type: 'string' },
    },
  });
  const api = values.api ?? 'kserve';
  if (api !== 'kserve' && api !== 'vllm') throw new UsageError(`--api expects kserve or vllm, got "${api}"`);
  const backend = values.backend ?? (api === 'vllm' ? 'vllm' : 'huggingface');
  if (backend !== 'huggingface' && backend !== 'vllm') throw new UsageError(`--backend expects huggingface or vllm, got "${backend}"`);
  return {
    options: {
      port: nonNegativeInteger('port', values.port),
      host: values.host,
      requireHost: values['require-host'],
      requireBearer: values['require-bearer'],
      backend,
      api,
      legacySpecialTokens: values['legacy-special-tokens'] ?? false,
      chunkDelayMs: nonNegativeInteger('chunk-delay-ms', values['chunk-delay-ms']),
      requestLatencyMs: nonNegativeInteger('request-latency-ms', values['request-latency-ms']),
      firstTokenMs: nonNegativeInteger('first-token-ms', values['first-token-ms']),
      capacity: values.capacity === undefined ? undefined : Math.max(1, nonNegativeInteger('capacity', values.capacity) ?? 1),
      pathPrefix: values['path-prefix'],
      models: values.model?.map(modelSpec),
    },
    scenario: scenarioOf(values.scenario),
  };
}

async function main(): Promise<void> {
  let commandLine: ReturnType<typeof parseCommandLine>;
  try {
    commandLine = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`kserve-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const simulator = await startSimulator(commandLine.options);
  if (commandLine.scenario) simulator.setScenario(commandLine.scenario);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(`${JSON.stringify({ url: simulator.url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`kserve-simulator: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
