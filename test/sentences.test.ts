import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences, sentenceText } from '../src/core/text/sentences.js';
import { contentTerms } from '../src/core/text/terms.js';
import { SEED_ARTICLE } from './support/workspace.js';

const article = readFileSync(SEED_ARTICLE, 'utf8');

function split(text: string): { kind: string; lines: [number, number]; text: string }[] {
  return splitSentences(text).map((s) => ({ kind: s.kind, lines: [s.startLine, s.endLine], text: sentenceText(text, s) }));
}

describe('sentence splitting of the seed article', () => {
  const sentences = split(article);

  it('finds every sentence with its exact source lines', () => {
    expect(sentences.map((s) => [s.kind, ...s.lines, s.text.slice(0, 40)])).toEqual([
      ['title', 1, 1, 'North Korea Behind Sony Hack: U.S. Offic'],
      ['caption', 2, 2, 'Pic: North Korean dictator Kim Jong Un w'],
      ['body', 3, 5, 'U.S. officials have concluded that the N'],
      ['body', 6, 8, 'The officials told NBC News the hacking '],
      ['body', 9, 9, '"We have found linkage to the North Kore'],
      ['body', 10, 12, 'An official said the U.S. is discussing '],
      ['body', 13, 17, 'The security breach embarrassed several '],
      ['body', 17, 17, 'Amid fallout from the Sony hack, a New R'],
      ['body', 18, 22, 'Sony on Wednesday dropped its plans to r'],
      ['body', 23, 27, '"Sony Pictures has been the victim of an'],
      ['body', 27, 29, 'Regal, Cinemark, Carmike and Cineplex we'],
      ['body', 30, 33, 'The White House National Security Counci'],
      ['body', 33, 35, '"The United States respects artists\' and'],
      ['body', 35, 36, '… We take very seriously any attempt to '],
    ]);
  });

  it('keeps each sentence whole, ending inside its closing quote', () => {
    expect(sentences[2].text).toMatch(/^U\.S\. officials .* "can't let this go unanswered\."$/);
    expect(sentences[7].text).toBe(
      'Amid fallout from the Sony hack, a New Regency film tentatively titled "Pyongyang" and starring Steve Carell "will not be moving forward."',
    );
    expect(sentences[10].text).toBe(
      'Regal, Cinemark, Carmike and Cineplex were among the chains that said it would not show the film on the planned Dec. 25 premiere, citing security concerns.',
    );
  });

  it('joins wrapped lines with single spaces and drops the trailing "Comments"', () => {
    expect(sentences.every((s) => !s.text.includes('\n') && !s.text.includes('  '))).toBe(true);
    expect(sentences.some((s) => s.text.includes('Comments'))).toBe(false);
  });

  it('offsets point at the exact source text', () => {
    for (const s of splitSentences(article)) {
      expect(article.slice(s.start, s.end).replace(/\n/g, ' ')).toBe(sentenceText(article, s));
      expect(article.slice(0, s.start).split('\n').length).toBe(s.startLine);
    }
  });
});

describe('sentence splitting rules', () => {
  const body = (text: string): string[] => split(`Title\n${text}`).filter((s) => s.kind === 'body').map((s) => s.text);

  it('does not split after abbreviations and initials', () => {
    expect(body('Mr. Smith met Dr. Jones on St. Mark\'s Place in the U.S. on Dec. 5. They talked.')).toEqual([
      "Mr. Smith met Dr. Jones on St. Mark's Place in the U.S. on Dec. 5.",
      'They talked.',
    ]);
    expect(body('J. R. R. Tolkien wrote it. Then he slept.')).toEqual(['J. R. R. Tolkien wrote it.', 'Then he slept.']);
  });

  it('ends sentences inside closing quotes and after ! and ?', () => {
    expect(body('He said "stop." She left! Did he follow? No.')).toEqual(['He said "stop."', 'She left!', 'Did he follow?', 'No.']);
    expect(body('“It is over,” she said. “Go home.” He went.')).toEqual(['“It is over,” she said.', '“Go home.”', 'He went.']);
  });

  it('treats em dashes as inside a sentence and the ellipsis as an end before a capital', () => {
    expect(body('The film — a comedy — was pulled. Nobody knew… Then it returned.')).toEqual([
      'The film — a comedy — was pulled.',
      'Nobody knew…',
      'Then it returned.',
    ]);
    expect(body('It waited … and then it went on.')).toEqual(['It waited … and then it went on.']);
  });

  it('does not split inside numbers or before lowercase words', () => {
    expect(body('It cost 3.5 million. e.g. this stays. Prices rose 2.5%.')).toEqual(['It cost 3.5 million. e.g. this stays.', 'Prices rose 2.5%.']);
  });

  it('ends a sentence at a blank line even without punctuation', () => {
    expect(body('A heading without a period\n\nThe next paragraph.')).toEqual(['A heading without a period', 'The next paragraph.']);
  });

  it('marks the first line as title and Pic: lines as captions, and drops trailing boilerplate', () => {
    const sentences = split('My Title\nPic: A photo\nBody one.\nPhoto: Another\nBody two.\n\nAdvertisement\nComments\n');
    expect(sentences.map((s) => [s.kind, s.text])).toEqual([
      ['title', 'My Title'],
      ['caption', 'Pic: A photo'],
      ['body', 'Body one.'],
      ['caption', 'Photo: Another'],
      ['body', 'Body two.'],
    ]);
  });

  it('keeps a word like "Comments" that is not at the end', () => {
    expect(body('Comments\nReaders wrote in.')).toEqual(['Comments Readers wrote in.']);
  });
});

describe('terms', () => {
  it('matches the forms of a word and keeps different words apart', () => {
    expect(contentTerms('hacked hacking hacks')).toEqual(['hack', 'hack', 'hack']);
    expect(contentTerms("Sony's studios")).toEqual(contentTerms('Sony studio'));
    expect(contentTerms('U.S. officials')).toEqual(['u.s', ...contentTerms('official')]);
    // news is not new, generals are not generic
    expect(contentTerms('news')).not.toEqual(contentTerms('new'));
    expect(contentTerms('generals')).not.toEqual(contentTerms('generic'));
    // an adverb is not the word its stem belongs to: originally is not originated, personally not person
    expect(contentTerms('originally')).not.toEqual(contentTerms('originated'));
    expect(contentTerms('personally')).not.toEqual(contentTerms('person'));
    expect(contentTerms('family')).toEqual(contentTerms('families'));
    // stop words and question words are no evidence
    expect(contentTerms('Who said what to whom?')).toEqual([]);
    // prepositions place things; they say nothing of what the thing is
    expect(contentTerms('alongside the generals, near the border')).toEqual(contentTerms('generals border'));
  });
});
