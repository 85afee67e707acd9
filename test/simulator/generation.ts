import { generateOutputText } from './outputText';
import { splitIntoPieces } from './tokens';
import type { SimulatedBackend } from './types';

export type FinishReason = 'length' | 'stop';

export interface GeneratedChoice {
  pieces: string[];
  /** The finish reason the backend reports when the choice is complete. */
  finishReason: FinishReason;
  /** The stop sequence that ended generation, if one did. */
  stopSequence: string | null;
  /** True when generation ended by itself (not by max_tokens, not by a stop sequence). */
  naturalEnd: boolean;
}

export const LEGACY_END_OF_SEQUENCE = '</s>';

function firstStopSequence(text: string, stop: readonly string[]): { sequence: string; at: number } | undefined {
  let found: { sequence: string; at: number } | undefined;
  for (const sequence of stop) {
    const at = sequence === '' ? -1 : text.indexOf(sequence);
    if (at >= 0 && (found === undefined || at < found.at)) found = { sequence, at };
  }
  return found;
}

/**
 * Hugging Face keeps the pieces up to and including the one that completed a stop sequence;
 * vLLM cuts the text right before the stop sequence.
 */
function applyStop(pieces: string[], stop: readonly string[], backend: SimulatedBackend) {
  let text = '';
  for (let index = 0; index < pieces.length; index++) {
    text += pieces[index];
    const hit = firstStopSequence(text, stop);
    if (!hit) continue;
    return {
      pieces: backend === 'huggingface' ? pieces.slice(0, index + 1) : splitIntoPieces(text.slice(0, hit.at)),
      sequence: hit.sequence,
    };
  }
  return undefined;
}

export function generateChoice(
  prompt: string,
  maxTokens: number,
  stop: readonly string[],
  backend: SimulatedBackend,
): GeneratedChoice {
  const allPieces = splitIntoPieces(generateOutputText(prompt));
  const truncated = allPieces.length > maxTokens;
  const limited = allPieces.slice(0, maxTokens);
  const stopped = applyStop(limited, stop, backend);
  if (stopped) {
    return { pieces: stopped.pieces, finishReason: 'stop', stopSequence: stopped.sequence, naturalEnd: false };
  }
  const finishReason: FinishReason = backend === 'huggingface' || truncated ? 'length' : 'stop';
  return { pieces: limited, finishReason, stopSequence: null, naturalEnd: !truncated };
}

/** Pieces as a pre-v0.16 server streamed them: `</s>` ends the last piece when generation ended by itself. */
export function withLegacySpecialTokens(choice: GeneratedChoice): string[] {
  if (!choice.naturalEnd) return choice.pieces;
  if (choice.pieces.length === 0) return [LEGACY_END_OF_SEQUENCE];
  const pieces = [...choice.pieces];
  pieces[pieces.length - 1] += LEGACY_END_OF_SEQUENCE;
  return pieces;
}

/** Pieces of the `manyChunks` scenario: "tok0 ", "tok1 ", ... */
export function numberedPieces(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `tok${index} `);
}
