import { strict as assert } from 'node:assert';
import { couldBeSpecialTokenStart, normalizeT5Output, T5OutputNormalizer } from '../../../src/core/translate/t5Output';
import { integer, seeded } from './random';

/** Feeds `text` cut at the given offsets and returns what the normalizer shows. */
function streamed(text: string, cuts: number[]): string {
  const normalizer = new T5OutputNormalizer();
  let out = '';
  let last = 0;
  for (const cut of [...cuts, text.length]) {
    out += normalizer.push(text.slice(last, cut));
    last = cut;
  }
  return out + normalizer.end();
}

describe('translate: T5 output normalizer', () => {
  it('strips the end-of-sequence token of the docs example', () => {
    assert.equal(normalizeT5Output(['Das ', 'Haus ', 'ist ', 'wunderbar.</s>']), 'Das Haus ist wunderbar.');
  });

  it('strips </s> split over two and over four pieces', () => {
    assert.equal(normalizeT5Output(['Das Haus ist wunderbar.</', 's>']), 'Das Haus ist wunderbar.');
    assert.equal(normalizeT5Output(['wunderbar.<', '/', 's', '>']), 'wunderbar.');
  });

  it('strips <pad>, <unk> and sentinel tokens and the space a leading <pad> leaves', () => {
    assert.equal(normalizeT5Output(['<pad> Das ', 'Haus<unk> ist', ' <extra_id_0> ', 'gut</s>']), 'Das Haus ist gut');
    assert.equal(normalizeT5Output(['<pa', 'd>', ' Hallo']), 'Hallo');
  });

  it('collapses the double space a removed token leaves between words', () => {
    assert.equal(normalizeT5Output(['Haus ', '<unk>', ' ist']), 'Haus ist');
    assert.equal(normalizeT5Output(['Haus <unk> ist']), 'Haus ist');
  });

  it('keeps text that only looks like the start of a token', () => {
    assert.equal(normalizeT5Output(['a <', ' b']), 'a < b');
    assert.equal(normalizeT5Output(['x <', '/b>']), 'x </b>');
    assert.equal(normalizeT5Output(['ends with <']), 'ends with <');
    assert.equal(normalizeT5Output(['<extra_id_', 'x>']), '<extra_id_x>');
  });

  it('turns SentencePiece markers into spaces and trims the ends', () => {
    assert.equal(normalizeT5Output(['\u2581Das', '\u2581Haus', '\u2581ist ']), 'Das Haus ist');
    assert.equal(normalizeT5Output(['  \n', ' Hallo  ', '\n ']), 'Hallo');
  });

  it('never emits whitespace that the end of the stream would take back', () => {
    const normalizer = new T5OutputNormalizer();
    const shown = ['Das ', 'Haus ', 'ist '].map((p) => normalizer.push(p));
    assert.deepEqual(shown, ['Das', ' Haus', ' ist']);
    assert.equal(normalizer.end(), '');
  });

  it('recognizes partial tokens exactly', () => {
    for (const partial of ['<', '</', '</s', '<p', '<pa', '<pad', '<u', '<un', '<unk', '<e', '<extra_id_', '<extra_id_12']) {
      assert.ok(couldBeSpecialTokenStart(partial), partial);
    }
    for (const other of ['<b', '</b', '<pads', '<extra_id_1x', '<x']) assert.ok(!couldBeSpecialTokenStart(other), other);
  });

  it('gives the same text for every way of cutting 300 generated outputs', () => {
    const random = seeded(7);
    const fragments = ['Das', ' Haus', ' ist', ' wunderbar.', '</s>', '<pad>', ' <unk>', ' Grüße', ' 🍕', '<', ' a<b', '  ', '\u2581x', '<extra_id_3>'];
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: integer(random, 1, 10) }, () => fragments[integer(random, 0, fragments.length - 1)]).join('');
      const expected = streamed(text, []);
      assert.ok(!/<\/s>|<pad>|<unk>|<extra_id_\d+>/.test(expected), `special token left in ${JSON.stringify(expected)}`);
      assert.equal(expected, expected.trim());
      for (let cut = 1; cut < text.length; cut++) assert.equal(streamed(text, [cut]), expected, `${JSON.stringify(text)} cut at ${cut}`);
      const cuts = [...new Set(Array.from({ length: 4 }, () => integer(random, 0, text.length)))].sort((a, b) => a - b);
      assert.equal(streamed(text, cuts), expected, `${JSON.stringify(text)} cut at ${cuts}`);
    }
  });
});
