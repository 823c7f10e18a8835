import { bm25Idf } from '../retrieval/bm25.js';
import { NounClass, type Lexicon } from '../lexicon/lexicon.js';
import { baseForms } from '../lexicon/morphy.js';
import { isNegation, SPEECH_WORDS } from '../text/features.js';
import { casedWords, STOPWORDS, termOf } from '../text/terms.js';

/**
 * Question analysis: which concepts a question asks about (each with the corpus terms that can
 * stand for it and how salient it is) and what kind of answer it wants.
 */

/** What kind of answer a question wants, from its question word (and the noun after which/what). */
export type AnswerType = 'person' | 'entity' | 'place' | 'date' | 'year' | 'quantity' | 'reason' | 'description' | 'yesno' | 'any';

/** A corpus concept (term id, or phrase id from the lexicon) and how well it matches, 0..1. */
export type Alternative = readonly [concept: number, weight: number];

export interface QueryConcept {
  /** The words as asked, for diagnostics. */
  text: string;
  /** One slot per word; a concept of several words (a name, a collocation) matches by the share of its words found. */
  parts: Alternative[][];
  /** Alternatives for the concept as a whole (synonyms of a collocation such as `movie house`). */
  whole: Alternative[];
  /** How much the concept counts towards coverage: general-English rarity times corpus specificity, 0..1. */
  salience: number;
  /** The word of each part, lowercase (for word-vector similarity). */
  words: string[];
  /** Corpus term id of each part's word, or -1. */
  termIds: number[];
  /** A run of capitalized words: matched by its own words and WordNet synonyms only. */
  isName: boolean;
}

export interface AnalyzedQuery {
  concepts: QueryConcept[];
  answerType: AnswerType;
  /** Corpus term ids written in the question, which do not count as the answer's own names or dates. */
  askedTerms: Set<number>;
  /** `What did the council say …`, `according to officials`: the answer is something said, so the sentence must report speech. */
  asksWhatWasSaid: boolean;
  /** Corpus terms of the speaker such a question names (`security`, `council`), in its order, for telling who said what. */
  speakerTerms: Set<number>;
  /**
   * `What is the name of …`, `Which executives …, by name?`: the answer is a name, standing by a word
   * for what is asked. A sentence that mentions the thing but names nothing does not answer.
   */
  namesAsked: boolean;
  /**
   * `Who is the chief executive of Sony?`: the answer names whoever holds the role, next to a word
   * for it (`dictator Kim Jong Un` for `who is the leader`); a sentence on the role that names nobody does not answer.
   */
  roleAsked: boolean;
  /** The question names a speaker the story never mentions (`What did President Obama say?`): no sentence reports their words. */
  speakerAbsent: boolean;
  /** The concepts any report of speech stands for: `promise` in `What promise did X make?`. */
  saidConcepts: number[];
  /** The concepts of the whole asked-for noun phrase (`news organization`): its head and the words qualifying it. */
  phraseConcepts: number[];
  /**
   * `Who <did what> …`: the concepts that can state the act (`claimed`; `orders` in `who gave the
   * orders`; `promised` or `bring` in `who promised to bring …`). The sentence that answers states one.
   */
  actConcepts: number[];
  /**
   * The concepts of the act an affirmative wh-question takes as done (`show` in `Which chains did
   * show the film?`): a sentence that states it only negated (`would not show`) says the opposite.
   */
  assertedActs: number[];
  /**
   * A name the question gives that the story never uses and WordNet does not know (`AMC` in `Did AMC
   * Theatres cancel …?`): whatever the story says, it is not about that.
   */
  unknownName: string | undefined;
  /** The concepts that are words for the article's pictures (`Who is shown in the photo?`): its captions may answer, and match them. */
  photoConcepts: number[];
}

export interface QueryContext {
  lexicon: Lexicon;
  /** The corpus terms by id. */
  terms: readonly string[];
  termIndex: ReadonlyMap<string, number>;
  documentFrequency: Uint32Array;
  sentenceCount: number;
  /** Weight of lexicon relations (synonyms and the like) relative to an exact match; 0 turns them off. */
  expansionWeight: number;
}

const QUESTION_WORDS = new Set('who whom which what when where why how'.split(' '));
const AUXILIARIES = new Set('is was are were did does do has have had can could will would should shall may might must'.split(' '));
const DETERMINERS = new Set(['the', 'a', 'an']);
/** Verbs that open a question put as a request: their object says what is asked for. */
const IMPERATIVES = new Set(['name', 'list', 'identify']);
const PASSIVE_AUXILIARIES = new Set('is was are were be been being'.split(' '));
const SAYING_WORDS = new Set('say says said tell tells told according describe describes described characterize characterizes characterized'.split(' '));
/** Nouns for what somebody said besides the reporting words (`What warning did X give?`). */
const SPEECH_NOUNS = new Set([...SPEECH_WORDS, ...'warning warnings remark remarks message messages explanation explanations assurance assurances'.split(' ')]);
/** Verbs by which somebody makes a statement, a promise or a warning: they add nothing to what was said. */
const UTTERING_VERBS = new Set('make makes made give gives gave issue issues issued offer offers offered deliver delivers delivered'.split(' '));
/** Words next to a saying word in which a question names the speaker. */
const SPEAKER_WORDS = 4;
/** Verbs whose object carries the meaning (give the orders, make a threat, take credit, carry out the attack, reach or draw a conclusion). */
const LIGHT_VERBS = new Set(
  `give gives gave given giving make makes made making take takes took taken taking get gets got gotten getting carry carries carried
  carrying conduct conducts conducted conducting commit commits committed committing launch launches launched launching reach reaches
  reached reaching draw draws drew drawn drawing`.split(/\s+/),
);
const CAUSAL_VERBS = new Set('made makes caused causes prompted prompts led leads drove drives forced forces'.split(' '));
const COPULAS = new Set(['is', 'was', 'are', 'were']);
/** `What kind of …`: the answer says what sort of thing something is. */
const KIND_WORDS = new Set('kind kinds sort sorts type types genre genres'.split(' '));
const QUANTITY_WORDS = new Set('many much old long far big large tall often'.split(' '));
/** Salience kept by the words qualifying the asked-for noun of a which/what question. */
const MODIFIER_SHARE = 0.5;
/**
 * Salience kept by a word the corpus never uses (no exact match anywhere): it can only match through
 * a relation or a word vector, evidence that is less sure than the word itself.
 */
const ABSENT_SHARE = 0.6;
const PAST_TENSE = /[^e]ed$/;
/** A past participle, regular or in -en (`targeted`, `written`). */
const PARTICIPLE = /(ed|en)$/;
/** Words for the article's pictures (not `picture`, which is as often a film). */
const PHOTO_WORDS = new Set('photo photos photograph photographs pictured image images caption'.split(' '));
/** Particles of phrasal verbs that are stop words (`call off`, `pull out`). */
const PARTICLES = new Set('out up off down over in on into away through about'.split(' '));
/** A synonym at least this close stands for a name (`NSC` for the National Security Council). */
const STRONG_SYNONYM = 0.8;
/** Letters two words of one root share at the start (conclu-sion, conclu-ded), as a relation tells them from look-alikes. */
const SAME_ROOT = 6;
/** Weight of a relation between words of one root: that of a derived form. */
const DERIVED = 0.9;

/** Shortest first part, and last word, of a closed compound (`cyber` + `attack`). */
const COMPOUND_PARTS = { first: 3, last: 4 } as const;
/** Weight of a compound's last word for the compound: a kind of it (cyberattack → attack), as close as a hypernym. */
const COMPOUND_HEAD = 0.9;

/** The longest word WordNet knows that ends a closed compound (`attack` in `cyberattack`), if any. */
function compoundHead(word: string, lexicon: Lexicon): string | undefined {
  if (!/^\p{Ll}+$/u.test(word)) return undefined;
  for (let k = COMPOUND_PARTS.first; k <= word.length - COMPOUND_PARTS.last; k++) {
    if (lexicon.findWord(word.slice(k)).length > 0) return word.slice(k);
  }
  return undefined;
}

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Longest noun phrase read after `the name of`, in words (`Sony Pictures' chief executive`). */
const MAX_NAMED_PHRASE = 5;
/** Longest collocation looked up, in words. */
const MAX_COLLOCATION = 3;
/** Most concepts taken from one question; the rest is ignored (bounded work for hostile input). */
const MAX_CONCEPTS = 24;

interface Token {
  lower: string;
  term: string | undefined;
  capitalized: boolean;
}

function tokenize(question: string): Token[] {
  return casedWords(question).map((word, position) => {
    const raw = word.toLowerCase();
    // A possessive is looked up as its word (company's: company), in WordNet as in the corpus terms.
    const lower = STOPWORDS.has(raw) ? raw : raw.replace(/'s$/, '');
    const term = STOPWORDS.has(raw) ? undefined : termOf(lower);
    const usable = term !== undefined && (term.length > 1 || /\p{N}/u.test(term));
    return { lower, term: usable ? term : undefined, capitalized: position > 0 && /^\p{Lu}/u.test(word) };
  });
}

/** What a question asks for: the kind of answer, and the words that say it (see {@link AnalyzedQuery}). */
interface AskedFor {
  type: AnswerType;
  /** The word that only names the kind (`year` in `what year`), which is no evidence; -1 when none. */
  typeWord: number;
  /** The asked-for noun (`chains` in `which theater chains`) or act, and the words qualifying it. */
  head?: number;
  modifiers?: number[];
  /** The words that can state the act of a who-question. */
  acts?: number[];
  /** `Who is the chief executive of …`: the head names a role, and the answer is its holder's name. */
  role?: boolean;
}

/**
 * The noun phrase starting at `from`: up to three content words; its last word is the head (theater
 * *chains*). It ends before a past-tense verb (`which cinemas *pulled* out`); its first word may be
 * a participle (`which armed groups`).
 */
function nounPhrase(tokens: readonly Token[], from: number): number[] {
  const phrase: number[] = [];
  for (let j = from; j < tokens.length && phrase.length < 3 && tokens[j].term !== undefined && !AUXILIARIES.has(tokens[j].lower); j++) {
    if (j > from && PAST_TENSE.test(tokens[j].lower)) break;
    phrase.push(j);
  }
  return phrase;
}

/** `going to` at `k`: a future, not an act of going. */
function goingTo(tokens: readonly Token[], k: number): boolean {
  return tokens[k].lower === 'going' && tokens[k + 1]?.lower === 'to';
}

/**
 * What a who-question asks about, from its question word at `i`: the word for the act (`who
 * claimed`, `who would have starred`; past a light verb to its object, `who gave the orders`), or
 * the noun phrase of `who is the North Korean dictator` and `on whose instructions`. The name that
 * answers stands near it.
 */
function askedAboutPerson(tokens: readonly Token[], i: number): Omit<AskedFor, 'type' | 'typeWord'> {
  let j = i + 1;
  if (tokens[i].lower !== 'whose') {
    // `who was going to star`: `going to` says when, the act is the verb after it.
    while (j < tokens.length && (AUXILIARIES.has(tokens[j].lower) || goingTo(tokens, j))) j += goingTo(tokens, j) ? 2 : 1;
    if (j < tokens.length && tokens[j].term !== undefined && !tokens[j].capitalized) {
      // `promised to bring`, `took credit for breaking in`: the verb after `to` or `for` states the act as well.
      const complement = (at: number): number[] =>
        (tokens[at]?.lower === 'to' || tokens[at]?.lower === 'for') && tokens[at + 1]?.term !== undefined && !tokens[at + 1].capitalized ? [at + 1] : [];
      // `Who was targeted by …` asks who underwent the act; the story may put it otherwise (`the victim of`).
      const passive = PASSIVE_AUXILIARIES.has(tokens[j - 1]?.lower ?? '') && PARTICIPLE.test(tokens[j].lower);
      if (!LIGHT_VERBS.has(tokens[j].lower)) {
        const acts = passive ? complement(j + 1) : [j, ...complement(j + 1)];
        return { head: j, modifiers: [], acts: acts.length > 0 ? acts : undefined };
      }
      let object = j + 1;
      while (object < tokens.length && tokens[object].term === undefined) object++;
      const head = object < tokens.length && !tokens[object].capitalized ? object : j;
      return { head, modifiers: [], acts: [head, ...complement(head + 1)] };
    }
    if (!DETERMINERS.has(tokens[j]?.lower ?? '')) return {};
    j++;
  }
  const phrase = nounPhrase(tokens, j);
  return phrase.length > 0 ? { head: phrase[phrase.length - 1], modifiers: phrase.slice(0, -1), role: tokens[i].lower !== 'whose' } : {};
}

/** The answer type a noun phrase asks for (`which theater chains`, `what year`): from the WordNet classes of its words, last first. */
function askedByNounPhrase(
  tokens: readonly Token[],
  phrase: readonly number[],
  context: QueryContext,
): AskedFor {
  if (phrase.length === 0) return { type: 'any', typeWord: -1 };
  const first = tokens[phrase[0]].lower;
  if (phrase.length === 1 && (first === 'year' || first === 'years')) return { type: 'year', typeWord: phrase[0] };
  for (const j of [...phrase].reverse()) {
    let classes = 0;
    for (const index of context.lexicon.findWord(tokens[j].lower)) classes |= context.lexicon.nounClasses(index);
    if (classes & NounClass.time) return { type: 'date', typeWord: phrase.length === 1 ? j : -1 };
    if (classes & NounClass.motive) return { type: 'reason', typeWord: phrase.length === 1 ? j : -1 };
    if (classes & NounClass.quantity) return { type: 'quantity', typeWord: -1 };
    const head = phrase[phrase.length - 1];
    const modifiers = phrase.slice(0, -1);
    if (classes & NounClass.person) return { type: 'person', typeWord: -1, head, modifiers };
    if (classes & (NounClass.group | NounClass.location)) return { type: 'entity', typeWord: -1, head, modifiers };
  }
  return { type: 'any', typeWord: -1 };
}

/**
 * `What promise did X make?`, `What statement did X issue?`: the question asks what X said, in a
 * noun for something said and a verb that only utters it. Gives the noun and the verb.
 */
function speechNounQuestion(tokens: readonly Token[]): { noun: number; verb: number } | undefined {
  const noun = tokens.findIndex((token) => token.lower === 'what' || token.lower === 'which') + 1;
  if (noun === 0 || !SPEECH_NOUNS.has(tokens[noun]?.lower ?? '') || !AUXILIARIES.has(tokens[noun + 1]?.lower ?? '')) return undefined;
  const verb = tokens.findIndex((token, k) => k > noun + 1 && UTTERING_VERBS.has(token.lower));
  return verb === -1 ? undefined : { noun, verb };
}

/**
 * The speaker's words when the question asks what somebody said: the content words next to a
 * saying word (`what did the council say`, `according to officials`), or between the auxiliary and
 * the verb of `what promise did the council make`. `What did they say about …` and `what does the
 * story say` name nobody (pronouns and the story are stop words): they ask about the story, and
 * give none.
 */
function speakerOf(tokens: readonly Token[], speechNoun: { noun: number; verb: number } | undefined): number[] {
  const contentIn = (from: number, to: number): number[] => tokens.slice(from, to).flatMap((token, k) => (token.term !== undefined ? [from + k] : []));
  const at = tokens.findIndex((token) => SAYING_WORDS.has(token.lower));
  if (at === -1) return speechNoun === undefined ? [] : contentIn(speechNoun.noun + 2, speechNoun.verb);
  // `X is said to …`, `How is X described?`: a passive says something about X, not what X said.
  const passive = /(ed|said|told)$/.test(tokens[at].lower) && tokens.slice(0, at).some((token) => PASSIVE_AUXILIARIES.has(token.lower));
  if (passive) return [];
  if (tokens[at].lower === 'according') {
    // `According to officials, which …`: the speaker ends where the question begins.
    let to = at + 1;
    while (to < tokens.length && to <= at + SPEAKER_WORDS && !QUESTION_WORDS.has(tokens[to].lower)) to++;
    return contentIn(at + 1, to);
  }
  // The speaker is the subject: after the auxiliary of `which freedoms did the council say`.
  let from = Math.max(0, at - SPEAKER_WORDS);
  for (let k = at - 1; k >= from; k--) if (AUXILIARIES.has(tokens[k].lower)) from = k + 1;
  return contentIn(from, at);
}

/**
 * The main verb of an affirmative wh-question, where it is plain to see: the word after `who`
 * (`who showed`), after the auxiliaries that follow the question word (`which chains did show`,
 * `what was cancelled`), or ending a which-phrase (`which chains showed`). A yes/no question has
 * none: a negated statement answers it.
 */

function assertedVerb(tokens: readonly Token[]): number | undefined {
  if (tokens.length === 0 || AUXILIARIES.has(tokens[0].lower) || tokens.some((token) => isNegation(token.lower))) return undefined;
  const w = tokens.findIndex((token) => QUESTION_WORDS.has(token.lower));
  if (w === -1) return undefined;
  const isVerb = (k: number): boolean => tokens[k]?.term !== undefined && !tokens[k].capitalized && !AUXILIARIES.has(tokens[k].lower);
  if (tokens[w].lower === 'who' && isVerb(w + 1)) return w + 1;
  if (tokens[w].lower === 'which' || tokens[w].lower === 'what') {
    const after = w + 1 + nounPhrase(tokens, w + 1).length;
    if (PAST_TENSE.test(tokens[after]?.lower ?? '') && isVerb(after)) return after;
  }
  let k = w + 1;
  while (k < tokens.length && !AUXILIARIES.has(tokens[k].lower) && k - w <= 4) k++;
  if (k - w > 4 || k >= tokens.length) return undefined;
  // `was going to star`: the act is the verb after `going to`.
  const skipAuxiliaries = (): void => {
    while (k < tokens.length && (AUXILIARIES.has(tokens[k].lower) || PASSIVE_AUXILIARIES.has(tokens[k].lower) || goingTo(tokens, k))) k += goingTo(tokens, k) ? 2 : 1;
  };
  skipAuxiliaries();
  if (isVerb(k)) return k;
  // `What options did the official detail?`, `What did Sony cancel on Wednesday?`: a subject, then the
  // verb, which ends the run of content words (`will The Interview be released`: after the auxiliary).
  while (DETERMINERS.has(tokens[k]?.lower ?? '')) k++;
  const from = k;
  // (A name after a lower-case word is the object: `did the breach affect Sony executives`.)
  while (k < tokens.length && tokens[k].term !== undefined && !(k > from && tokens[k].capitalized && !tokens[k - 1].capitalized)) k++;
  if (k - from >= 2) return isVerb(k - 1) ? k - 1 : undefined;
  skipAuxiliaries();
  return k > from && isVerb(k) ? k : undefined;
}

/** Whether the question asks for names in so many words (`the name of`, `by name`, `their names`; not the imperative `Name the …`). */
function asksForNames(tokens: readonly Token[]): boolean {
  return tokens.some((token, k) => k > 0 && (token.lower === 'name' || token.lower === 'names'));
}

/** `What is the name of Sony's chief executive?`: the noun phrase after `name of` says what is asked for; its last word is the head. */
function namedPhrase(tokens: readonly Token[]): number[] {
  const at = tokens.findIndex((token, k) => k > 0 && (token.lower === 'name' || token.lower === 'names') && tokens[k + 1]?.lower === 'of');
  if (at === -1) return [];
  let j = at + 2;
  while (DETERMINERS.has(tokens[j]?.lower ?? '')) j++;
  const phrase: number[] = [];
  for (; j < tokens.length && phrase.length < MAX_NAMED_PHRASE && tokens[j].term !== undefined && !AUXILIARIES.has(tokens[j].lower); j++) phrase.push(j);
  return phrase;
}

function answerTypeOf(
  tokens: readonly Token[],
  context: QueryContext,
): AskedFor {
  const first = tokens[0]?.lower;
  if (first !== undefined && AUXILIARIES.has(first)) return { type: 'yesno', typeWord: -1 };
  // `Name the chains that …`, `List the …`: an imperative asks like `which`.
  if (first !== undefined && IMPERATIVES.has(first)) return askedByNounPhrase(tokens, nounPhrase(tokens, DETERMINERS.has(tokens[1]?.lower ?? '') ? 2 : 1), context);
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].lower;
    if (word === 'who' || word === 'whom' || word === 'whose') return { type: 'person', typeWord: -1, ...askedAboutPerson(tokens, i) };
    if (word === 'when') return { type: 'date', typeWord: -1 };
    if (word === 'where') return { type: 'place', typeWord: -1 };
    if (word === 'why') return { type: 'reason', typeWord: -1 };
    if (word === 'how') {
      const next = tokens[i + 1]?.lower;
      return next !== undefined && QUANTITY_WORDS.has(next) ? { type: 'quantity', typeWord: i + 1 } : { type: 'any', typeWord: -1 };
    }
    if (word === "what's" && tokens[tokens.length - 1].lower === 'about') return { type: 'description', typeWord: -1 };
    if (word === 'what' || word === 'which') {
      const next = tokens[i + 1]?.lower ?? '';
      // `What made / caused / prompted …`: a cause is asked for.
      if (word === 'what' && CAUSAL_VERBS.has(next)) return { type: 'reason', typeWord: -1 };
      // `What is X about?`, `What kind of film is X?`: a description of X.
      if (word === 'what' && COPULAS.has(next) && tokens[tokens.length - 1].lower === 'about') return { type: 'description', typeWord: -1 };
      if (KIND_WORDS.has(next) && tokens[i + 2]?.lower === 'of') return { type: 'description', typeWord: i + 1 };
      return askedByNounPhrase(tokens, nounPhrase(tokens, i + 1), context);
    }
  }
  return { type: 'any', typeWord: -1 };
}

export function analyzeQuery(question: string, context: QueryContext): AnalyzedQuery {
  const { lexicon, termIndex } = context;
  const tokens = tokenize(question);
  const asked = answerTypeOf(tokens, context);
  const namesAsked = asksForNames(tokens);
  const named = namesAsked && asked.head === undefined ? namedPhrase(tokens) : [];
  const { type: answerType, typeWord, head, modifiers, acts, role } =
    named.length > 0 ? { ...asked, ...askedByNounPhrase(tokens, named, context), head: named[named.length - 1], modifiers: named.slice(0, -1) } : asked;
  const speechNoun = speechNounQuestion(tokens);
  const verb = assertedVerb(tokens);
  const assertedActs: number[] = [];
  const saidConcepts: number[] = [];
  const phraseConcepts: number[] = [];
  const actConcepts: number[] = [];
  const maxIdf = bm25Idf(context.sentenceCount, 0);
  const specificity = (df: number): number => (maxIdf > 0 ? bm25Idf(context.sentenceCount, df) / maxIdf : 1);
  const askedTerms = new Set<number>();

  const slotOf = (token: Token, isName: boolean): { slot: Alternative[]; df: number; rarity: number } => {
    const slot: Alternative[] = [];
    const id = termIndex.get(token.term!);
    if (id !== undefined) {
      slot.push([id, 1]);
      askedTerms.add(id);
    }
    let rarity = 1;
    if (isName) return { slot, df: id === undefined ? 0 : context.documentFrequency[id], rarity };
    let word = token.lower;
    let entries = lexicon.findWord(word);
    // A closed compound neither the story nor WordNet knows (`cyberattack`) is a kind of its last word (attack).
    let scale = 1;
    const head = id === undefined && entries.length === 0 ? compoundHead(word, lexicon) : undefined;
    if (head !== undefined) {
      word = head;
      entries = lexicon.findWord(head);
      scale = COMPOUND_HEAD;
      const headId = termIndex.get(termOf(head));
      if (headId !== undefined) slot.push([headId, scale]);
    }
    // A form of several words (`found`: find, found) is mostly the commoner one: each word's relations
    // count by how common it is against the commonest (found ~ originate, through *found*, counts less).
    const commonness = entries.map((index) => 1 - lexicon.rarity(index));
    const mostCommon = Math.max(...commonness);
    entries.forEach((index, e) => {
      rarity = Math.min(rarity, lexicon.rarity(index));
      const share = mostCommon > 0 ? commonness[e] / mostCommon : 1;
      if (context.expansionWeight > 0) {
        lexicon.forEachTarget(index, (concept, weight) => {
          // A relation between words of one root (conclusion, concluded) is as close as a derived form.
          const sameRoot = concept < lexicon.data.termCount && sharedPrefix(word, context.terms[concept]) >= SAME_ROOT;
          slot.push([concept, Math.max(weight, sameRoot ? DERIVED : 0) * scale * share * context.expansionWeight]);
        });
      }
    });
    return { slot, df: id === undefined ? 0 : context.documentFrequency[id], rarity };
  };

  // Group the words: runs of capitalized words are names; WordNet collocations (movie house) are one concept.
  const concepts: QueryConcept[] = [];
  /** The concept each question word went into. */
  const conceptOfToken = new Map<number, number>();
  const used = new Set<number>();
  const addConcept = (indexes: number[], whole: Alternative[], wholeRarity: number | undefined, isName: boolean): void => {
    const parts: Alternative[][] = [];
    let df = Number.POSITIVE_INFINITY;
    let rarity = 0;
    if (head !== undefined && indexes.some((i) => i === head || modifiers?.includes(i))) phraseConcepts.push(concepts.length);
    if (acts !== undefined && indexes.some((i) => acts.includes(i))) actConcepts.push(concepts.length);
    if (speechNoun !== undefined && indexes.includes(speechNoun.noun)) saidConcepts.push(concepts.length);
    if (verb !== undefined && indexes.includes(verb)) assertedActs.push(concepts.length);
    for (const i of indexes) {
      conceptOfToken.set(i, concepts.length);
      const { slot, df: partDf, rarity: partRarity } = slotOf(tokens[i], isName);
      parts.push(slot);
      df = Math.min(df, partDf);
      rarity = Math.max(rarity, partRarity);
      used.add(i);
    }
    if (isName) rarity = 1;
    else if (wholeRarity !== undefined) rarity = wholeRarity;
    // Words that only qualify what is asked for (*theater* in `which theater chains`) are often left
    // out next to the answer (`… were among the chains`): they count for less.
    const qualifier = modifiers !== undefined && indexes.every((i) => modifiers.includes(i)) ? MODIFIER_SHARE : 1;
    const absent = !isName && parts.every((slot) => slot.every(([, weight]) => weight < 1)) ? ABSENT_SHARE : 1;
    const salience = absent * qualifier * rarity * specificity(Number.isFinite(df) ? df : 0);
    concepts.push({
      text: indexes.map((i) => tokens[i].lower).join(' '),
      parts,
      whole,
      salience,
      words: indexes.map((i) => tokens[i].lower),
      termIds: indexes.map((i) => termIndex.get(tokens[i].term!) ?? -1),
      isName,
    });
  };

  /** What a lexicon entry (a name, a collocation) can stand for as a whole. */
  const wholeOf = (index: number): Alternative[] => {
    const whole: Alternative[] = [];
    if (context.expansionWeight > 0) lexicon.forEachTarget(index, (concept, weight) => whole.push([concept, weight * context.expansionWeight]));
    return whole;
  };
  /** Adds the words at `content` as one concept when one of `forms` is a lexicon entry that stands for something. */
  const addCollocation = (forms: Iterable<string>, content: number[]): boolean => {
    for (const form of forms) {
      const index = lexicon.find(form);
      const whole = wholeOf(index);
      if (whole.length === 0) continue;
      addConcept(content, whole, lexicon.rarity(index), false);
      return true;
    }
    return false;
  };

  for (let i = 0; i < tokens.length && concepts.length < MAX_CONCEPTS; i++) {
    if (tokens[i].term === undefined || used.has(i) || i === typeWord || i === speechNoun?.verb || (i === 0 && IMPERATIVES.has(tokens[0].lower))) continue;
    if (tokens[i].capitalized) {
      const run = [i];
      while (run.length < 6 && tokens[i + run.length]?.capitalized && tokens[i + run.length].term !== undefined) run.push(i + run.length);
      // The name as a whole may have WordNet synonyms (America for the United States).
      addConcept(run, wholeOf(lexicon.find(run.map((j) => tokens[j].lower).join(' '))), undefined, true);
      continue;
    }
    let matched = false;
    for (let n = MAX_COLLOCATION; n >= 2 && !matched; n--) {
      const run = tokens.slice(i, i + n);
      const last = run[run.length - 1];
      if (run.length !== n || last.term === undefined || run.some((t, k) => t.capitalized || used.has(i + k))) continue;
      const content = run.map((t, k) => (t.term === undefined ? -1 : i + k)).filter((k) => k >= 0);
      const heads = baseForms(run[0].lower);
      const tails = baseForms(last.lower);
      const middle = run.slice(1, -1).map((t) => t.lower);
      matched = addCollocation(new Set([...tails.map((tail) => [run[0].lower, ...middle, tail].join(' ')), ...heads.map((head) => [head, ...middle, last.lower].join(' '))]), content);
    }
    // A phrasal verb whose particle is a stop word (`called off`, `pulled out`) is looked up whole.
    const particle = tokens[i + 1];
    if (!matched && particle !== undefined && particle.term === undefined && PARTICLES.has(particle.lower)) {
      matched = addCollocation(baseForms(tokens[i].lower).map((verb) => `${verb} ${particle.lower}`), [i]);
    }
    if (!matched) addConcept([i], [], undefined, false);
  }
  const speaker = speakerOf(tokens, speechNoun);
  // The speaker's words in order; for a name the story writes otherwise, the words of its synonym (`NSC`: National Security Council).
  const speakerTerms = new Set<number>();
  for (const i of speaker) {
    const id = termIndex.get(tokens[i].term!);
    const c = conceptOfToken.get(i);
    if (id !== undefined) speakerTerms.add(id);
    else if (c !== undefined && concepts[c].isName) {
      for (const [alternative, weight] of concepts[c].whole) {
        if (weight < STRONG_SYNONYM) continue;
        const terms = lexicon.conceptTerms(alternative);
        for (let k = 0; k < terms.length; k++) speakerTerms.add(terms[k]);
      }
    }
  }
  // A name the story has no word for, neither its own nor a synonym (`NSC` for the National Security Council).
  const unmatchedName = (c: number | undefined): boolean =>
    c !== undefined && concepts[c].isName && concepts[c].termIds.every((id) => id < 0) && concepts[c].whole.every(([, weight]) => weight < STRONG_SYNONYM);
  const speakerAbsent = speaker.some((i) => tokens[i].capitalized && unmatchedName(conceptOfToken.get(i)));
  const photoConcepts = concepts.flatMap((concept, c) => (concept.words.some((word) => PHOTO_WORDS.has(word)) ? [c] : []));
  const unknownName = concepts.find((c) => c.isName && c.words.some((word, p) => c.termIds[p] < 0 && lexicon.findWord(word).length === 0))?.text;
  return { concepts, answerType, askedTerms, phraseConcepts, actConcepts, assertedActs, namesAsked, roleAsked: role === true, asksWhatWasSaid: speaker.length > 0, speakerTerms, speakerAbsent, saidConcepts, photoConcepts, unknownName };
}
