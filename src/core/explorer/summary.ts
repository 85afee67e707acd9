import { ServiceKind } from '../kserve/serviceKinds';
import { InferenceServiceTarget } from '../target';
import { extractDetails, IsvcDetails } from './details';
import { extractLlmDetails } from './llmDetails';
import { deriveLlmStatus } from './llmStatus';
import { InferenceServiceObject, KubeObject } from './resources';
import { deriveStatus, DerivedStatus } from './status';

/**
 * What the explorer keeps per InferenceService: identity, derived status and details. The full object is not kept
 * (the manifest view reads it live), so thousands of services cost little memory.
 */
export interface IsvcSummary {
  readonly kind: ServiceKind;
  readonly name: string;
  readonly namespace: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
  readonly generation?: number;
  readonly creationTimestamp?: string;
  readonly deleting: boolean;
  readonly status: DerivedStatus;
  readonly details: IsvcDetails;
}

export function summarizeInferenceService(isvc: InferenceServiceObject): IsvcSummary {
  return { kind: 'InferenceService', ...identity(isvc), status: deriveStatus(isvc), details: extractDetails(isvc) };
}

export function summarizeLlmInferenceService(llmisvc: KubeObject): IsvcSummary {
  return { kind: 'LLMInferenceService', ...identity(llmisvc), status: deriveLlmStatus(llmisvc), details: extractLlmDetails(llmisvc) };
}

function identity(object: KubeObject) {
  const meta = object.metadata;
  return {
    name: meta.name,
    namespace: meta.namespace ?? '',
    uid: meta.uid,
    resourceVersion: meta.resourceVersion,
    generation: meta.generation,
    creationTimestamp: meta.creationTimestamp,
    deleting: Boolean(meta.deletionTimestamp),
  };
}

/** Stands in for a service the explorer cannot read: Unknown, with the reason. */
export function unreadableService(kind: ServiceKind) {
  return (isvc: KubeObject, reason: string): IsvcSummary => unreadable(kind, isvc, reason);
}

export const unreadableInferenceService = unreadableService('InferenceService');

function unreadable(kind: ServiceKind, isvc: KubeObject, reason: string): IsvcSummary {
  const meta = isvc.metadata;
  return {
    kind,
    name: meta.name,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    resourceVersion: typeof meta.resourceVersion === 'string' ? meta.resourceVersion : undefined,
    deleting: false,
    status: { phase: 'Unknown', reason: 'Unreadable', message: `KServe Toolkit cannot read this ${kind}: ${reason}` },
    details: { gpus: 0, components: [], conditions: [] },
  };
}

/** Stands in for a runtime or storage container the explorer cannot read. */
export function unreadableResource(object: KubeObject): ResourceSummary {
  const meta = object.metadata;
  return { name: meta.name, namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined, handles: [], disabled: false };
}

/** A ServingRuntime, ClusterServingRuntime or ClusterStorageContainer, reduced to what its tree row shows. */
export interface ResourceSummary {
  readonly name: string;
  readonly namespace?: string;
  readonly resourceVersion?: string;
  /** Model formats a runtime supports, or URI prefixes a storage container handles. */
  readonly handles: readonly string[];
  readonly disabled: boolean;
  readonly image?: string;
}

export function summarizeResource(object: KubeObject): ResourceSummary {
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const formats = Array.isArray(spec.supportedModelFormats) ? spec.supportedModelFormats : [];
  const handles = formats.map((f) => {
    const format = f as { name?: string; version?: string };
    return format.version ? `${format.name}:${format.version}` : String(format.name ?? '');
  }).filter(Boolean);
  const uriFormats = Array.isArray(spec.supportedUriFormats) ? spec.supportedUriFormats : [];
  for (const u of uriFormats) {
    const format = u as { prefix?: string; regex?: string };
    const handled = format.prefix ?? format.regex;
    if (handled) handles.push(handled);
  }
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  const container = (spec.container ?? containers[0]) as { image?: string } | undefined;
  return {
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    resourceVersion: object.metadata.resourceVersion,
    handles,
    disabled: spec.disabled === true,
    image: container?.image,
  };
}

/** The translation target for a service: `model` is the runtime's `--model_name`, else the service name. */
export function translationTarget(context: string, isvc: IsvcSummary): InferenceServiceTarget {
  return {
    kind: isvc.kind,
    context,
    namespace: isvc.namespace,
    name: isvc.name,
    url: isvc.details.url ?? '',
    model: isvc.details.modelName ?? isvc.name,
  };
}
