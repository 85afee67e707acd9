import { JsonSchema, KindInfo } from './types';

/** `[a-z]([-a-z0-9]*[a-z0-9])?`: KServe requires InferenceService names to be DNS-1035 labels. */
export const DNS1035_LABEL = '^[a-z]([-a-z0-9]*[a-z0-9])?$';
export const DNS1123_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
export const DNS1123_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

const stringMap = (description: string): JsonSchema => ({
  type: 'object',
  additionalProperties: { type: 'string' },
  description,
});

const loose = (type: string, description: string): JsonSchema => ({ type, description });

/** The fields of ObjectMeta a manifest may carry, with `name` required and checked as Kubernetes checks it. */
export function objectMetaSchema(info: Pick<KindInfo, 'kind' | 'namespaced'>): JsonSchema {
  const isvc = info.kind === 'InferenceService';
  const name: JsonSchema = isvc
    ? {
        type: 'string', pattern: DNS1035_LABEL, maxLength: 63, 'x-kserve-format': 'dns1035-label',
        description: 'Name of the InferenceService, unique in its namespace. KServe requires a DNS-1035 label: ' +
          'lowercase letters, digits and "-", starting with a letter and ending with a letter or digit.',
      }
    : {
        type: 'string', pattern: DNS1123_SUBDOMAIN, maxLength: 253, 'x-kserve-format': 'dns1123-subdomain',
        description: `Name of the ${info.kind}, unique ${info.namespaced ? 'in its namespace' : 'in the cluster'}. ` +
          'Lowercase letters, digits, "-" and ".", starting and ending with a letter or digit.',
      };
  const properties: Record<string, JsonSchema> = {
    annotations: stringMap('Unstructured key/value data stored with the object. Values must be strings: quote numbers and booleans.'),
    creationTimestamp: { type: ['string', 'null'], description: 'Set by the server when the object is created.' },
    deletionGracePeriodSeconds: loose('integer', 'Set by the server while the object is being deleted.'),
    deletionTimestamp: loose('string', 'Set by the server when deletion was requested.'),
    finalizers: { type: 'array', items: { type: 'string' }, description: 'Conditions that must be cleared before the object is removed.' },
    generateName: loose('string', 'Prefix for a server-generated name, used when name is not set (not with apply).'),
    generation: loose('integer', 'Set by the server: the generation of the desired state.'),
    labels: stringMap('Key/value labels used to select and organize objects. Values must be strings: quote numbers and booleans.'),
    managedFields: { type: 'array', description: 'Set by the server: which field manager owns which fields.' },
    name,
    namespace: {
      type: 'string', pattern: DNS1123_LABEL, maxLength: 63, 'x-kserve-format': 'dns1123-label',
      description: info.namespaced
        ? 'Namespace of the object. When omitted, apply and dry-run use the namespace of the current context.'
        : `${info.kind} is cluster-scoped: a namespace is ignored.`,
    },
    ownerReferences: { type: 'array', description: 'Objects this object depends on, for garbage collection.' },
    resourceVersion: loose('string', 'Set by the server: an opaque version used for optimistic concurrency.'),
    selfLink: loose('string', 'Deprecated; set by old servers.'),
    uid: loose('string', 'Set by the server: the unique ID of this object.'),
  };
  return {
    type: 'object',
    description: 'Standard object metadata: name, namespace, labels and annotations.',
    properties,
    required: ['name'],
    additionalProperties: false,
  };
}
