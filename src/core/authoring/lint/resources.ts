import { isMap, isScalar, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { rangeOf } from '../documents';
import { findPair, keyText } from '../nodes';
import { parseQuantity } from '../quantity';
import { ManifestDiagnostic, QuickFix } from '../types';
import { forEachMap, LintContext, warning } from './context';

/** Extended resources for accelerators: Kubernetes requires their requests to equal their limits. */
const ACCELERATOR = /^[^/]+\/(gpu|.*-gpu|gaudi|neuroncore|neuron|tpu)$/i;
const COMPARED = ['cpu', 'memory', 'ephemeral-storage'];

/** Requests and limits in every `resources` block: GPU requests equal to limits, limits not below requests. */
export function resourceRules({ document }: LintContext): ManifestDiagnostic[] {
  const diagnostics: ManifestDiagnostic[] = [];
  forEachMap(document, (map) => {
    const resources = findPair(map, 'resources')?.value;
    if (!isMap(resources)) return;
    const limits = mapValue(resources, 'limits');
    const requests = mapValue(resources, 'requests');
    if (!requests) return;
    for (const request of requests.items as Pair<Node, Node | null>[]) {
      const name = keyText(request);
      if (!name || !isScalar(request.value)) continue;
      const limitPair = limits ? findPair(limits, name) : undefined;
      const limit = isScalar(limitPair?.value) ? limitPair.value : undefined;
      if (ACCELERATOR.test(name)) checkAccelerator(diagnostics, name, request.value, limit);
      else if (COMPARED.includes(name) && limit) checkLimitBelowRequest(diagnostics, name, request.value, limit);
    }
  });
  return diagnostics;
}

function checkAccelerator(out: ManifestDiagnostic[], name: string, request: Scalar, limit: Scalar | undefined): void {
  if (!limit) {
    out.push(warning('gpu-request-limit', rangeOf(request),
      `${name} is requested without a limit: set limits.${name} to the same value (Kubernetes requires GPU requests to equal limits).`));
    return;
  }
  const requested = parseQuantity(request.value);
  const limited = parseQuantity(limit.value);
  if (requested === undefined || limited === undefined || requested === limited) return;
  const fixes: QuickFix[] = [{
    title: `Set the ${name} request to the limit (${String(limit.value)})`,
    edits: [{ range: rangeOf(request), newText: sourceOf(limit) }],
    preferred: true,
  }];
  out.push(warning('gpu-request-limit', rangeOf(request),
    `The ${name} request (${String(request.value)}) differs from its limit (${String(limit.value)}): Kubernetes requires GPU requests to equal limits.`, fixes));
}

function checkLimitBelowRequest(out: ManifestDiagnostic[], name: string, request: Scalar, limit: Scalar): void {
  const requested = parseQuantity(request.value);
  const limited = parseQuantity(limit.value);
  if (requested === undefined || limited === undefined || limited >= requested) return;
  const fixes: QuickFix[] = [
    { title: `Raise the ${name} limit to ${String(request.value)}`, edits: [{ range: rangeOf(limit), newText: sourceOf(request) }] },
    { title: `Lower the ${name} request to ${String(limit.value)}`, edits: [{ range: rangeOf(request), newText: sourceOf(limit) }] },
  ];
  out.push(warning('limit-below-request', rangeOf(limit),
    `The ${name} limit (${String(limit.value)}) is below the request (${String(request.value)}): Kubernetes rejects the pod.`, fixes));
}

function mapValue(map: YAMLMap<unknown, unknown>, key: string): YAMLMap<Node, Node | null> | undefined {
  const value = findPair(map, key)?.value;
  return isMap(value) ? (value as YAMLMap<Node, Node | null>) : undefined;
}

/** The value as written, quotes included, so a fix copies it faithfully. */
function sourceOf(scalar: Scalar): string {
  const text = typeof scalar.source === 'string' ? scalar.source : String(scalar.value);
  return scalar.type === 'QUOTE_DOUBLE' ? JSON.stringify(text) : scalar.type === 'QUOTE_SINGLE' ? `'${text}'` : text;
}
