/**
 * The OpenAI-compatible routes below a service's base address. The client, its error messages, the test endpoint
 * and the tests all build them here.
 * - `kserve`: KServe's model server (InferenceServices), under `/openai/v1`, with a readiness route per model.
 * - `vllm`: vLLM's own server behind an LLMInferenceService, under `/v1`, which lists models but has no readiness route.
 */
export type ModelApi = 'kserve' | 'vllm';

/** How the selection is sent: as a prompt (`completions`) or as a chat (`chat/completions`). */
export type RequestStyle = 'completions' | 'chat';

export interface OpenAiRoutes {
  readonly completions: string;
  readonly chatCompletions: string;
  readonly models: string;
  /** KServe's readiness route for one model: 200 with `null` when it is ready, 503 otherwise. */
  readonly model?: (name: string) => string;
}

export const OPENAI_ROUTES = {
  completions: '/openai/v1/completions',
  chatCompletions: '/openai/v1/chat/completions',
  models: '/openai/v1/models',
  model: (name: string) => `/openai/v1/models/${encodeURIComponent(name)}`,
} as const satisfies OpenAiRoutes;

export const VLLM_ROUTES: OpenAiRoutes = {
  completions: '/v1/completions',
  chatCompletions: '/v1/chat/completions',
  models: '/v1/models',
};

export function routesOf(api: ModelApi | undefined): OpenAiRoutes {
  return api === 'vllm' ? VLLM_ROUTES : OPENAI_ROUTES;
}
