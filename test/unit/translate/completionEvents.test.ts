import { strict as assert } from 'node:assert';
import { StreamFailure } from '../../../src/core/translate/inferenceErrors';
import { CompletionEventDecoder } from '../../../src/infra/http/completionEvents';
import { integer, seeded } from './random';

const encoder = new TextEncoder();

function chunkEvent(text: string, extra: Record<string, unknown> = {}): string {
  const chunk = { id: 'cmpl-1', object: 'text_completion', created: 1, model: 't5', choices: [{ index: 0, text, logprobs: null, finish_reason: 'length', ...extra }] };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

function streamOf(pieces: string[], ending = 'data: [DONE]\n\n'): Uint8Array {
  return encoder.encode(pieces.map((p) => chunkEvent(p)).join('') + ending);
}

/** Decodes `bytes` fed in slices cut at `cuts`; returns the pieces joined, or the failure. */
function decode(bytes: Uint8Array, cuts: number[] = []): string {
  const decoder = new CompletionEventDecoder();
  let text = '';
  let last = 0;
  for (const cut of [...cuts, bytes.length]) {
    text += decoder.feed(bytes.subarray(last, cut)).join('');
    last = cut;
  }
  return text + decoder.end().join('');
}

function failureOf(run: () => unknown): StreamFailure {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof StreamFailure, `expected a StreamFailure, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a failure');
}

describe('translate: completion event decoder', () => {
  const pieces = ['Liebe ', 'Grüße ', 'aus ', 'München ', '🍕 ', '寿司', '\n', 'naïve “quotes” ', 'wunderbar.</s>'];
  const expected = pieces.join('');

  it('joins the text of every chunk until [DONE]', () => {
    assert.equal(decode(streamOf(pieces)), expected);
  });

  it('gives the same text when the stream is split at every byte boundary, inside multi-byte UTF-8 too', () => {
    const bytes = streamOf(pieces);
    for (let cut = 0; cut <= bytes.length; cut++) assert.equal(decode(bytes, [cut]), expected, `cut at byte ${cut}`);
  });

  it('gives the same text for 500 random multi-way splits, and byte by byte', () => {
    const bytes = streamOf(pieces);
    const random = seeded(42);
    for (let round = 0; round < 500; round++) {
      const cuts = [...new Set(Array.from({ length: integer(random, 1, 40) }, () => integer(random, 0, bytes.length)))].sort((a, b) => a - b);
      assert.equal(decode(bytes, cuts), expected, `cuts ${cuts.join(',')}`);
    }
    assert.equal(decode(bytes, Array.from({ length: bytes.length }, (_, i) => i)), expected);
  });

  it('accepts CRLF framing, comments, a final event without the blank line, and ignores data after [DONE]', () => {
    const body = `: keep-alive\r\n\r\n${chunkEvent('Das ').replace(/\n/g, '\r\n')}${chunkEvent('Haus')}data: [DONE]`;
    assert.equal(decode(encoder.encode(body)), 'Das Haus');
    assert.equal(decode(encoder.encode(`${chunkEvent('a')}data: [DONE]\n\n${chunkEvent('b')}`)), 'a');
  });

  it('skips the usage chunk with no choices and reads chat deltas', () => {
    const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3 } })}\n\n`;
    const delta = `data: ${JSON.stringify({ choices: [{ delta: { content: 'Hallo' } }] })}\n\n`;
    assert.equal(decode(encoder.encode(`${delta}${usage}data: [DONE]\n\n`)), 'Hallo');
  });

  it('treats the end of the body without [DONE] as incomplete', () => {
    const failure = failureOf(() => decode(streamOf(['Das ', 'Haus '], '')));
    assert.equal(failure.kind, 'incomplete');
  });

  it('turns a data: {"error": ...} event into a stream error carrying its message', () => {
    const body = `${chunkEvent('Das ')}data: {"error": {"object": "error", "message": "CUDA out of memory", "code": 500}}\n\ndata: [DONE]\n\n`;
    const failure = failureOf(() => decode(encoder.encode(body)));
    assert.equal(failure.kind, 'errorEvent');
    assert.equal(failure.message, 'CUDA out of memory');
  });

  it('rejects events that are not completion chunks', () => {
    assert.equal(failureOf(() => decode(encoder.encode('data: <html>\n\n'))).kind, 'malformed');
    assert.equal(failureOf(() => decode(encoder.encode('data: {"object": "x"}\n\n'))).kind, 'malformed');
    assert.equal(failureOf(() => decode(encoder.encode('data: 42\n\n'))).kind, 'malformed');
  });

  it('gives up on one endless event once the parser holds its limit, without buffering more', () => {
    const decoder = new CompletionEventDecoder({ maxEventChars: 64 * 1024, maxTextChars: 1 << 20 });
    const block = encoder.encode('x'.repeat(16 * 1024));
    let failure: unknown;
    decoder.feed(encoder.encode('data: '));
    for (let i = 0; i < 64 && !failure; i++) {
      try {
        decoder.feed(block);
      } catch (err) {
        failure = err;
      }
    }
    assert.ok(failure instanceof StreamFailure && failure.kind === 'oversized', String(failure));
    assert.match(failure.message, /longer than 65536 characters/);
    assert.throws(() => decoder.feed(block), (err: StreamFailure) => err.kind === 'oversized', 'stays failed');
  });

  it('stops an answer that grows past the text limit', () => {
    const decoder = new CompletionEventDecoder({ maxEventChars: 1 << 20, maxTextChars: 100 });
    assert.equal(decoder.feed(encoder.encode(chunkEvent('a'.repeat(60)))).join(''), 'a'.repeat(60));
    assert.throws(() => decoder.feed(encoder.encode(chunkEvent('b'.repeat(60)))),
      (err: StreamFailure) => err.kind === 'oversized' && /longer than 100 characters/.test(err.message));
  });

  it('has default limits far above a real answer', () => {
    assert.equal(decode(streamOf(Array.from({ length: 2000 }, () => 'Wort '))), 'Wort '.repeat(2000));
  });
});

