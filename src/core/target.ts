import { RequestStyle } from './kserve/openaiRoutes';
import { ServiceKind } from './kserve/serviceKinds';

/** A KServe service chosen as the translation target, with what its status says about reaching it. */
export interface InferenceServiceTarget {
  /** Absent in targets saved before LLMInferenceServices could be chosen: those are InferenceServices. */
  readonly kind?: ServiceKind;
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  /** status.url: the external URL; its host is the Host header an ingress gateway routes on. */
  readonly url: string;
  /** The runtime's --model_name (InferenceService) or spec.model.name (LLMInferenceService), else the name. */
  readonly model: string;
  /** How selections are sent; absent means as a prompt to completions. */
  readonly style?: RequestStyle;
}
