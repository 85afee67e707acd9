import { strict as assert } from 'node:assert';
import { assemble, planTranslation } from '../../../src/core/translate/chunking';
import { estimateTokens, MIN_TEXT_BUDGET, textBudget, T5_MAX_TOKENS } from '../../../src/core/translate/tokenBudget';
import { countTokens } from '../../simulator';
import { integer, prose, seeded } from './random';

describe('translate: token estimate and budget', () => {
  it('never estimates fewer tokens than the simulated T5 counts, on generated text', () => {
    const random = seeded(3);
    for (let i = 0; i < 300; i++) {
      const text = prose(random, integer(random, 0, 80));
      assert.ok(estimateTokens(text) >= countTokens(text), JSON.stringify(text));
    }
    assert.ok(estimateTokens('translate English to German: The house is wonderful.') >= 10);
  });

  it('is subadditive, so the estimates of parts can be summed', () => {
    const random = seeded(4);
    for (let i = 0; i < 300; i++) {
      const a = prose(random, integer(random, 0, 10));
      const b = prose(random, integer(random, 0, 10));
      assert.ok(estimateTokens(a + b) <= estimateTokens(a) + estimateTokens(b), JSON.stringify([a, b]));
    }
  });

  it('counts whitespace as free and every emoji code point and CJK character as one', () => {
    assert.equal(estimateTokens('   \n\t '), 0);
    assert.equal(estimateTokens('寿司'), 2);
    assert.equal(estimateTokens('👩‍👩‍👧'), 5);
    assert.equal(estimateTokens('wonderful'), 3);
  });

  it('leaves room for the prefix, the end-of-sequence token and max_tokens, and caps the text at max_tokens', () => {
    const prefix = 'translate English to German: ';
    const budget = textBudget(prefix, 256);
    assert.equal(budget, T5_MAX_TOKENS - 256 - estimateTokens(prefix) - 1);
    assert.ok(budget + 256 + estimateTokens(prefix) < T5_MAX_TOKENS);
    assert.equal(textBudget(prefix, 100), 100);
  });

  it('refuses a max_tokens that leaves no useful room, naming the setting', () => {
    assert.throws(() => textBudget('summarize: ', 500), /kserve\.translate\.maxTokens/);
    assert.throws(() => textBudget('summarize: ', MIN_TEXT_BUDGET - 1), /too small/);
  });
});

describe('translate: splitting long text', () => {
  const identity = (plan: ReturnType<typeof planTranslation>) => assemble(plan, plan.parts);

  it('keeps a short selection as one part and its surrounding whitespace exactly', () => {
    const plan = planTranslation('  \n The house is wonderful. \n\n', 200);
    assert.deepEqual(plan.parts, ['The house is wonderful.']);
    assert.deepEqual(plan.segments[0], { kind: 'keep', text: '  \n ' });
    assert.equal(assemble(plan, ['Das Haus ist wunderbar.']), '  \n Das Haus ist wunderbar. \n\n');
  });

  it('sends each paragraph on its own and keeps the blank lines between them verbatim', () => {
    const text = 'First one.\n\nSecond one.  \n \r\n\tThird one.';
    const plan = planTranslation(text, 200);
    assert.deepEqual(plan.parts, ['First one.', 'Second one.', 'Third one.']);
    assert.equal(assemble(plan, ['A', 'B', 'C']), 'A\n\nB  \n \r\n\tC');
  });

  it('keeps single line breaks inside a paragraph', () => {
    assert.deepEqual(planTranslation('line one\nline two', 200).parts, ['line one\nline two']);
  });

  it('splits a long paragraph on sentence ends and keeps the spaces between parts', () => {
    const sentence = 'The house is wonderful and very large.';
    const text = Array.from({ length: 12 }, () => sentence).join('  ');
    const budget = estimateTokens(sentence) * 3;
    const plan = planTranslation(text, budget);
    assert.equal(plan.parts.length, 4);
    for (const part of plan.parts) assert.equal(part, [sentence, sentence, sentence].join('  '));
    assert.equal(identity(plan), text);
  });

  it('splits a sentence longer than the budget on words, and a word longer than the budget on characters', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const wordPlan = planTranslation(words, 20);
    assert.ok(wordPlan.parts.length > 1);
    for (const part of wordPlan.parts) assert.ok(estimateTokens(part) <= 20);
    assert.equal(identity(wordPlan), words);
    const long = 'x'.repeat(200) + '🍕'.repeat(30);
    const longPlan = planTranslation(long, 16);
    for (const part of longPlan.parts) assert.ok(estimateTokens(part) <= 16, part);
    assert.equal(identity(longPlan), long);
  });

  it('splits CJK text after full stops', () => {
    const text = '寿司が好きです。'.repeat(10);
    const plan = planTranslation(text, 20);
    assert.ok(plan.parts.length > 1);
    assert.ok(plan.parts.every((part) => part.endsWith('。')));
    assert.equal(identity(plan), text);
  });

  it('rebuilds 400 generated texts exactly, with every part within budget and free of outer whitespace', () => {
    const random = seeded(11);
    for (let round = 0; round < 400; round++) {
      const text = (random() < 0.3 ? ' \n' : '') + prose(random, integer(random, 0, 400)) + (random() < 0.3 ? '\n\n ' : '');
      const budget = integer(random, MIN_TEXT_BUDGET, 120);
      const plan = planTranslation(text, budget);
      assert.equal(identity(plan), text, `round ${round}`);
      for (const part of plan.parts) {
        assert.ok(estimateTokens(part) <= budget, `part over budget ${budget}: ${JSON.stringify(part)}`);
        assert.equal(part, part.trim(), `part with outer whitespace: ${JSON.stringify(part)}`);
        assert.ok(!/\n[ \t]*\r?\n/.test(part), `part spans a paragraph break: ${JSON.stringify(part)}`);
      }
      assert.deepEqual(plan.segments.filter((s) => s.kind === 'translate').map((s) => s.text), plan.parts);
      assert.ok(plan.segments.every((s, i) => i === 0 || s.kind !== 'keep' || plan.segments[i - 1].kind !== 'keep'), 'adjacent keeps are merged');
    }
  });

  it('writes translations in the place of their parts', () => {
    const plan = planTranslation('One.\n\nTwo. Three.', 3);
    assert.equal(assemble(plan, plan.parts.map((_, i) => `<${i}>`)), '<0>\n\n<1> <2>');
  });

  it('plans nothing for whitespace', () => {
    const plan = planTranslation(' \n\t ', 100);
    assert.deepEqual(plan.parts, []);
    assert.equal(assemble(plan, []), ' \n\t ');
  });
});
