import { rangeOf } from '../documents';
import { ManifestDiagnostic } from '../types';
import { DEPLOYMENT_MODE_ANNOTATION, LEGACY_DEPLOYMENT_MODES } from '../../kserve/deploymentMode';
import { LintContext, mapAt, scalarEntry, warning } from './context';

/** The deployment-mode annotation with a pre-v0.16 name, with a fix to the current one. */
export function deploymentModeRules({ document }: LintContext): ManifestDiagnostic[] {
  const annotations = mapAt(document, ['metadata', 'annotations']);
  const value = annotations && scalarEntry(annotations, DEPLOYMENT_MODE_ANNOTATION);
  const mode = typeof value?.value === 'string' ? value.value : undefined;
  const current = mode === undefined ? undefined : LEGACY_DEPLOYMENT_MODES[mode];
  if (!value || !current) return [];
  return [warning('deployment-mode', rangeOf(value),
    `Deployment mode "${mode}" is the name from before KServe v0.16: it is now "${current}" (the old name is still accepted).`,
    [{ title: `Rename to ${current}`, edits: [{ range: rangeOf(value), newText: current }], preferred: true }])];
}
