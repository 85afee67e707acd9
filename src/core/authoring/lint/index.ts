import { ManifestDiagnostic } from '../types';
import { LintContext, LintRule } from './context';
import { deploymentModeRules } from './deploymentMode';
import { deprecatedFrameworkRules } from './deprecated';
import { huggingFaceRules } from './huggingface';
import { replicaRules } from './replicas';
import { resourceRules } from './resources';
import { supersededVersionRules } from './supersededVersion';

export type { LintContext } from './context';
export { FRAMEWORK_KEYS } from './deprecated';

const RULES: LintRule[] = [huggingFaceRules, resourceRules, deprecatedFrameworkRules, replicaRules, deploymentModeRules, supersededVersionRules];

/** KServe-specific warnings for one document. */
export function lint(context: LintContext): ManifestDiagnostic[] {
  return RULES.flatMap((rule) => rule(context));
}
