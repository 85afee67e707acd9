import { KSERVE_GROUP } from '../../kserve/group';
import { rangeOf } from '../documents';
import { ManifestDiagnostic } from '../types';
import { LintContext, scalarEntry } from './context';
import { isMap } from 'yaml';

/** Kinds whose storage version moved on while the old one is still served. */
const SUPERSEDED: Readonly<Record<string, { old: string; current: string; since: string }>> = {
  LLMInferenceService: { old: 'v1alpha1', current: 'v1alpha2', since: 'v0.17' },
  LLMInferenceServiceConfig: { old: 'v1alpha1', current: 'v1alpha2', since: 'v0.17' },
};

/**
 * `serving.kserve.io/v1alpha1` on an LLMInferenceService. The fix is offered only when the same document has no schema
 * errors at the new version: the API server converts between them by relabelling, and drops what the new version lacks.
 */
export function supersededVersionRules({ document, kind, validatesAs }: LintContext): ManifestDiagnostic[] {
  const versions = SUPERSEDED[kind];
  const apiVersion = isMap(document.contents) ? scalarEntry(document.contents, 'apiVersion') : undefined;
  if (!versions || !apiVersion || apiVersion.value !== `${KSERVE_GROUP}/${versions.old}`) return [];
  const current = `${KSERVE_GROUP}/${versions.current}`;
  const certain = validatesAs?.(current) === true;
  return [{
    range: rangeOf(apiVersion),
    severity: 'information',
    code: 'lint.superseded-version',
    message: `${kind} ${versions.old} is superseded by ${versions.current}, the version KServe stores since ${versions.since}; ` +
      `${versions.old} is still served.${certain ? '' : ` This manifest uses fields that ${versions.current} does not have, so it cannot simply be relabelled.`}`,
    ...(certain ? { fixes: [{ title: `Change apiVersion to ${current}`, edits: [{ range: rangeOf(apiVersion), newText: current }], preferred: true }] } : {}),
  }];
}
