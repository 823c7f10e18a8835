import { describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';
import { Lexicon } from '../src/core/lexicon/lexicon.js';
import { SentenceCues } from '../src/core/retrieval/sentenceCues.js';
import { computeFeatures } from '../src/core/text/features.js';
import { termOf } from '../src/core/text/terms.js';

/** What the retriever reads from a sentence's wording, on a story written for these tests. */
const corpus = analyzeCorpus([
  {
    id: 'harbour',
    title: 'Harbour strike',
    file: 'harbour.txt',
    text: [
      'Harbour strike',
      '',
      'The largest dock unions walked out on Monday. The unions said the cranes were unsafe.',
      'Mayor Lina Ortiz said on Tuesday that the port would reopen soon. "We will not let the strike run on for weeks at all," she added.',
      'The union later claimed it had warned Ortiz in March. "Ships are waiting," said the harbour master.',
      'Brightwater, a fishing town near the port, lost half its trade. The ferry company is a small family business.',
      'The Harbour Council said on Friday that "the port will stay open to every ship. Nobody will be turned away at the gate."',
    ].join('\n'),
  },
]);
const termIndex = new Map(corpus.terms.map((term, id) => [term, id]));
const cues = new SentenceCues(corpus, computeFeatures(corpus, Lexicon.empty(corpus.terms.length)), termIndex);
const termIds = (...words: string[]): Set<number> =>
  new Set(
    words.map((word) => {
      const id = termIndex.get(termOf(word));
      expect(id, word).toBeDefined();
      return id!;
    }),
  );
const sentenceWith = (text: string): number => {
  const found = corpus.sentences.findIndex((s) => corpus.documents[0].text.slice(s.start, s.end).includes(text));
  expect(found, text).toBeGreaterThanOrEqual(0);
  return found;
};
const words = (ids: { terms: readonly number[] }): string[] => ids.terms.map((id) => corpus.terms[id]).sort();

describe('sentence cues', () => {
  it('takes the modifiers of a noun the next sentence takes up as `the <noun>`', () => {
    const next = sentenceWith('The unions said the cranes');
    expect(words(cues.bridgedTerms(next - 1, next))).toEqual(['dock', 'largest'].map(termOf).sort());
    // Nothing is taken up: no definite noun of the next sentence stands in the one before.
    const unrelated = sentenceWith('Mayor Lina Ortiz');
    expect(cues.bridgedTerms(unrelated - 1, unrelated).size).toBe(0);
  });

  it('finds a description of a named thing: an appositive or `is a`', () => {
    const town = sentenceWith('Brightwater, a fishing town');
    expect(cues.describes(town, termIds('brightwater'))).toBe(true);
    expect(cues.describes(town, termIds('port'))).toBe(false);
    expect(cues.describes(sentenceWith('The ferry company is a small'), termIds('company'))).toBe(true);
  });

  it('tells who said something from who is only mentioned', () => {
    const mayor = sentenceWith('Mayor Lina Ortiz said');
    expect(cues.reportsSpeechOf(mayor, termIds('ortiz'))).toBe(true);
    // A quotation with no reporting word of its own goes on from the sentence before ("she added" reports it itself).
    expect(cues.reportsSpeechOf(sentenceWith('We will not let'), termIds('ortiz'))).toBe(false);
    // Ortiz is who the union warned, not who claimed it.
    const claim = sentenceWith('The union later claimed');
    expect(cues.reportsSpeechOf(claim, termIds('ortiz'))).toBe(false);
    expect(cues.reportsSpeechOf(claim, termIds('union'))).toBe(true);
    // A quotation that goes on into the next sentence is still the council's.
    expect(cues.reportsSpeechOf(sentenceWith('Nobody will be turned away'), termIds('council'))).toBe(true);
    expect(cues.reportsSpeechOf(sentenceWith('Nobody will be turned away'), termIds('ortiz'))).toBe(false);
    // An inverted speaker: `"…," said the harbour master`.
    expect(cues.reportsSpeechOf(sentenceWith('Ships are waiting'), termIds('master'))).toBe(true);
  });

  it('checks names as speakers (by their last word), not descriptions or reporting words', () => {
    // `claimed` names nobody.
    expect(cues.speakers(termIds('claimed', 'ortiz'))).toEqual(termIds('ortiz'));
    // `the union` may stand for a name the story uses elsewhere: nobody to check.
    expect(cues.speakers(termIds('union')).size).toBe(0);
    expect(cues.speakers(termIds('ortiz', 'union')).size).toBe(0);
    // `the harbour council`: the story writes the council as a name, though `harbour` also in lower case.
    expect(cues.speakers(termIds('harbour', 'council'))).toEqual(termIds('harbour', 'council'));
  });
});
