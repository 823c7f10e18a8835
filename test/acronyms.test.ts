import { describe, expect, it } from 'vitest';
import { analyzeCorpus, type AnalyzedCorpus } from '../src/core/index/analyzeCorpus.js';
import { Acronyms } from '../src/core/query/acronyms.js';

/** Initials over `corpus`, its headlines and captions set apart from the running text as the retriever sets them. */
const acronymsOf = (corpus: AnalyzedCorpus, known: (word: string) => boolean) =>
  new Acronyms(corpus, known, (docIndex) => corpus.sentences.filter((sentence) => sentence.docIndex === docIndex && sentence.kind !== 'body'));

const text = [
  'Harbor News Of The Week',
  '',
  'The Harbor Master closed the north pier on Monday, and the Harbor Master said why.',
  'Fishing crews from Port Elston moved their boats; the Pier Authority agreed.',
  'A storm from Port Elston had cracked the Pier Authority beams.',
  'Pier Association members met the Port Ellis Council and the West Bay Harbor Trust.',
].join('\n');
const story = (body: string) => analyzeCorpus([{ id: 's', title: 'Story', file: 's.txt', text: `Story\n\n${body}\n` }]);
const acronyms = acronymsOf(analyzeCorpus([{ id: 'harbor', title: 'Harbor News Of The Week', file: 'harbor.txt', text }]), (word) => word === 'hm');

describe('initials of a story name in a question', () => {
  it('are read as the commonest name the running text gives them', () => {
    // Port Elston twice, Port Ellis (of the Port Ellis Council) once; Pier Authority twice, Pier Association once.
    expect(acronyms.expand('Why did the PE crews move?')).toBe('Why did the Port Elston crews move?');
    expect(acronyms.expand('What did the PA say?')).toBe('What did the Pier Authority say?');
    expect(acronyms.expand('Who chairs the PEC?')).toBe('Who chairs the Port Ellis Council?');
  });

  it('stand for no name when two as common names share them', () => {
    const shared = acronymsOf(story('The Port Authority met the Pier Administration.'), () => false);
    expect(shared.expand('Who is PA?')).toBe('Who is PA?');
  });

  it('count a name from where it starts or up to where it ends, not from its middle', () => {
    expect(acronyms.expand('Did the HT meet?')).toBe('Did the Harbor Trust meet?');
    expect(acronyms.expand('Did the BH meet?')).toBe('Did the BH meet?');
  });

  it('come from the running text only: the headline capitalizes every word', () => {
    expect(acronyms.expand('What does HN report?')).toBe('What does HN report?');
  });

  it('stay as written when the word is known on its own, shouted, or part of a longer word or an address', () => {
    expect(acronyms.expand('Did the HM close it?')).toBe('Did the HM close it?');
    expect(acronyms.expand('WHY DID PE close?')).toBe('WHY DID PE close?');
    expect(acronyms.expand('see harbor.example/PE/report')).toBe('see harbor.example/PE/report');
    expect(acronyms.expand('Was ÉPE there?')).toBe('Was ÉPE there?');
    expect(acronyms.expand('Was the FBI there?')).toBe('Was the FBI there?');
  });
});
