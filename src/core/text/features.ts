import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import { NounClass, type Lexicon } from '../lexicon/lexicon.js';
import { sentenceText } from './sentences.js';
import { casedWords, STOPWORDS, termOf, words, wordsWithGaps } from './terms.js';

/**
 * What kind of thing each term names and what each sentence holds (dates, numbers), computed at
 * build time so that answer-type checks at query time are a few array reads.
 */
export interface CorpusFeatures {
  /** Bit set of {@link TermFlag} per term id. */
  termFlags: Uint8Array;
  /** Bit set of {@link SentenceFlag} per sentence. */
  sentenceFlags: Uint8Array;
  /** Bit set of {@link PositionFlag} per term position (parallel to the corpus `termIds`). */
  positionFlags: Uint8Array;
}

/** What stands right before a term where it occurs: the function words a term list leaves out. */
export const PositionFlag = {
  /** Right after `the` (`the chains`). */
  afterThe: 1,
  /** Right after another content word, no function word or punctuation between (`cinema` in `top cinema chains`; not `Guardians` in `hacked Sony, Guardians`). */
  joined: 2,
  /** The first content word after a negation (`show` in `would not show`, `detail` in `couldn't detail`). */
  negated: 4,
  /** The first content word after a dash, a semicolon, a colon or a parenthesis: a name before it belongs to another clause. */
  clauseStart: 8,
  /** A word that counts without a number (`several`, `numerous`): a vague answer to *how many* about the noun after it. */
  vagueNumber: 16,
  /** The first content word after `that`: a clause begins (`officials have concluded that the North Korean government …`). */
  afterThat: 32,
  /** The first content word after a preposition of place (`from China`, `in the United States`): where something is or comes from. */
  afterLocative: 64,
  /**
   * Written capitalized inside the sentence: part of a name here, though its term is mostly a word
   * (`Entertainment` in `Sony Pictures Entertainment`, beside `entertainers`).
   */
  capitalized: 128,
} as const;

/** Prepositions that say where something is or comes from. */
export const LOCATIVES: ReadonlySet<string> = new Set(['in', 'from', 'inside', 'within', 'at']);

/** Words that count without a number (`dozens` and the like are {@link NUMBER_WORDS}; `few` and `some` are stop words, which have no position). */
const VAGUE_NUMBERS = new Set(['several', 'many', 'numerous', 'multiple', 'countless']);

/** Punctuation between two clauses: what stands on either side of it is not one phrase. */
const CLAUSE_MARKS = '—–;:()';
const CLAUSE_BREAK = new RegExp(`[${CLAUSE_MARKS}]`);
/** Punctuation between two phrases (a comma, a quotation mark, or a clause break): the words either side are not joined. */
const PHRASE_BREAK = new RegExp(`[,"${CLAUSE_MARKS}]`);

/** Whether a word negates what follows it: `not`, `never`, `cannot` and the contractions in n't. */
export function isNegation(word: string): boolean {
  return word === 'not' || word === 'never' || word === 'cannot' || word.endsWith("n't");
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
  /** A year (`2014`). */
  year: 64,
} as const;

export const SentenceFlag = {
  /** A calendar date, weekday, named day or year. */
  date: 1,
  year: 2,
  /** A number that is not part of a date. */
  quantity: 4,
  /** A word that gives a cause or a reason (because, due, citing, amid). */
  reason: 8,
  /** Reported speech: a reporting word (said, told, statement, according to) or a quotation of a few words. */
  speech: 16,
} as const;

const REASON_WORDS = new Set('because cause causes caused due owing citing cited cites reason reasons therefore following amid prompted'.split(' '));

/** Reporting verbs in their common forms, and the nouns and phrases that report speech. */
export const SPEECH_WORDS = new Set(
  `say says said saying tell tells told telling statement statements according announce announces announced announcement state states stated
  claim claims claimed warn warns warned note notes noted explain explains explained describe describes described insist insists insisted
  argue argues argued write writes wrote written report reports reported comment comments commented respond responds responded reply
  replies replied confirm confirms confirmed deny denies denied admit admits admitted acknowledge acknowledges acknowledged add adds added
  pledge pledges pledged promise promises promised vow vows vowed declare declares declared quote quoted spokesman spokeswoman
  spokesperson`.split(/\s+/),
);

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

/**
 * What the build's later steps need from the words of the corpus, gathered in one pass (each
 * distinct word is stemmed once): the lexicon, the features and the semantic index share it
 * instead of splitting every sentence again.
 */
export interface CorpusScan {
  /** The words behind each term (`starring`, `stars` behind `star`), lowercased, possessive dropped, with counts. */
  surfaces: Map<string, number>[];
  /** 1 for a term mostly capitalized where it is not the first word of a sentence: a name. */
  proper: Uint8Array;
  /** The {@link SentenceFlag}s each sentence's own words give (dates, numbers, reasons, reported speech). */
  sentenceFlags: Uint8Array;
  /** The {@link PositionFlag}s of each term position. */
  positionFlags: Uint8Array;
}

type ScannedCorpus = Pick<AnalyzedCorpus, 'documents' | 'sentences' | 'terms' | 'termOffsets'>;

const bareOf = (token: string | undefined): string | undefined => (token === undefined ? undefined : token.toLowerCase().replace(/\.$/, ''));

/** Words inside quotation marks from which a quotation is something said, not a title (`"The Interview"`). */
const MIN_QUOTED_WORDS = 4;
const QUOTATIONS = /["“”]([^"“”]*)(?:["“”]|$)/g;

const QUOTE_MARKS = /["“”]/g;

/**
 * Whether the text quotes someone: a quotation of {@link MIN_QUOTED_WORDS} words or more, or the end
 * of one that began in an earlier sentence (an odd number of quotation marks, the first closing it).
 */
function quotesSpeech(text: string): boolean {
  const marks = [...text.matchAll(QUOTE_MARKS)];
  if (marks.length % 2 === 1 && words(text.slice(0, marks[0].index)).length >= MIN_QUOTED_WORDS) return true;
  for (const [, quoted] of text.matchAll(QUOTATIONS)) if (words(quoted).length >= MIN_QUOTED_WORDS) return true;
  return false;
}

/** The flags of one sentence from its tokens (original case). */
function tokenFlags(tokens: readonly string[]): number {
  let flags = 0;
  let previous: string | undefined;
  let bare = bareOf(tokens[0]);
  for (let position = 0; position < tokens.length; position++) {
    const next = bareOf(tokens[position + 1]);
    const word = bare!;
    if (WEEKDAYS.has(word) || (MONTHS.has(word) && next !== undefined && /^\d{1,2}$/.test(next))) flags |= SentenceFlag.date;
    const year = isYear(word);
    if (year) flags |= SentenceFlag.date | SentenceFlag.year;
    const partOfDate = (previous !== undefined && MONTHS.has(previous)) || (next !== undefined && MONTHS.has(next));
    if ((/^\d/.test(word) && !year && !partOfDate) || NUMBER_WORDS.has(word)) flags |= SentenceFlag.quantity;
    if (REASON_WORDS.has(word)) flags |= SentenceFlag.reason;
    if (SPEECH_WORDS.has(word)) flags |= SentenceFlag.speech;
    previous = word;
    bare = next;
  }
  return flags;
}

export function scanCorpus(corpus: ScannedCorpus): CorpusScan {
  const termCount = corpus.terms.length;
  const termIndex = new Map(corpus.terms.map((term, id) => [term, id]));
  /** Term id of each distinct lowercased word (-1: none), so each word is stemmed once. */
  const idOfWord = new Map<string, number>();
  const idOf = (word: string): number => {
    let id = idOfWord.get(word);
    if (id === undefined) {
      id = termIndex.get(termOf(word)) ?? -1;
      idOfWord.set(word, id);
    }
    return id;
  };
  const surfaces: Map<string, number>[] = Array.from({ length: termCount }, () => new Map<string, number>());
  const capitalized = new Uint32Array(termCount);
  const inside = new Uint32Array(termCount);
  const sentenceFlags = new Uint8Array(corpus.sentences.length);
  const positionFlags = new Uint8Array(corpus.termOffsets[corpus.sentences.length] ?? 0);
  corpus.sentences.forEach((sentence, index) => {
    const text = sentenceText(corpus.documents[sentence.docIndex].text, sentence);
    // The same words, in the same order, as the sentence's terms (`contentTerms`): the ones with a term id.
    let position = corpus.termOffsets[index];
    let before: string | undefined;
    let negated = false;
    let broken = false;
    let afterThat = false;
    let afterLocative = false;
    const words = wordsWithGaps(text);
    const cased = casedWords(text);
    // A title or a caption capitalizes its words whether they are names or not.
    const sameWords = cased.length === words.length && sentence.kind === 'body';
    for (const [k, { word, gap }] of words.entries()) {
      const previous = before;
      before = word;
      if (isNegation(word)) negated = true;
      if (CLAUSE_BREAK.test(gap)) broken = true;
      if (word === 'that') afterThat = true;
      if (STOPWORDS.has(word)) {
        afterLocative ||= LOCATIVES.has(word);
        continue;
      }
      const id = idOf(word);
      if (id < 0) continue;
      if (previous === 'the') positionFlags[position] |= PositionFlag.afterThe;
      else if (previous !== undefined && !STOPWORDS.has(previous) && !PHRASE_BREAK.test(gap)) positionFlags[position] |= PositionFlag.joined;
      if (negated) positionFlags[position] |= PositionFlag.negated;
      if (broken) positionFlags[position] |= PositionFlag.clauseStart;
      if (VAGUE_NUMBERS.has(word)) positionFlags[position] |= PositionFlag.vagueNumber;
      if (afterThat) positionFlags[position] |= PositionFlag.afterThat;
      if (afterLocative) positionFlags[position] |= PositionFlag.afterLocative;
      if (sameWords && k > 0 && /^\p{Lu}/u.test(cased[k])) positionFlags[position] |= PositionFlag.capitalized;
      negated = false;
      broken = false;
      afterThat = false;
      afterLocative = LOCATIVES.has(word);
      position++;
      const bare = word.endsWith("'s") ? word.slice(0, -2) : word;
      const forms = surfaces[id];
      forms.set(bare, (forms.get(bare) ?? 0) + 1);
    }
    for (let position = 1; position < cased.length; position++) {
      const token = cased[position];
      const lower = token.toLowerCase();
      if (STOPWORDS.has(lower) || !/\p{L}/u.test(token)) continue;
      const id = idOf(lower);
      if (id < 0) continue;
      inside[id]++;
      if (/^\p{Lu}/u.test(token)) capitalized[id]++;
    }
    sentenceFlags[index] = tokenFlags(cased) | (quotesSpeech(text) ? SentenceFlag.speech : 0);
  });
  const proper = new Uint8Array(termCount);
  for (let id = 0; id < termCount; id++) proper[id] = inside[id] > 0 && capitalized[id] * 2 > inside[id] ? 1 : 0;
  return { surfaces, proper, sentenceFlags, positionFlags };
}

export function computeFeatures(
  corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences' | 'terms' | 'termOffsets' | 'termIds'>,
  lexicon: Lexicon,
  scan: CorpusScan = scanCorpus(corpus),
): CorpusFeatures {
  const termFlags = new Uint8Array(corpus.terms.length);
  const { proper } = scan;
  corpus.terms.forEach((term, id) => {
    const classes = lexicon.data.termClasses[id];
    if (classes & NounClass.person) termFlags[id] |= TermFlag.person;
    if (classes & NounClass.group) termFlags[id] |= TermFlag.group;
    if (classes & NounClass.location) termFlags[id] |= TermFlag.location;
    if (classes & NounClass.time || MONTHS.has(term) || WEEKDAYS.has(term)) termFlags[id] |= TermFlag.time;
    if (/^\p{N}/u.test(term)) termFlags[id] |= TermFlag.number;
    if (isYear(term)) termFlags[id] |= TermFlag.year;
  });

  const sentenceFlags = scan.sentenceFlags.slice();
  for (let id = 0; id < termFlags.length; id++) if (proper[id]) termFlags[id] |= TermFlag.proper;
  const features = { termFlags, sentenceFlags, positionFlags: scan.positionFlags };
  // A sentence that names a day (a capitalized time noun such as Christmas) holds a date too.
  for (let s = 0; s < sentenceFlags.length; s++) {
    if (!(sentenceFlags[s] & SentenceFlag.date) && namesDay(corpus, features, corpus.termOffsets[s], corpus.termOffsets[s + 1]).length > 0) sentenceFlags[s] |= SentenceFlag.date;
  }
  return features;
}

/**
 * The term positions in `from`..`to` (one sentence) that name a day or a year: a year, or a
 * capitalized time noun (`Wednesday`, `Dec.`, `Christmas Day`) that is not inside a longer name
 * (`New Regency`, a film company).
 */
export function namesDay(corpus: Pick<AnalyzedCorpus, 'termIds'>, features: CorpusFeatures, from: number, to: number): number[] {
  const { termFlags } = features;
  const named = TermFlag.proper | TermFlag.time;
  const flagsAt = (i: number): number => termFlags[corpus.termIds[i]];
  const days: number[] = [];
  for (let i = from; i < to; i++) {
    if (flagsAt(i) & TermFlag.year) {
      days.push(i);
      continue;
    }
    if ((flagsAt(i) & named) !== named) continue;
    // The run of names this one belongs to: all its words must be time nouns (`Christmas Day`).
    const { first, last } = nameRun(corpus, features, i, from, to);
    let allTimes = true;
    for (let k = first; k <= last && allTimes; k++) allTimes = (flagsAt(k) & TermFlag.time) !== 0;
    if (allTimes) days.push(i);
  }
  return days;
}

/**
 * The run of names the name at term position `i` belongs to, within `from`..`to` (one sentence):
 * the names right before and after it, no function word between (`North Korea`, `Christmas Day`).
 * With `capitalized`, a word written capitalized there counts as a name too, though its term is
 * mostly a word (`Sony Pictures Entertainment`); a title such as `U.S. Attorney` then joins the run.
 */
export function nameRun(
  corpus: Pick<AnalyzedCorpus, 'termIds'>,
  features: CorpusFeatures,
  i: number,
  from: number,
  to: number,
  capitalized = false,
): { first: number; last: number } {
  const { termFlags, positionFlags } = features;
  const isName = (k: number): boolean => (termFlags[corpus.termIds[k]] & TermFlag.proper) !== 0 || (capitalized && (positionFlags[k] & PositionFlag.capitalized) !== 0);
  let first = i;
  while (first > from && positionFlags[first] & PositionFlag.joined && isName(first - 1)) first--;
  let last = i;
  while (last + 1 < to && positionFlags[last + 1] & PositionFlag.joined && isName(last + 1)) last++;
  return { first, last };
}

/** Binary form: term, sentence and position counts (Uint32 each), then the three flag arrays. */
export function encodeFeatures(features: CorpusFeatures): Uint8Array {
  const { termFlags, sentenceFlags, positionFlags } = features;
  const out = new Uint8Array(12 + termFlags.length + sentenceFlags.length + positionFlags.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, termFlags.length, true);
  view.setUint32(4, sentenceFlags.length, true);
  view.setUint32(8, positionFlags.length, true);
  out.set(termFlags, 12);
  out.set(sentenceFlags, 12 + termFlags.length);
  out.set(positionFlags, 12 + termFlags.length + sentenceFlags.length);
  return out;
}

export function decodeFeatures(bytes: Uint8Array, termCount: number, sentenceCount: number, positionCount: number): CorpusFeatures {
  if (bytes.byteLength < 12) throw new Error('features.bin is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const terms = view.getUint32(0, true);
  const sentences = view.getUint32(4, true);
  const positions = view.getUint32(8, true);
  if (terms !== termCount || sentences !== sentenceCount || positions !== positionCount || bytes.byteLength !== 12 + terms + sentences + positions) {
    throw new Error('features.bin does not match the corpus');
  }
  const sentencesAt = 12 + terms;
  return {
    termFlags: bytes.slice(12, sentencesAt),
    sentenceFlags: bytes.slice(sentencesAt, sentencesAt + sentences),
    positionFlags: bytes.slice(sentencesAt + sentences),
  };
}
