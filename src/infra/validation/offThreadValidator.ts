import { Worker } from 'node:worker_threads';
import type { SchemaSet } from '../../core/authoring/schemaSet';
import type { ChunkResult, ValidatorOptions } from '../../core/authoring/validator';
import type { IDisposable } from '../../core/lifecycle';
import type { WorkerReply, WorkerRequest } from './protocol';

/**
 * Validates documents on a worker thread, so that a large one never holds the caller's thread. The worker starts on
 * first use and keeps its own chunk cache; `configure` must come first and again whenever schemas or options change.
 */
export class OffThreadValidator implements IDisposable {
  private worker: Worker | undefined;
  private configuration: { schemas: SchemaSet; options: ValidatorOptions } | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(result: ChunkResult): void; reject(error: Error): void }>();

  constructor(private readonly workerFile: string) {}

  /** Schemas are copied to the worker only once it runs, so configuring costs nothing until a large document. */
  configure(schemas: SchemaSet, options: ValidatorOptions): void {
    this.configuration = { schemas, options };
    if (this.worker) this.sendConfiguration(this.worker);
  }

  analyze(text: string): Promise<ChunkResult> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'analyze', id, text } satisfies WorkerRequest);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error('the validation worker was stopped'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    if (!this.configuration) throw new Error('OffThreadValidator.configure() must come first');
    const worker = new Worker(this.workerFile);
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiting) return;
      if ('result' in reply) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error));
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('the validation worker exited'));
    });
    this.sendConfiguration(worker);
    this.worker = worker;
    return worker;
  }

  private sendConfiguration(worker: Worker): void {
    const { schemas, options } = this.configuration!;
    worker.postMessage({ type: 'configure', schemas: schemas.toPlain(), options } satisfies WorkerRequest);
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
