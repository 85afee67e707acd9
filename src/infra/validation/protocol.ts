import type { PlainSchemaSet } from '../../core/authoring/schemaSet';
import type { ChunkResult, ValidatorOptions } from '../../core/authoring/validator';

/** Messages to the validation worker. */
export type WorkerRequest =
  | { readonly type: 'configure'; readonly schemas: PlainSchemaSet; readonly options: ValidatorOptions }
  | { readonly type: 'analyze'; readonly id: number; readonly text: string };

/** Its answers, one per `analyze`. */
export type WorkerReply =
  | { readonly id: number; readonly result: ChunkResult }
  | { readonly id: number; readonly error: string };
