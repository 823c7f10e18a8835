import { describe, expect, it } from 'vitest';
import { SpellingCorrector, withinOneEdit } from '../src/core/query/spelling.js';

describe('one edit apart', () => {
  it.each([
    ['interview', 'intervew', true],
    ['chain', 'chian', true],
    ['order', 'orderd', true],
    ['nation', 'naton', true],
    ['regal', 'regel', true],
    ['same', 'same', true],
    ['interview', 'intrvew', false],
    ['chain', 'chains!', false],
    ['nation', 'notion!', false],
    ['abcd', 'badc', false],
  ])('%s, %s: %s', (a, b, apart) => {
    expect(withinOneEdit(a, b)).toBe(apart);
    expect(withinOneEdit(b, a)).toBe(apart);
  });
});

describe('a slip of the keyboard in a question', () => {
  const terms = ['interview', 'chain', 'cinema', 'cinemas', 'regal'];
  const frequency = [3, 5, 1, 4, 2];
  const known = new Set(['cinemax', 'legal']);
  const corrector = new SpellingCorrector(terms, frequency, (word) => known.has(word));
  const ranks = new Map([['happened', 900], ['happens', 1200], ['receive', 2000], ['regale', 30000]]);
  const common = new SpellingCorrector(terms, frequency, (word) => ranks.has(word), (word) => ranks.get(word) ?? -1);

  it('is taken for the story term one edit away', () => {
    expect(corrector.correct('intervew', 'intervew')).toBe(0);
    expect(corrector.correct('chians', 'chian')).toBe(1);
    expect(corrector.correct('regel', 'regel')).toBe(4);
  });

  it('of two terms as close, is taken for the commoner', () => {
    expect(corrector.correct('cinemaas', 'cinemaa')).toBe(3);
    const reversed = new SpellingCorrector(terms, [3, 5, 4, 1, 2], () => false);
    expect(reversed.correct('cinemaas', 'cinemaa')).toBe(2);
  });

  it('leaves numbers as written: one digit off is another number', () => {
    const amounts = new SpellingCorrector(['12500', 'dollar'], [1, 1], () => false);
    expect(amounts.correct('12600', '12600')).toBeUndefined();
    expect(amounts.correct('dolar', 'dolar')).toBe(1);
  });

  it('is taken for the commonest known word one edit away when no story term is', () => {
    const correct = common.wordCorrector(10);
    expect(correct('happend')).toBe('happened');
    expect(correct('recieve')).toBe('receive');
    // of two words one edit away, the commoner
    const reversed = new SpellingCorrector(terms, frequency, (word) => ranks.has(word), (word) => (word === 'happens' ? 1 : (ranks.get(word) ?? -1)));
    expect(reversed.wordCorrector(1)('happend')).toBe('happens');
    // a story term one edit away is meant before any other word
    expect(correct('regel')).toBeUndefined();
    // known, short or capitalized words, and words with no common word near, are as written
    expect(correct('happens')).toBeUndefined();
    expect(correct('hapen')).toBeUndefined();
    expect(correct('Happend')).toBeUndefined();
    expect(correct('zzzzzz')).toBeUndefined();
  });

  it('looks for at most the slips it is given in one question', () => {
    const correct = common.wordCorrector(2);
    expect(correct('zzzzzz')).toBeUndefined();
    // known words cost nothing
    expect(correct('happens')).toBeUndefined();
    expect(correct('happend')).toBe('happened');
    expect(correct('recieve')).toBeUndefined();
  });

  it('is no slip when it is a known word, a short word or far from every term', () => {
    expect(corrector.correct('cinemax', 'cinemax')).toBeUndefined();
    expect(corrector.correct('legal', 'legal')).toBeUndefined();
    expect(corrector.correct('chan', 'chan')).toBeUndefined();
    expect(corrector.correct('thinkpad', 'thinkpad')).toBeUndefined();
  });
});
