import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quoteLines } from '../src/core/quote/quoteLines.js';
import type { Document } from '../src/core/types.js';
import { SEED_ARTICLE } from './support/workspace.js';

const text = readFileSync(SEED_ARTICLE, 'utf8');
const sourceLines = text.split('\n');
const seed: Document = { id: 'sony-hack', title: sourceLines[0], file: 'sony-hack.txt', text };
const other: Document = { id: 'other', title: 'Other', file: 'other.md', text: 'Other\nSecond line about theater chains.\n' };

describe('quoting by line', () => {
  it('returns the exact lines of a range with their numbers', () => {
    const result = quoteLines([seed], { lines: '27-29' });
    expect(result).toEqual({
      ok: true,
      lines: [27, 28, 29].map((n) => ({ doc: 'sony-hack', n, text: sourceLines[n - 1] })),
    });
    expect(result.ok && result.lines[0].text).toContain('Regal, Cinemark');
  });

  it('returns a single line and accepts spaces and an en dash', () => {
    expect(quoteLines([seed], { lines: '9' })).toEqual({ ok: true, lines: [{ doc: 'sony-hack', n: 9, text: sourceLines[8] }] });
    expect(quoteLines([seed], { lines: ' 3 – 4 ' })).toMatchObject({ ok: true, lines: [{ n: 3 }, { n: 4 }] });
  });

  it.each([
    ['0', /start at 1/],
    ['3-1', /runs backwards; did you mean 1-3/],
    ['99999999999', /past the end of the story \(sony-hack has 37 lines\)/],
    ['1-99999', /more than 100 lines/],
    ['30-40', /past the end/],
    ['1,2', /"1,2" is not a line range/],
    ['-5', /"-5" is not a line range/],
    ['abc', /not a line range/],
  ])('explains what is wrong with %s', (lines, message) => {
    const result = quoteLines([seed], { lines });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('takes lines from every document unless one is chosen', () => {
    const both = quoteLines([seed, other], { lines: '2' });
    expect(both.ok && both.lines.map((l) => l.doc)).toEqual(['sony-hack', 'other']);
    const one = quoteLines([seed, other], { lines: '2', doc: 'other' });
    expect(one.ok && one.lines).toEqual([{ doc: 'other', n: 2, text: 'Second line about theater chains.' }]);
  });

  it('refuses an unknown document id without touching the file system', () => {
    const result = quoteLines([seed], { lines: '1', doc: '../../etc/passwd' });
    expect(result).toEqual({ ok: false, message: 'There is no story called "../../etc/passwd". Stories: sony-hack.' });
  });
});

describe('quoting by phrase', () => {
  it('finds every line holding the phrase, case-insensitive, exact text', () => {
    const result = quoteLines([seed], { text: 'THEATER CHAINS' });
    expect(result).toEqual({ ok: true, lines: [{ doc: 'sony-hack', n: 20, text: sourceLines[19] }] });
  });

  it('matches a phrase that wraps across a line break and returns both lines', () => {
    const result = quoteLines([seed], { text: 'the chains that said it would not show' });
    expect(result.ok && result.lines.map((l) => l.n)).toEqual([27, 28]);
  });

  it('treats regex characters literally and matches curly or straight apostrophes', () => {
    expect(quoteLines([seed], { text: '(.*)' }).ok).toBe(false);
    expect(quoteLines([seed], { text: 'can’t let this go' })).toMatchObject({ ok: true, lines: [{ n: 5 }] });
  });

  it('says so when nothing matches or nothing was asked', () => {
    expect(quoteLines([seed], { text: 'zebra crossing' })).toEqual({ ok: false, message: 'No line of the story contains "zebra crossing".' });
    expect(quoteLines([seed], {})).toMatchObject({ ok: false, message: expect.stringMatching(/which lines to quote/) });
    expect(quoteLines([seed], { text: '   ' })).toMatchObject({ ok: false });
    expect(quoteLines([seed], { lines: '3', text: 'Sony' })).toMatchObject({ ok: false, message: expect.stringMatching(/not both/) });
  });
});
