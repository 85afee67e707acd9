/**
 * KServe's OpenAI-compatible routes, below an InferenceService's base address. The client, its error messages, the
 * test endpoint and the tests all build them here.
 */
export const OPENAI_ROUTES = {
  completions: '/openai/v1/completions',
  chatCompletions: '/openai/v1/chat/completions',
  models: '/openai/v1/models',
  /** KServe's readiness route for one model: 200 with `null` when it is ready, 503 otherwise. */
  model: (name: string) => `/openai/v1/models/${encodeURIComponent(name)}`,
} as const;
