export { convertCrd, CrdFormatError } from './crdToSchema';
export { dedupeSchema } from './dedupe';
export { DescriptionMerger, type DescriptionSources, type SwaggerDocument } from './descriptions';
export { generateSchemas, serializeSchema, type GeneratedSchemas } from './generate';
export * from './types';
export { inheritDescriptions } from './inherit';
