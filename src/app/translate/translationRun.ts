import { TranslationPlan } from '../../core/translate/chunking';
import { ActivityClock } from '../../core/translate/activityClock';
import { completionsUrl } from '../../core/translate/endpoint';
import { describeInferenceFailure, FailureContext } from '../../core/translate/errorMapping';
import { runOrdered } from '../../core/translate/orderedScheduler';
import { T5OutputNormalizer } from '../../core/translate/t5Output';
import { taskInstruction } from '../../core/translate/tasks';
import { CompletionParams, InferenceClient } from '../../infra/http/inferenceClient';
import type { Connection } from './connection';

/** What a run needs to know about an output region: the text written first, its plans, and what goes between them. */
export interface RegionSpec {
  readonly prefix: string;
  readonly plans: readonly TranslationPlan[];
  readonly separator: string;
}

type Slot = { readonly kind: 'keep'; readonly text: string } | { readonly kind: 'part'; readonly text: string };

/**
 * The text of one output region in order: its prefix, then for each plan the kept whitespace and the translated
 * parts. Nothing is written until the first translated text arrives, so a region never receives only whitespace.
 */
class RegionComposer {
  private cursor = 0;
  private buffered: string;
  private started = false;

  constructor(
    private readonly slots: readonly Slot[],
    prefix: string,
    private readonly write: (text: string) => void,
  ) {
    this.buffered = prefix;
  }

  text(slot: number, text: string): void {
    if (text === '') return;
    this.advanceTo(slot);
    this.emit(text, true);
  }

  partDone(slot: number): void {
    this.advanceTo(slot);
    this.cursor = slot + 1;
  }

  finish(): void {
    this.advanceTo(this.slots.length);
  }

  private advanceTo(slot: number): void {
    for (; this.cursor < slot; this.cursor++) {
      const current = this.slots[this.cursor];
      if (current.kind === 'keep') this.emit(current.text, false);
    }
  }

  private emit(text: string, translated: boolean): void {
    if (this.started) {
      this.write(text);
    } else if (translated) {
      this.started = true;
      this.write(this.buffered + text);
      this.buffered = '';
    } else {
      this.buffered += text;
    }
  }
}

function slotsOf(plans: readonly TranslationPlan[], separator: string): Slot[] {
  const slots: Slot[] = [];
  plans.forEach((plan, i) => {
    if (i > 0) slots.push({ kind: 'keep', text: separator });
    for (const segment of plan.segments) slots.push(segment.kind === 'keep' ? segment : { kind: 'part', text: segment.text });
  });
  return slots;
}

export interface TranslationRunOptions {
  readonly regions: readonly RegionSpec[];
  readonly connection: Pick<Connection, 'endpoint' | 'address' | 'transport'>;
  readonly client: InferenceClient;
  readonly taskPrefix: string;
  readonly maxTokens: number;
  readonly concurrency: number;
  /** Receives translated text for region `index` (in `regions`), in order. */
  write(region: number, text: string): void;
  /** Called as parts complete. */
  progress?(done: number, total: number): void;
}

/** Total number of requests a run will make. */
export function countParts(regions: readonly RegionSpec[]): number {
  return regions.reduce((sum, region) => sum + region.plans.reduce((n, plan) => n + plan.parts.length, 0), 0);
}

/**
 * Translates every part of every region, with bounded concurrency, and writes each region's text strictly in
 * order. Rejects with a user-facing error (or the abort reason) on the first failure.
 */
export async function runTranslation(options: TranslationRunOptions, signal: AbortSignal): Promise<void> {
  const { connection, client } = options;
  const tasks: { region: number; slot: number; text: string }[] = [];
  const composers = options.regions.map((region, regionIndex) => {
    const slots = slotsOf(region.plans, region.separator);
    slots.forEach((slot, slotIndex) => {
      if (slot.kind === 'part') tasks.push({ region: regionIndex, slot: slotIndex, text: slot.text });
    });
    return new RegionComposer(slots, region.prefix, (text) => options.write(regionIndex, text));
  });
  const lastTaskOfRegion = new Map(tasks.map((task, index) => [task.region, index]));
  const normalizers = new Map<number, T5OutputNormalizer>();
  const context = failureContext(connection, completionsUrl(connection.address));
  const instruction = taskInstruction(options.taskPrefix);
  let done = 0;
  const activity = new ActivityClock();
  await runOrdered<string>({
    count: tasks.length,
    concurrency: options.concurrency,
    signal,
    run: async (index, emit, taskSignal) => {
      const { text } = tasks[index];
      const params: CompletionParams = { prompt: options.taskPrefix + text, chat: { instruction, text }, maxTokens: options.maxTokens, activity };
      try {
        for await (const piece of client.streamCompletion(connection.address, connection.transport, params, taskSignal)) emit(piece);
      } catch (err) {
        throw describeInferenceFailure(err, context);
      }
    },
    deliver: (index, piece) => {
      let normalizer = normalizers.get(index);
      if (!normalizer) normalizers.set(index, (normalizer = new T5OutputNormalizer()));
      composers[tasks[index].region].text(tasks[index].slot, normalizer.push(piece));
    },
    completed: (index) => {
      const { region, slot } = tasks[index];
      const composer = composers[region];
      composer.text(slot, normalizers.get(index)?.end() ?? '');
      normalizers.delete(index);
      composer.partDone(slot);
      if (lastTaskOfRegion.get(region) === index) composer.finish();
      options.progress?.(++done, tasks.length);
    },
  });
}

/** What an error message may say about the request that failed: never the token itself. */
export function failureContext(
  connection: Pick<Connection, 'endpoint' | 'address' | 'transport'>,
  url = connection.endpoint.baseUrl,
): FailureContext {
  return {
    url,
    hostHeader: connection.address.hostHeader,
    model: connection.address.model,
    source: connection.endpoint.source,
    hasToken: connection.address.token !== undefined,
    connectTimeoutMs: connection.transport.connectTimeoutMs,
    idleTimeoutMs: connection.transport.idleTimeoutMs,
    route: connection.endpoint.route,
  };
}
