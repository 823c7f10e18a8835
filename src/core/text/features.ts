import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import { NounClass, type Lexicon } from '../lexicon/lexicon.js';
import { sentenceText } from './sentences.js';
import { casedWords, STOPWORDS, termOf } from './terms.js';

/**
 * What kind of thing each term names and what each sentence holds (dates, numbers), computed at
 * build time so that answer-type checks at query time are a few array reads.
 */
export interface CorpusFeatures {
  /** Bit set of {@link TermFlag} per term id. */
  termFlags: Uint8Array;
  /** Bit set of {@link SentenceFlag} per sentence. */
  sentenceFlags: Uint8Array;
}

export const TermFlag = {
  /** Mostly capitalized inside sentences: a name (NBC, Cinemark, Rogen). */
  proper: 1,
  person: 2,
  group: 4,
  location: 8,
  /** A month, a weekday or a WordNet time noun. */
  time: 16,
  number: 32,
} as const;

export const SentenceFlag = {
  /** A calendar date, weekday, named day or year. */
  date: 1,
  year: 2,
  /** A number that is not part of a date. */
  quantity: 4,
  /** A word that gives a cause or a reason (because, due, citing, amid). */
  reason: 8,
} as const;

const REASON_WORDS = new Set('because cause causes caused due owing citing cited cites reason reasons therefore following amid prompted'.split(' '));

const MONTHS = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);
const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '));
const NUMBER_WORDS = new Set(
  'two three four five six seven eight nine ten eleven twelve dozen dozens twenty thirty forty fifty hundred hundreds thousand thousands million millions billion billions percent'.split(' '),
);

function isYear(word: string): boolean {
  if (!/^\d{4}$/.test(word)) return false;
  const n = Number(word);
  return n >= 1000 && n <= 2199;
}

/** Terms that are mostly capitalized where they are not the first word of a sentence: names. */
export function properTerms(corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences' | 'terms'>): Uint8Array {
  const termIndex = new Map(corpus.terms.map((term, id) => [term, id]));
  const capitalized = new Uint32Array(corpus.terms.length);
  const inside = new Uint32Array(corpus.terms.length);
  for (const sentence of corpus.sentences) {
    casedWords(sentenceText(corpus.documents[sentence.docIndex].text, sentence)).forEach((token, position) => {
      const lower = token.toLowerCase();
      if (position === 0 || STOPWORDS.has(lower) || !/\p{L}/u.test(token)) return;
      const id = termIndex.get(termOf(lower));
      if (id === undefined) return;
      inside[id]++;
      if (/^\p{Lu}/u.test(token)) capitalized[id]++;
    });
  }
  const proper = new Uint8Array(corpus.terms.length);
  for (let id = 0; id < proper.length; id++) proper[id] = inside[id] > 0 && capitalized[id] * 2 > inside[id] ? 1 : 0;
  return proper;
}

export function computeFeatures(corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences' | 'terms' | 'termOffsets' | 'termIds'>, lexicon: Lexicon): CorpusFeatures {
  const termFlags = new Uint8Array(corpus.terms.length);
  const proper = properTerms(corpus);
  corpus.terms.forEach((term, id) => {
    const classes = lexicon.data.termClasses[id];
    if (classes & NounClass.person) termFlags[id] |= TermFlag.person;
    if (classes & NounClass.group) termFlags[id] |= TermFlag.group;
    if (classes & NounClass.location) termFlags[id] |= TermFlag.location;
    if (classes & NounClass.time || MONTHS.has(term) || WEEKDAYS.has(term)) termFlags[id] |= TermFlag.time;
    if (/^\p{N}/u.test(term)) termFlags[id] |= TermFlag.number;
  });

  const sentenceFlags = new Uint8Array(corpus.sentences.length);
  corpus.sentences.forEach((sentence, index) => {
    const tokens = casedWords(sentenceText(corpus.documents[sentence.docIndex].text, sentence));
    let flags = 0;
    tokens.forEach((token, position) => {
      const lower = token.toLowerCase();
      const bare = lower.replace(/\.$/, '');
      const next = tokens[position + 1]?.toLowerCase().replace(/\.$/, '');
      const previous = tokens[position - 1]?.toLowerCase().replace(/\.$/, '');
      if (WEEKDAYS.has(bare) || (MONTHS.has(bare) && next !== undefined && /^\d{1,2}$/.test(next))) flags |= SentenceFlag.date;
      if (isYear(bare)) flags |= SentenceFlag.date | SentenceFlag.year;
      const partOfDate = (previous !== undefined && MONTHS.has(previous)) || (next !== undefined && MONTHS.has(next));
      if ((/^\d/.test(bare) && !isYear(bare) && !partOfDate) || NUMBER_WORDS.has(bare)) flags |= SentenceFlag.quantity;
      if (REASON_WORDS.has(bare)) flags |= SentenceFlag.reason;
    });
    sentenceFlags[index] = flags;
  });
  for (let id = 0; id < termFlags.length; id++) if (proper[id]) termFlags[id] |= TermFlag.proper;
  // A sentence that names a day (a capitalized time noun such as Christmas) holds a date too.
  const named = TermFlag.proper | TermFlag.time;
  for (let s = 0; s < sentenceFlags.length; s++) {
    for (let i = corpus.termOffsets[s]; i < corpus.termOffsets[s + 1]; i++) {
      if ((termFlags[corpus.termIds[i]] & named) === named) sentenceFlags[s] |= SentenceFlag.date;
    }
  }
  return { termFlags, sentenceFlags };
}

/** Binary form: term count, sentence count (Uint32 each), then the two flag arrays. */
export function encodeFeatures(features: CorpusFeatures): Uint8Array {
  const out = new Uint8Array(8 + features.termFlags.length + features.sentenceFlags.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, features.termFlags.length, true);
  view.setUint32(4, features.sentenceFlags.length, true);
  out.set(features.termFlags, 8);
  out.set(features.sentenceFlags, 8 + features.termFlags.length);
  return out;
}

export function decodeFeatures(bytes: Uint8Array, termCount: number, sentenceCount: number): CorpusFeatures {
  if (bytes.byteLength < 8) throw new Error('features.bin is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const terms = view.getUint32(0, true);
  const sentences = view.getUint32(4, true);
  if (terms !== termCount || sentences !== sentenceCount || bytes.byteLength !== 8 + terms + sentences) {
    throw new Error('features.bin does not match the corpus');
  }
  return {
    termFlags: bytes.slice(8, 8 + terms),
    sentenceFlags: bytes.slice(8 + terms, 8 + terms + sentences),
  };
}
