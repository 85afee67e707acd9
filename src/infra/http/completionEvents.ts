import { createParser, EventSourceParser } from 'eventsource-parser';
import { errorMessageOf, StreamFailure } from '../../core/translate/inferenceErrors';

export interface StreamLimits {
  /** Longest event the SSE parser buffers before it gives up on the stream. */
  readonly maxEventChars: number;
  /** Most text one answer may hold. */
  readonly maxTextChars: number;
}

/**
 * Far above anything real: T5 answers at most 512 tokens (a few KB) per request, and a chunk is one piece of text.
 * They exist so that a broken or hostile endpoint cannot fill memory or the document.
 */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { maxEventChars: 1 << 20, maxTextChars: 256 * 1024 };

interface CompletionChunk {
  error?: unknown;
  choices?: { text?: unknown; delta?: { content?: unknown } }[];
}

/**
 * Decodes the bytes of an OpenAI completions event stream into text pieces: UTF-8 across chunk boundaries
 * (TextDecoder in stream mode), SSE framing with eventsource-parser, one JSON chunk per `data:` event, ending
 * at `data: [DONE]`. An `error` object inside the stream and malformed chunks are failures; so is the end
 * of the body before `[DONE]`.
 */
export class CompletionEventDecoder {
  private readonly utf8 = new TextDecoder('utf-8');
  private readonly parser: EventSourceParser;
  private pieces: string[] = [];
  private failure: StreamFailure | undefined;
  private finished = false;
  private events = 0;

  private textChars = 0;

  constructor(private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {
    this.parser = createParser({
      onEvent: (event) => this.onData(event.data),
      maxBufferSize: limits.maxEventChars,
      onError: (error) => {
        if (error.type !== 'max-buffer-size-exceeded') return;
        this.failure ??= new StreamFailure('oversized', `one event is longer than ${limits.maxEventChars} characters`);
      },
    });
  }

  /** True once `[DONE]` arrived; anything after it is ignored. */
  get done(): boolean {
    return this.finished;
  }

  /** Feeds raw bytes; returns the non-empty text pieces they completed. Throws a StreamFailure on an error event. */
  feed(bytes: Uint8Array): string[] {
    if (this.finished || this.failure) return this.take();
    this.parser.feed(this.utf8.decode(bytes, { stream: true }));
    return this.take();
  }

  /** Call at the end of the body; returns the last pieces, or throws if the stream was incomplete. */
  end(): string[] {
    if (!this.finished && !this.failure) {
      // A last event may lack its blank line; a cut-off JSON chunk there means the stream broke, not a bad server.
      this.parser.feed(`${this.utf8.decode()}\n\n`);
      if ((this.failure as StreamFailure | undefined)?.kind === 'malformed') this.failure = undefined;
    }
    const pieces = this.take();
    if (!this.finished) {
      throw new StreamFailure('incomplete', `the event stream ended without [DONE] after ${this.events} events`);
    }
    return pieces;
  }

  private take(): string[] {
    if (this.failure) throw this.failure;
    const pieces = this.pieces;
    this.pieces = [];
    return pieces;
  }

  private onData(data: string): void {
    if (this.finished || this.failure) return;
    this.events++;
    if (data.trim() === '[DONE]') {
      this.finished = true;
      return;
    }
    let chunk: CompletionChunk;
    try {
      chunk = JSON.parse(data) as CompletionChunk;
    } catch {
      this.failure = new StreamFailure('malformed', `event ${this.events} is not JSON: ${data.slice(0, 120)}`);
      return;
    }
    if (typeof chunk !== 'object' || chunk === null) {
      this.failure = new StreamFailure('malformed', `event ${this.events} is not a JSON object: ${data.slice(0, 120)}`);
      return;
    }
    if (chunk.error !== undefined && chunk.error !== null) {
      const message = errorMessageOf(JSON.stringify({ error: chunk.error })) ?? JSON.stringify(chunk.error);
      this.failure = new StreamFailure('errorEvent', message);
      return;
    }
    if (!Array.isArray(chunk.choices)) {
      this.failure = new StreamFailure('malformed', `event ${this.events} has no "choices": ${data.slice(0, 120)}`);
      return;
    }
    for (const choice of chunk.choices) {
      const text = typeof choice?.text === 'string' ? choice.text : choice?.delta?.content;
      if (typeof text !== 'string' || text === '') continue;
      this.textChars += text.length;
      if (this.textChars > this.limits.maxTextChars) {
        this.failure = new StreamFailure('oversized', `the answer is longer than ${this.limits.maxTextChars} characters`);
        return;
      }
      this.pieces.push(text);
    }
  }
}
