import { Chunk, parseChunk, splitChunks } from './documents';
import { SchemaSet } from './schemaSet';
import { KindInfo } from './schemas/types';
import { DEPLOYMENT_MODES } from '../kserve/deploymentMode';

/** The `---` chunk that contains `offset`. */
export function chunkAt(text: string, offset: number): Chunk | undefined {
  const chunks = splitChunks(text);
  let chunk = chunks[0];
  for (const candidate of chunks) if (candidate.base <= offset) chunk = candidate;
  return chunk;
}

/** The KServe kind of the document that contains `offset`, if it is one. */
export function kindAt(text: string, offset: number, schemas: SchemaSet): KindInfo | undefined {
  const chunk = chunkAt(text, offset);
  if (!chunk) return undefined;
  let documents;
  try {
    documents = parseChunk(chunk);
  } catch {
    return undefined;
  }
  const relative = offset - chunk.base;
  const document = [...documents].reverse().find((d) => (d.document.range?.[0] ?? 0) <= relative) ?? documents[0];
  return document ? schemas.detect(document.apiVersion?.value, document.kind?.value) : undefined;
}

/** The KServe kind of the document at an offset: hover and completion take it from the last validation. */
export type KindLookup = (offset: number) => KindInfo | undefined;

/** Parses the file for the kind: for callers without a validation result. */
export function defaultKindLookup(text: string, schemas: SchemaSet): KindLookup {
  return (offset) => kindAt(text, offset, schemas);
}

/** Values that are not enums in the CRDs but have a well-known set, offered as completions. */
export const KNOWN_VALUES: { path: RegExp; values: string[] }[] = [
  {
    path: /(^|\.)modelFormat\.name$/,
    values: ['huggingface', 'sklearn', 'xgboost', 'lightgbm', 'tensorflow', 'pytorch', 'onnx', 'triton', 'pmml', 'paddle', 'mlflow'],
  },
  { path: /(^|\.)protocolVersion$/, values: ['v1', 'v2', 'grpc-v2'] },
  { path: /(^|[./])deploymentMode$/, values: [...DEPLOYMENT_MODES] },
];
