import { strict as assert } from 'node:assert';
import { countTokens, splitIntoPieces } from '../../simulator/tokens';
import { DOCS_EXAMPLE_PROMPT, generateOutputText, KNOWN_OUTPUTS } from '../../simulator/outputText';
import { generateChoice, withLegacySpecialTokens } from '../../simulator/generation';

describe('simulator token counting', () => {
  it('counts words and punctuation marks of the docs example as T5 pieces', () => {
    assert.equal(countTokens(DOCS_EXAMPLE_PROMPT), 10);
  });

  it('counts one token per started ten code points of a long word', () => {
    assert.equal(countTokens('wonderful'), 1);
    assert.equal(countTokens('Donaudampfschifffahrt'), 3);
  });

  it('counts every CJK character, emoji and symbol separately and ignores whitespace', () => {
    assert.equal(countTokens('寿司'), 2);
    assert.equal(countTokens('🍕 !'), 2);
    assert.equal(countTokens('  \n\t '), 0);
    assert.equal(countTokens('Grüße'), 1);
  });
});

describe('simulator output pieces', () => {
  it('splits the docs example answer into the documented pieces', () => {
    assert.deepEqual(splitIntoPieces('Das Haus ist wunderbar.'), ['Das ', 'Haus ', 'ist ', 'wunderbar.']);
  });

  it('keeps newlines with the piece before them and makes each CJK character a piece', () => {
    assert.deepEqual(splitIntoPieces('eins\n\nzwei 寿司'), ['eins\n\n', 'zwei ', '寿', '司']);
  });
});

describe('simulator output text', () => {
  it('answers the docs example with the documented translation', () => {
    assert.equal(generateOutputText(DOCS_EXAMPLE_PROMPT), 'Das Haus ist wunderbar.');
    assert.equal(generateOutputText(`  ${DOCS_EXAMPLE_PROMPT}\n`), 'Das Haus ist wunderbar.');
  });

  it('has known outputs with multi-byte characters', () => {
    const outputs = Object.values(KNOWN_OUTPUTS);
    assert.ok(outputs.includes('Liebe Grüße aus München.'));
    assert.ok(outputs.some((output) => /\p{Extended_Pictographic}/u.test(output)));
  });

  it('echoes an unknown translation behind the target language marker, in order', () => {
    assert.equal(generateOutputText('translate English to German: one two\nthree  '), '[de] one two\nthree');
    assert.equal(generateOutputText('translate English to Klingon: Qapla'), '[kl] Qapla');
  });

  it('marks summaries and prompts without a task prefix', () => {
    assert.equal(generateOutputText('summarize: a b c'), '[summary] a b c');
    assert.equal(generateOutputText('just text'), '[t5] just text');
  });

  it('produces nothing for an empty text after the prefix and ignores prototype names', () => {
    assert.equal(generateOutputText('translate English to German:   '), '');
    assert.equal(generateOutputText('constructor'), '[t5] constructor');
  });
});

describe('simulator generation rules', () => {
  it('truncates to max_tokens pieces and reports length on both backends', () => {
    const choice = generateChoice('translate English to German: a b c d e', 3, [], 'vllm');
    assert.deepEqual(choice.pieces, ['[de] ', 'a ', 'b ']);
    assert.equal(choice.finishReason, 'length');
    assert.equal(choice.naturalEnd, false);
  });

  it('reports a natural end as length on Hugging Face and stop on vLLM', () => {
    assert.equal(generateChoice(DOCS_EXAMPLE_PROMPT, 16, [], 'huggingface').finishReason, 'length');
    assert.equal(generateChoice(DOCS_EXAMPLE_PROMPT, 16, [], 'vllm').finishReason, 'stop');
  });

  it('keeps the piece with the stop sequence on Hugging Face and cuts before it on vLLM', () => {
    const huggingface = generateChoice(DOCS_EXAMPLE_PROMPT, 16, ['ist'], 'huggingface');
    assert.deepEqual(huggingface.pieces, ['Das ', 'Haus ', 'ist ']);
    assert.equal(huggingface.finishReason, 'stop');
    const vllm = generateChoice(DOCS_EXAMPLE_PROMPT, 16, ['ist'], 'vllm');
    assert.deepEqual(vllm.pieces, ['Das ', 'Haus ']);
    assert.equal(vllm.stopSequence, 'ist');
  });

  it('adds </s> to the last legacy piece only after a natural end', () => {
    assert.deepEqual(withLegacySpecialTokens(generateChoice(DOCS_EXAMPLE_PROMPT, 16, [], 'huggingface')).at(-1), 'wunderbar.</s>');
    assert.deepEqual(withLegacySpecialTokens(generateChoice(DOCS_EXAMPLE_PROMPT, 2, [], 'huggingface')), ['Das ', 'Haus ']);
  });
});
