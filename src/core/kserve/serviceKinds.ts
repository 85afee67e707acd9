/** The KServe kinds that serve a model and appear as service rows in the explorer. */
export type ServiceKind = 'InferenceService' | 'LLMInferenceService';

export const SERVICE_KINDS: readonly ServiceKind[] = ['InferenceService', 'LLMInferenceService'];

/** One service, named the way the API server names it. */
export interface ServiceRef {
  readonly kind: ServiceKind;
  readonly namespace: string;
  readonly name: string;
}

export function isServiceKind(value: unknown): value is ServiceKind {
  return value === 'InferenceService' || value === 'LLMInferenceService';
}

/** The kind's short word in ids and keys: `isvc`, `llmisvc`. */
export function kindTag(kind: ServiceKind): 'isvc' | 'llmisvc' {
  return kind === 'LLMInferenceService' ? 'llmisvc' : 'isvc';
}

/** LLMInferenceService versions, newest first: the explorer reads the first one the cluster serves. */
export const LLM_VERSIONS = ['v1alpha2', 'v1alpha1'] as const;
export type LlmVersion = (typeof LLM_VERSIONS)[number];
