import { describe, expect, it } from 'vitest';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';
import { decodeWordNet, encodeWordNet, type ParsedWordNet } from '../src/core/lexicon/wordnet.js';
import { Bm25 } from '../src/core/retrieval/bm25.js';
import { Lexicon } from '../src/core/lexicon/lexicon.js';
import { computeFeatures, decodeFeatures, encodeFeatures, PositionFlag, scanCorpus, SentenceFlag } from '../src/core/text/features.js';
import { sentenceText } from '../src/core/text/sentences.js';
import { termOf } from '../src/core/text/terms.js';
import type { Document } from '../src/core/types.js';

const tiny: ParsedWordNet = {
  lemmas: [['movie', 'film'], ['movie house', 'cinema'], ['star']],
  lexFile: Uint8Array.from([6, 6, 18]),
  pos: Uint8Array.from([0, 0, 1]),
  pointerOffsets: Uint32Array.from([0, 2, 3, 3]),
  pointerSymbols: ['@', '+', '~i'],
  pointerTargets: Uint32Array.from([1, 0xffffffff, 2]),
  synsetsOf: new Map([
    ['movie', [0]],
    ['film', [0]],
    ['movie house', [1]],
    ['cinema', [1]],
    ['star', [2, 0]],
  ]),
  tagCounts: new Map([
    ['movie', 12],
    ['star', 3],
    ['absent', 1],
  ]),
};

describe('the WordNet cache', () => {
  it('gives back exactly what was parsed, map order included', () => {
    const decoded = decodeWordNet(encodeWordNet(tiny));
    expect(decoded.synsetCount).toBe(tiny.lemmas.length);
    expect(tiny.lemmas.map((_, synset) => decoded.lemmasOf(synset))).toEqual(tiny.lemmas);
    expect([...decoded.lexFile]).toEqual([...tiny.lexFile]);
    expect([...decoded.pos]).toEqual([...tiny.pos]);
    expect([...decoded.pointerOffsets]).toEqual([...tiny.pointerOffsets]);
    expect(tiny.pointerSymbols.map((_, p) => decoded.pointerSymbol(p))).toEqual(tiny.pointerSymbols);
    expect([...decoded.pointerTargets]).toEqual([...tiny.pointerTargets]);
    expect([...decoded.lemmasWithSynsets()]).toEqual([...tiny.synsetsOf.keys()]);
    for (const [lemma, synsets] of tiny.synsetsOf) {
      expect(decoded.hasSynsets(lemma)).toBe(true);
      expect([...decoded.synsetsOf(lemma)!]).toEqual(synsets);
    }
    expect(decoded.hasSynsets('absent')).toBe(false);
    expect(decoded.synsetsOf('absent')).toBeUndefined();
    expect([...decoded.taggedLemmas()]).toEqual([...tiny.tagCounts.keys()]);
    for (const [lemma, count] of tiny.tagCounts) expect(decoded.tagCount(lemma)).toBe(count);
    expect(decoded.tagCount('film')).toBeUndefined();
  });

  it('refuses a buffer that is not a cache, or a truncated one', () => {
    expect(() => decodeWordNet(new Uint8Array(100))).toThrow(/format/);
    const bytes = encodeWordNet(tiny);
    expect(() => decodeWordNet(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });
});

describe('the one scan of the corpus words', () => {
  const documents: Document[] = [
    { id: 'a', title: 'A', file: 'a.txt', text: "Sony and the film\nSony's film starred Rogen. The films were pulled on Dec. 25 because of threats.\nRogen said 2014 was hard for Sony.\n\u201cNothing can stop this release now,\u201d Rogen tweeted. They watched \"The Interview\" twice.\nHe wrote: \u201cWe will not give in. The fans deserve better than silence.\u201d" },
  ];
  const corpus = analyzeCorpus(documents);
  const scan = scanCorpus(corpus);
  const id = (term: string): number => corpus.terms.indexOf(term);
  const at = (words: string): number => corpus.sentences.findIndex((s) => sentenceText(documents[0].text, s).includes(words));

  it('records the words behind each term with counts, possessives dropped', () => {
    expect(Object.fromEntries(scan.surfaces[id('film')])).toEqual({ film: 2, films: 1 });
    expect(Object.fromEntries(scan.surfaces[id('soni')])).toEqual({ sony: 3 });
  });

  it('marks names and the sentences with dates, years, reasons and reported speech', () => {
    expect(scan.proper[id('rogen')]).toBe(1);
    expect(scan.proper[id('film')]).toBe(0);
    expect(scan.sentenceFlags[at('Dec. 25')] & SentenceFlag.date).toBeTruthy();
    expect(scan.sentenceFlags[at('because of threats')] & SentenceFlag.reason).toBeTruthy();
    expect(scan.sentenceFlags[at('2014')] & SentenceFlag.year).toBeTruthy();
    expect(scan.sentenceFlags[at('Rogen said')] & SentenceFlag.speech).toBeTruthy();
    expect(scan.sentenceFlags[at('because of threats')] & SentenceFlag.speech).toBe(0);
    // A quotation of a few words is something said; a quoted title is not.
    expect(scan.sentenceFlags[at('Rogen tweeted')] & SentenceFlag.speech).toBeTruthy();
    expect(scan.sentenceFlags[at('twice')] & SentenceFlag.speech).toBe(0);
    expect(scan.sentenceFlags[at('starred Rogen')]).toBe(0);
    // The end of a quotation that began in the sentence before.
    expect(scan.sentenceFlags[at('fans deserve better')] & SentenceFlag.speech).toBeTruthy();
  });

  it('marks the terms that follow `the`, `that` or another content word, begin a clause or count without a number, and stores the marks with the rest', () => {
    const sentence = at('The films were pulled');
    const flags = (from: number, of = { corpus, scan }): [string, number][] =>
      Array.from(of.corpus.termIds.subarray(of.corpus.termOffsets[from], of.corpus.termOffsets[from + 1]), (term, i) => [
        of.corpus.terms[term],
        of.scan.positionFlags[of.corpus.termOffsets[from] + i],
      ]);
    // The films were pulled on Dec. 25 because of threats.
    expect(flags(sentence)).toEqual([
      ['film', PositionFlag.afterThe],
      ['pull', 0],
      ['dec', PositionFlag.capitalized],
      ['25', PositionFlag.joined],
      ['threat', 0],
    ]);
    // He wrote: “We will not give in. — the first content word after a negation is marked, and only it;
    // after the colon, a clause begins.
    expect(flags(at('will not give'))).toEqual([
      ['wrote', 0],
      ['give', PositionFlag.negated | PositionFlag.clauseStart],
    ]);
    expect(flags(at('fans deserve')).every(([, flag]) => (flag & PositionFlag.negated) === 0)).toBe(true);
    /** The terms marked `flag` in a one-sentence story. */
    const marked = (body: string, flag: number): string[] => {
      const story = analyzeCorpus([{ id: 'story', title: 'Studio news', file: 'story.txt', text: `Studio news\n\n${body}\n` }]);
      const sentence = story.sentences.findIndex((s) => s.kind === 'body');
      return flags(sentence, { corpus: story, scan: scanCorpus(story) }).flatMap(([term, mark]) => (mark & flag ? [term] : []));
    };
    // A clause begins after a dash or a semicolon, not after a comma.
    expect(marked('The studio fired Ortiz — the chief, a rival said; executives cheered, reporters left.', PositionFlag.clauseStart)).toEqual([
      termOf('chief'),
      termOf('executives'),
    ]);
    // A word that counts without a number is marked (and `few`, a stop word, has no position).
    expect(marked('Several agents and a few executives left, and numerous writers.', PositionFlag.vagueNumber)).toEqual([termOf('several'), termOf('numerous')]);
    // The first content word after `that` opens a clause.
    expect(marked('Agents said that the Ortiz agency, which the studio that fired him owns, left.', PositionFlag.afterThat)).toEqual([termOf('ortiz'), termOf('fired')]);
    // A word right after another is joined to it, but not across a comma or a quotation mark.
    const joined = marked('Hackers hit Sony Pictures, Guardians for Peace said, and "Regal" chains left.', PositionFlag.joined);
    expect(joined).toEqual([termOf('hit'), termOf('sony'), termOf('pictures'), termOf('left')]);
    // The first content word after a preposition of place: where something is or comes from.
    expect(marked('Hackers working from China and inside Iran hit the studio in the U.S. at night.', PositionFlag.afterLocative)).toEqual([
      termOf('china'),
      termOf('iran'),
      termOf('u.s.'),
      termOf('night'),
    ]);
    // A word written capitalized inside the sentence (not its first word) is part of a name there.
    expect(marked('Hackers hit Sony Pictures Entertainment, and entertainers left.', PositionFlag.capitalized)).toEqual([
      termOf('sony'),
      termOf('pictures'),
      termOf('entertainment'),
    ]);
    const features = computeFeatures(corpus, Lexicon.empty(corpus.terms.length), scan);
    const decoded = decodeFeatures(encodeFeatures(features), corpus.terms.length, corpus.sentences.length, corpus.termIds.length);
    expect(decoded).toEqual(features);
    expect(() => decodeFeatures(encodeFeatures(features), corpus.terms.length, corpus.sentences.length, corpus.termIds.length + 1)).toThrow(/does not match/);
  });

  it('BM25 answers the same from one question to the next (reused buffers)', () => {
    const bm25 = new Bm25(corpus);
    const query = new Map([[id('film'), 1], [id('rogen'), 0.5]]);
    const first = bm25.top(query, 5);
    bm25.top(new Map([[id('threat'), 1]]), 5);
    expect(bm25.top(query, 5)).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
  });
});
