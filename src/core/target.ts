/** An InferenceService chosen as the translation target, with what its status says about reaching it. */
export interface InferenceServiceTarget {
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  /** status.url: the external URL; its host is the Host header an ingress gateway routes on. */
  readonly url: string;
  /** The runtime's --model_name, else the InferenceService name. */
  readonly model: string;
}
