import { isScalar } from 'yaml';
import { rangeOf } from '../documents';
import { findPair } from '../nodes';
import { ManifestDiagnostic } from '../types';
import { forEachMap, LintContext, warning } from './context';

/** `minReplicas` above `maxReplicas` anywhere (predictor, transformer, explainer, InferenceGraph). 0 means no maximum. */
export function replicaRules({ document }: LintContext): ManifestDiagnostic[] {
  const diagnostics: ManifestDiagnostic[] = [];
  forEachMap(document, (map) => {
    const min = findPair(map, 'minReplicas')?.value;
    const max = findPair(map, 'maxReplicas')?.value;
    if (!isScalar(min) || !isScalar(max) || typeof min.value !== 'number' || typeof max.value !== 'number') return;
    if (max.value === 0 || min.value <= max.value) return;
    diagnostics.push(warning('replicas', rangeOf(min),
      `minReplicas (${min.value}) is greater than maxReplicas (${max.value}): KServe rejects this.`, [
        { title: `Raise maxReplicas to ${min.value}`, edits: [{ range: rangeOf(max), newText: String(min.value) }] },
        { title: `Lower minReplicas to ${max.value}`, edits: [{ range: rangeOf(min), newText: String(max.value) }] },
      ]));
  });
  return diagnostics;
}
