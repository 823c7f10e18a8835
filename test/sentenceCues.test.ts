import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';
import { buildLexicon } from '../src/core/lexicon/buildLexicon.js';
import { decodeLexicon, encodeLexicon, Lexicon } from '../src/core/lexicon/lexicon.js';
import { loadWordNet } from '../src/core/lexicon/wordnet.js';
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

describe('sentence cues that need WordNet (places)', () => {
  let cues: SentenceCues;
  let story: ReturnType<typeof analyzeCorpus>;
  let index: Map<string, number>;
  const terms = (...words: string[]): Set<number> => new Set(words.map((word) => index.get(termOf(word))!));
  const sentence = (text: string): number => story.sentences.findIndex((s) => story.documents[0].text.slice(s.start, s.end).includes(text));

  beforeAll(async () => {
    story = analyzeCorpus([
      {
        id: 'port',
        title: 'Port news',
        file: 'port.txt',
        text: [
          'Port news',
          '',
          'Hackers working from China hit the port. U.S. officials said the attack was serious.',
          'The officials told reporters more. Investigators released a U.S. report on the hack.',
          'The North Korean government said the report was false.',
          'The group that claimed the attack, Night Owls, stayed silent. Several senior port executives resigned.',
          'On Monday Portco said in a statement, saying that the port would reopen. An official said the port was safe.',
          'Hackers hit Portco Holdings, and the firm closed. Reporters at Kestrel News said the country was calm.',
          'In Pyongyang, ministry official Yun Chol said the charges were false. Portco said North Korea was behind the attack.',
          'Officials said it was closed, and Portco said it would reopen. The U.S. Attorney said the hack was a crime. Every attorney agreed.',
        ].join('\n'),
      },
    ]);
    index = new Map(story.terms.map((term, id) => [term, id]));
    const data = buildLexicon(story, await loadWordNet());
    const encoded = encodeLexicon(data);
    const lexicon = new Lexicon(decodeLexicon(encoded.binary, Buffer.from(encoded.keys).toString('utf8')));
    cues = new SentenceCues(story, computeFeatures(story, lexicon), index);
  });

  it('finds where something is or comes from only after a preposition of place', () => {
    const hackers = sentence('Hackers working from China');
    const officials = sentence('U.S. officials said');
    const place = (s: number, locative: boolean): string[] => cues.placeNames(s, new Set(), locative).map((at) => story.terms[story.termIds[at]]);
    expect(place(hackers, true)).toEqual([termOf('china')]);
    // `U.S. officials` says whose officials, not where anything is
    expect(place(officials, false)).toEqual([termOf('u.s.')]);
    expect(place(officials, true)).toEqual([]);
    // a capitalized title after a place is no part of its name
    expect(place(sentence('The U.S. Attorney said'), false)).toEqual([termOf('u.s.')]);
  });

  it("tells a country's own reports from another country's", () => {
    const korea = terms('north', 'korea');
    expect(cues.reportedByOtherPlace(sentence('U.S. officials said'), korea)).toBe(true);
    // `The officials` are the U.S. officials of the sentence before
    expect(cues.reportedByOtherPlace(sentence('The officials told reporters'), korea)).toBe(true);
    // a report whose speaker names the place itself is its own, though `the report` is the U.S. report of the sentence before
    expect(cues.reportedByOtherPlace(sentence('The North Korean government said'), korea)).toBe(false);
    expect(cues.reportedByOtherPlace(sentence('U.S. officials said'), terms('u.s.'))).toBe(false);
    // a company speaks for itself, and `saying` goes on with it; an official nobody places may be the country's
    expect(cues.reportedByOtherPlace(sentence('Portco said in'), korea)).toBe(true);
    expect(cues.reportedByOtherPlace(sentence('An official said'), korea)).toBe(false);
    // … and what it says about the country is still its own report
    expect(cues.reportedByOtherPlace(sentence('Portco said North Korea'), korea)).toBe(true);
    // a name WordNet does not know, with a word for a person, may be the country's official
    expect(cues.reportedByOtherPlace(sentence('ministry official Yun Chol'), korea)).toBe(false);
    // a report that names nobody goes on only with a speaker named before it
    expect(cues.reportedByOtherPlace(sentence('Officials said it was closed'), korea)).toBe(false);
  });

  it('finds the names the story gives a description: the name nearest before it, a place for a place noun', () => {
    const all = story.sentences.map((_, id) => id);
    const names = (words: string): string[] => [...(cues.describedSpeakers(terms(words), all).get(0) ?? [])].map((term) => story.terms[term]).sort();
    expect(names('firm')).toEqual([termOf('holdings'), termOf('portco')].sort());
    // `the country` is no newsroom: Kestrel News is not a place
    expect(names('country')).toEqual([]);
    // a name is a name, not a description
    expect(names('portco')).toEqual([]);
    // each story names its own: the firm is Portco in one and Acme in the other
    const two = analyzeCorpus([
      { id: 'a', title: 'Port', file: 'a.txt', text: 'Port\n\nHackers hit Portco today, and the firm closed.\n' },
      { id: 'b', title: 'Bank', file: 'b.txt', text: 'Bank\n\nThieves robbed Acme today, and the firm shut.\n' },
    ]);
    const twoCues = new SentenceCues(two, computeFeatures(two, Lexicon.empty(two.terms.length)), new Map(two.terms.map((term, id) => [term, id])));
    const firm = two.terms.indexOf(termOf('firm'));
    const byStory = twoCues.describedSpeakers([firm], two.sentences.map((_, id) => id));
    expect([...byStory].map(([doc, found]) => [doc, [...found].map((term) => two.terms[term])])).toEqual([
      [0, [termOf('portco')]],
      [1, [termOf('acme')]],
    ]);
  });

  it('finds a name set apart right after a word for what it names, and the words a sentence mentions', () => {
    const group = sentence('The group that claimed the attack');
    expect(cues.namesApart(group, terms('claimed'))).toBe(true);
    expect(cues.namesApart(group, terms('port'))).toBe(false);
    expect(cues.mentions(sentence('Several senior port executives'), terms('executives'))).toBe(true);
    expect(cues.mentions(group, terms('executives'))).toBe(false);
  });
});
