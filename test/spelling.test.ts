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

  it('is no slip when it is a known word, a short word or far from every term', () => {
    expect(corrector.correct('cinemax', 'cinemax')).toBeUndefined();
    expect(corrector.correct('legal', 'legal')).toBeUndefined();
    expect(corrector.correct('chan', 'chan')).toBeUndefined();
    expect(corrector.correct('thinkpad', 'thinkpad')).toBeUndefined();
  });
});
