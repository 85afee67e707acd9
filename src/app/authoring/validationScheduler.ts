import { Chunk } from '../../core/authoring/documents';
import { SchemaSet } from '../../core/authoring/schemaSet';
import { assemble, ChunkResult, ManifestValidator, ValidationResult, ValidatorOptions } from '../../core/authoring/validator';
import { IDisposable } from '../../core/lifecycle';

/** Validates one chunk somewhere else (a worker thread); configured with the same schemas and options. */
export interface ChunkAnalyzer extends IDisposable {
  configure(schemas: SchemaSet, options: ValidatorOptions): void;
  analyze(text: string): Promise<ChunkResult>;
}

export interface SchedulerOptions {
  /** Longest stretch of work before yielding to the event loop. */
  readonly sliceMs?: number;
  /** Chunks longer than this go to `offThread`: their parse alone would take longer than a slice. */
  readonly offThreadChars?: number;
  readonly offThread?: ChunkAnalyzer;
  /** Told when the off-thread analyzer failed and the chunk was validated here instead. */
  readonly onOffThreadFailure?: (err: unknown) => void;
}

const SLICE_MS = 12;
const OFF_THREAD_CHARS = 16 * 1024;

/**
 * Validates a file chunk by chunk, yielding between slices so that nothing else waits on a large file, and gives up
 * as soon as `isStale` says the result is no longer wanted.
 */
export class ValidationScheduler implements IDisposable {
  constructor(private readonly validator: ManifestValidator, private readonly scheduling: SchedulerOptions = {}) {
    scheduling.offThread?.configure(validator.schemas, validator.options);
  }

  configure(schemas: SchemaSet, options: ValidatorOptions): void {
    this.validator.reconfigure(schemas, options);
    this.scheduling.offThread?.configure(schemas, options);
  }

  /** Resolves with the file's result, or undefined when it went stale on the way. */
  async validate(text: string, isStale: () => boolean = () => false): Promise<ValidationResult | undefined> {
    const sliceMs = this.scheduling.sliceMs ?? SLICE_MS;
    const offThreadChars = this.scheduling.offThreadChars ?? OFF_THREAD_CHARS;
    const parts: { chunk: Chunk; result: ChunkResult }[] = [];
    let sliceStart = performance.now();
    for (const chunk of this.validator.chunks(text)) {
      if (this.scheduling.offThread && chunk.text.length > offThreadChars) {
        parts.push({ chunk, result: await this.analyzeOffThread(chunk) });
        if (isStale()) return undefined;
        sliceStart = performance.now();
        continue;
      }
      parts.push({ chunk, result: this.validator.analyzeChunk(chunk) });
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        if (isStale()) return undefined;
        sliceStart = performance.now();
      }
    }
    return isStale() ? undefined : assemble(parts);
  }

  dispose(): void {
    this.scheduling.offThread?.dispose();
  }

  private async analyzeOffThread(chunk: Chunk): Promise<ChunkResult> {
    try {
      return await this.scheduling.offThread!.analyze(chunk.text);
    } catch (err) {
      this.scheduling.onOffThreadFailure?.(err);
      return this.validator.analyzeChunk(chunk);
    }
  }
}
