import { describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';
import { Acronyms } from '../src/core/query/acronyms.js';

const text = [
  'Harbor News Of The Week',
  '',
  'The Harbor Master closed the north pier on Monday, and the Harbor Master said why.',
  'Fishing crews from Port Elston moved their boats; the Pier Authority agreed.',
  'A storm from Port Elston had cracked the Pier Authority beams.',
].join('\n');
const corpus = analyzeCorpus([{ id: 'harbor', title: 'Harbor News Of The Week', file: 'harbor.txt', text }]);
const acronyms = new Acronyms(corpus, (word) => word === 'hm' || word === 'on');

describe('initials of a story name in a question', () => {
  it('are read as the name the story writes out', () => {
    expect(acronyms.expand('Why did the PE crews move?')).toBe('Why did the Port Elston crews move?');
  });

  it('stand for the commonest name that has them, and for none when two are as common', () => {
    expect(acronyms.expand('What did the PA say?')).toBe('What did the Pier Authority say?');
    const shared = new Acronyms(analyzeCorpus([{ id: 's', title: 'S', file: 's.txt', text: 'S\n\nPort Authority met Pier Administration.\n' }]), () => false);
    expect(shared.expand('Who is PA?')).toBe('Who is PA?');
  });

  it('stay as written when the word is known on its own, or no name has them', () => {
    expect(acronyms.expand('Did the HM close it?')).toBe('Did the HM close it?');
    expect(acronyms.expand('Was the FBI there?')).toBe('Was the FBI there?');
  });

  it('come from the running text only, and leave a capitalized function word out of the name', () => {
    // The headline capitalizes every word (News Of The Week); `The Harbor Master` is the Harbor Master.
    expect(acronyms.expand('Is NOTW out?')).toBe('Is NOTW out?');
    expect(acronyms.expand('Why did the TH close the pier?')).toBe('Why did the TH close the pier?');
  });
});
