/** A small seeded PRNG (mulberry32), so generated inputs are the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function integer(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

const WORDS = ['the', 'house', 'is', 'wonderful', 'Grüße', 'aus', 'München', '🍕', '寿司', 'naïve', 'Donaudampfschifffahrt', 'x', '3.14', 'e.g.', 'a<b', '—'];

/** Random prose: words, sentences ending in . ! ? …, single and double line breaks, odd whitespace. */
export function prose(random: () => number, words: number): string {
  let text = '';
  for (let i = 0; i < words; i++) {
    text += pick(random, WORDS);
    const r = random();
    if (r < 0.08) text += pick(random, ['. ', '! ', '? ', '… ', '." ', '.\n']);
    else if (r < 0.1) text += pick(random, ['.\n\n', '\n\n', '\n  \n', '.\r\n\r\n', '。']);
    else if (r < 0.12) text += pick(random, ['  ', '\t', ', ']);
    else text += ' ';
  }
  return text;
}
