export { startSimulator } from './server';
export { countTokens, splitIntoPieces, MAX_MODEL_LENGTH, DEFAULT_MAX_TOKENS } from './tokens';
export { generateOutputText, KNOWN_OUTPUTS, DOCS_EXAMPLE_PROMPT } from './outputText';
export { SCENARIO_KINDS, SCENARIO_DEFAULTS } from './scenarios';
export { SIMULATOR_HEADERS } from './httpReplies';
export { SYSTEM_FINGERPRINT } from './payloads';
export type {
  ChunkWrittenInfo,
  ChunkWrittenListener,
  ModelSpec,
  RecordedRequest,
  Scenario,
  ScenarioKind,
  SimulatedBackend,
  Simulator,
  SimulatorOptions,
} from './types';
