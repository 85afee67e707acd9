import type { Scenario, ScenarioKind } from './types';

export const SCENARIO_KINDS: readonly ScenarioKind[] = [
  'ok',
  'status404',
  'status503',
  'error500',
  'error422',
  'cutBeforeDone',
  'errorEvent',
  'nonSse',
  'slowChunks',
  'stallAfter',
  'hang',
  'fixedLatency',
  'manyChunks',
];

export const SCENARIO_DEFAULTS = {
  cutAfterChunks: 2,
  errorEventAfterChunks: 2,
  errorMessage: 'Simulated generation failure',
  slowChunkDelayMs: 200,
  stallAfterChunks: 1,
  fixedLatencyMs: 100,
  manyChunksCount: 20_000,
  loginPage:
    '<!DOCTYPE html><html><head><title>Sign in</title></head><body>' +
    '<form method="post" action="/oauth/start"><input name="username"><button>Log in</button></form></body></html>',
} as const;

const NUMERIC_OPTIONS = ['times', 'afterChunks', 'delayMs', 'latencyMs', 'count'] as const;
const TEXT_OPTIONS = ['message', 'body'] as const;

function isScenarioKind(value: unknown): value is ScenarioKind {
  return typeof value === 'string' && (SCENARIO_KINDS as readonly string[]).includes(value);
}

/** Accepts a scenario object or a bare kind; returns an error message for anything else. */
export function parseScenario(input: unknown): Scenario | string {
  const candidate: unknown = typeof input === 'string' ? { kind: input } : input;
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return 'scenario must be a JSON object with a "kind"';
  }
  const fields = candidate as Record<string, unknown>;
  if (!isScenarioKind(fields.kind)) {
    return `unknown scenario kind ${JSON.stringify(fields.kind)}; expected one of ${SCENARIO_KINDS.join(', ')}`;
  }
  for (const option of NUMERIC_OPTIONS) {
    const value = fields[option];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
      return `scenario option "${option}" must be a non-negative integer`;
    }
  }
  for (const option of TEXT_OPTIONS) {
    if (fields[option] !== undefined && typeof fields[option] !== 'string') {
      return `scenario option "${option}" must be a string`;
    }
  }
  return { ...fields, kind: fields.kind } as Scenario;
}

/** Holds the current scenario and counts down its `times`. */
export class ScenarioState {
  private current: Scenario = { kind: 'ok' };
  private remaining: number | undefined;

  get scenario(): Scenario {
    return this.current;
  }

  set(scenario: Scenario | ScenarioKind): void {
    const parsed = parseScenario(scenario);
    if (typeof parsed === 'string') throw new Error(parsed);
    this.current = parsed;
    this.remaining = parsed.times;
    if (this.remaining === 0) this.reset();
  }

  /** The scenario for the next completion request. */
  take(): Scenario {
    const scenario = this.current;
    if (this.remaining !== undefined) {
      this.remaining -= 1;
      if (this.remaining <= 0) this.reset();
    }
    return scenario;
  }

  private reset(): void {
    this.current = { kind: 'ok' };
    this.remaining = undefined;
  }
}
