/** The annotation that picks an InferenceService's deployment mode. */
export const DEPLOYMENT_MODE_ANNOTATION = 'serving.kserve.io/deploymentMode';

/** The modes' names since KServe v0.16; the old names are still accepted. */
export const DEPLOYMENT_MODES = ['Standard', 'Knative', 'ModelMesh'] as const;

/** Old mode names and the names that replaced them. */
export const LEGACY_DEPLOYMENT_MODES: Readonly<Record<string, string>> = { RawDeployment: 'Standard', Serverless: 'Knative' };

/** A mode as the explorer shows it: the current name, with the old one the cluster used in brackets. */
export function deploymentModeLabel(mode: string | undefined): string | undefined {
  const current = mode === undefined ? undefined : LEGACY_DEPLOYMENT_MODES[mode];
  return current ? `${current} (${mode})` : mode;
}
