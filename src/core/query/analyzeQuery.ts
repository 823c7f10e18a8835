import { bm25Idf } from '../retrieval/bm25.js';
import { NounClass, type Lexicon } from '../lexicon/lexicon.js';
import { baseForms } from '../lexicon/morphy.js';
import type { SentenceKind } from '../types.js';
import { termOf } from '../text/terms.js';
import { callsSomething, goingTo, reportsClause, PARTICLES, readQuestion, type AnswerType, type Token } from './questionForm.js';
import type { SpellingCorrector } from './spelling.js';

export type { AnswerType } from './questionForm.js';

/**
 * Question analysis: which concepts a question asks about (each with the corpus terms that can
 * stand for it and how salient it is) and what kind of answer it wants.
 */

/** A corpus concept (term id, or phrase id from the lexicon) and how well it matches, 0..1. */
export type Alternative = readonly [concept: number, weight: number];

/** A part of an article besides its running text, by the kind of its sentences. */
export type ArticlePart = Extract<SentenceKind, 'caption' | 'title'>;

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
  /**
   * `What do the hackers call themselves?`: the concepts of who names themselves (`the people who say
   * they hacked Sony`), whose name the answer gives; empty otherwise.
   */
  selfNamed: number[];
  /** `Which country …`: a place is asked for by name. */
  placeAsked: boolean;
  /**
   * `Which executives were embarrassed?`, `Name the actors …`: people are asked for by a noun. A
   * sentence that mentions them by that noun and names nobody next to it (`several high-profile Sony
   * executives`) does not say which.
   */
  peopleAsked: boolean;
  /**
   * `From which country was the attack launched?`: the place is asked for as where something is or
   * comes from, which a place after a preposition of place answers (`from China`); a place that
   * qualifies a noun (`the North Korean government`, `U.S. officials`) says whose, not where.
   */
  placeLocative: boolean;
  /** `What is X about?`, `what is the plot of X?`: only a description of X answers. */
  toldAsked: boolean;
  /**
   * No sentence of the story's body reports the speaker's words: the question names a speaker the
   * story never mentions (`What did President Obama say?`), or a part of the article (`according to the headline`).
   */
  speakerAbsent: boolean;
  /** The speaker is a country (`the United States`): it speaks through its officials and agencies, so any reported speech may be its. */
  speakerIsPlace: boolean;
  /**
   * `What did the threats say?`: the speaker is a text or a message, whose words only a report of it
   * gives (its term next to a reporting word); -1 when the story never uses the word, undefined when the speaker is no text.
   */
  speakerText: number | undefined;
  /** The concepts any report of speech stands for: `promise` in `What promise did X make?`. */
  saidConcepts: number[];
  /**
   * `When did Sony put out its statement?`: the terms of the owner's name, the concepts of what it
   * said, which only a report of the owner's words matches, and the concepts of the owner's name.
   */
  ownedStatement: { ownerTerms: Set<number>; concepts: number[]; ownerConcepts: number[] } | undefined;
  /**
   * `Which chains refused to screen the film?`: the refusing concept, and the concept of the act
   * refused, which a sentence states negated (`would not show the film`).
   */
  refusals: { refusal: number; act: number }[];
  /** The concepts of the whole asked-for noun phrase (`news organization`): its head and the words qualifying it. */
  phraseConcepts: number[];
  /** `What sanctions did …`: the concept of the kind of thing asked for, which a sentence that answers mentions. */
  kindConcept: number | undefined;
  /**
   * The WordNet noun lexicographer files of the kind's word (see `supersenseBit`): a word the vectors
   * find close stands for the kind only if it is a noun of one of them (`genre` ~ comedy, both
   * noun.communication; not `malware` ~ hack). 0 when there is no kind, or WordNet does not know it.
   */
  kindSupersenses: number;
  /** `How many executives …`: the concept of the noun counted. */
  countedConcept: number | undefined;
  /**
   * `Who <did what> …`: the concepts that can state the act (`claimed`; `orders` in `who gave the
   * orders`; `promised` or `bring` in `who promised to bring …`), and in any question a saying word
   * that is an act of its own (`Did North Korea deny …?`). The sentence that answers states one.
   */
  actConcepts: number[];
  /**
   * The act is one of saying something, which any reported speech states: `who is quoted as saying`,
   * `who called the attack an assault` (not `who called off the release`, a phrasal verb).
   */
  actIsSaying: boolean;
  /** The act is a state (`who was left red-faced`), which a similar adjective states as well (`embarrassed`). */
  actIsState: boolean;
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
  /**
   * `What is the full name of the Sony unit …?`: the terms of the names the question gives, which the
   * answer's name holds and goes on from (`Sony Pictures Entertainment`); empty otherwise.
   */
  shortNames: Set<number>;
  /**
   * The part of the article the question names (`Who is shown in the photo?`, `according to the
   * headline`) and the concepts that name it: that part's sentences (captions, titles) may answer,
   * and only they match those words.
   */
  askedPart: { kind: ArticlePart; concepts: number[] } | undefined;
  /**
   * `Was it released online or on video on demand?`: the concepts of each alternative offered. A
   * sentence that answers states one of them in words; one that states neither cannot say which.
   */
  alternatives: number[][];
  /** `Which chain was the first to pull the film?`: the concept of the order asked for, which a sentence that answers states in words. */
  orderConcept: number | undefined;
  /** `Which other film …`: the concepts of the thing asked for as another of its kind (see `QuestionForm.another`). */
  anotherConcepts: number[];
  /** Corpus terms of the names the question gives, as written or as the story spells them (`US`: the U.S.). */
  givenNames: Set<number>;
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
  /** Takes a word nothing knows for the story term it misspells; without it, words are read as written. */
  spelling?: SpellingCorrector;
  /** Whether the story writes a term as a name (mostly capitalized); without it, none is. */
  isNameTerm?: (term: number) => boolean;
}

/** Salience kept by the words qualifying the asked-for noun of a which/what question. */
const MODIFIER_SHARE = 0.5;
/**
 * Salience kept by a word the corpus never uses (no exact match anywhere): it can only match through
 * a relation or a word vector, evidence that is less sure than the word itself.
 */
const ABSENT_SHARE = 0.6;
/**
 * Words for the parts of an article that are not its running text, and the kind of sentence each
 * names: the photo (not `picture`, which is as often a film) by its caption, the headline by the title.
 */
const PART_WORDS: ReadonlyMap<string, ArticlePart> = new Map([
  ...'photo photos photograph photographs pictured image images caption'.split(' ').map((word) => [word, 'caption'] as const),
  ...'headline headlines'.split(' ').map((word) => [word, 'title'] as const),
]);
/** Words for the photo only in `in the …`, or before a place in the article (`the pic with the article`, `the picture up top`). */
const PICTURE_WORDS = new Set(['picture', 'pic']);
/** Words that place a picture in the article (`with the article`, `at the top`, `up top`). */
const PLACE_IN_ARTICLE = new Set('with at atop above up'.split(' '));
/** … and, for a `pic`, which is seldom the film, `in the story` too (`Which picture in the story was pulled?` asks for the film). */
const PLACE_OF_PIC = new Set([...PLACE_IN_ARTICLE, 'in', 'on']);
const ARTICLE_WORDS = new Set('article story piece post top'.split(' '));
/**
 * Acts that any reported speech states (`who is quoted as saying …`, `who spoke to NBC`); acts such
 * as writing, claiming or denying say what was done, and must be stated.
 */
const SAYING_ACTS = new Set(
  'quote quotes quoted quoting speak speaks spoke spoken speaking state states stated stating statement statements announce announces announced announcement comment comments commented remark remarks remarked'.split(' '),
);
/** A match at least this close (an exact word, a synonym, a derived form) is as good as the word: it anchors evidence, states an act, stands for a name (`NSC`). */
export const STRONG_MATCH = 0.8;
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

/** How WordNet may write a collocation: with spaces, or with hyphens (red-faced, co-star), at which the question's words split. */
function spellings(words: readonly string[]): string[] {
  return [words.join(' '), words.join('-')];
}

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Whether the words from `k` on place something in the article: one of `places`, then stop words, then `article`, `story`, `top` (`with the article`, `up at the top`). */
function placedInArticle(tokens: readonly Token[], k: number, places: ReadonlySet<string>): boolean {
  if (!places.has(tokens[k]?.lower)) return false;
  let j = k + 1;
  while (j < tokens.length && tokens[j].term === undefined && !ARTICLE_WORDS.has(tokens[j].lower)) j++;
  return ARTICLE_WORDS.has(tokens[j]?.lower);
}

/** Longest collocation looked up, in words. */
const MAX_COLLOCATION = 3;
/** Answers that say who made a claim, or whether one was made: there the verb of claiming is what is asked about. */
const CLAIMANT_TYPES: ReadonlySet<AnswerType> = new Set(['person', 'entity', 'yesno']);
/** Most concepts taken from one question; the rest is ignored (bounded work for hostile input). */
const MAX_CONCEPTS = 24;

export function analyzeQuery(question: string, context: QueryContext): AnalyzedQuery {
  const { lexicon, termIndex } = context;
  const { tokens: written, asked, namesAsked, fullNameAsked, speechNoun, verb, speaker, textSpeaker, statementOwner, statedSpeech, refusals: refusalWords, imperative, locative, alternatives: alternativeWords, ordinal, another, lightVerbs, selfNaming } = readQuestion(question, lexicon);
  const { type: answerType, typeWord, head, modifiers, acts, role, lightVerb } = asked;
  // Slips are looked for only among the words that can become concepts.
  let contentWords = 0;
  const tokens = written.map((token) => {
    if (token.term === undefined || contentWords++ >= MAX_CONCEPTS || termIndex.has(token.term)) return token;
    const id = context.spelling?.correct(token.lower, token.term);
    return id === undefined ? token : { ...token, term: context.terms[id] };
  });
  const assertedActs: number[] = [];
  const saidConcepts: number[] = [];
  const phraseConcepts: number[] = [];
  const actConcepts: number[] = [];
  const maxIdf = bm25Idf(context.sentenceCount, 0);
  const specificity = (df: number): number => (maxIdf > 0 ? bm25Idf(context.sentenceCount, df) / maxIdf : 1);
  const askedTerms = new Set<number>();

  /** In how many sentences a concept (a term, or a phrase by its rarest word) can stand. */
  const conceptFrequency = (concept: number): number => {
    const terms = lexicon.conceptTerms(concept);
    let df = Number.POSITIVE_INFINITY;
    for (let k = 0; k < terms.length; k++) df = Math.min(df, context.documentFrequency[terms[k]]);
    return Number.isFinite(df) ? df : 0;
  };
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
    const compound = id === undefined && entries.length === 0 ? compoundHead(word, lexicon) : undefined;
    if (compound !== undefined) {
      word = compound;
      entries = lexicon.findWord(compound);
      scale = COMPOUND_HEAD;
      const headId = termIndex.get(termOf(compound));
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
    if (indexes.some((i) => acts?.includes(i) || statedSpeech.includes(i))) actConcepts.push(concepts.length);
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
    // A name the story writes otherwise (`American` for the U.S.) is as specific as the words that stand for it.
    if (isName && df === 0) df = Math.max(0, ...whole.filter(([, weight]) => weight >= STRONG_MATCH).map(([alternative]) => conceptFrequency(alternative)));
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
  /** Whether the words at `content` that the story uses are all names there, and some are (`south korea`; not `movie house`, though the story writes `House` only in `White House`). */
  const namesOnly = (content: readonly number[]): boolean => {
    const ids = content.flatMap((k) => termIndex.get(tokens[k].term!) ?? []);
    return ids.length > 0 && ids.every((id) => context.isNameTerm?.(id) === true);
  };
  /** Adds the words at `content` as one concept when one of `forms` is a lexicon entry that stands for something. */
  const addCollocation = (forms: Iterable<string>, content: number[]): boolean => {
    for (const form of forms) {
      const index = lexicon.find(form);
      const whole = wholeOf(index);
      if (whole.length === 0) continue;
      // One of the story's names, and words it does not use, is a name written lowercase (`south korea`):
      // matched by its own words and synonyms, not by what the vectors put close (south ~ north).
      addConcept(content, whole, lexicon.rarity(index), namesOnly(content));
      return true;
    }
    return false;
  };

  // `How hard does the government claim it is working?` asks what is claimed, like `say`; `who claimed it hacked Sony`
  // asks who made the claim, and `does North Korea claim …` whether it did.
  const reportsOnly = (i: number): boolean => !CLAIMANT_TYPES.has(answerType) && reportsClause(tokens, i);
  for (let i = 0; i < tokens.length && concepts.length < MAX_CONCEPTS; i++) {
    if (tokens[i].term === undefined || used.has(i) || i === typeWord || i === speechNoun?.verb || i === lightVerb || lightVerbs.includes(i) || i === selfNaming?.naming || (i === 0 && imperative) || goingTo(tokens, i) || reportsOnly(i)) continue;
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
      matched = addCollocation(new Set([...tails.flatMap((tail) => spellings([run[0].lower, ...middle, tail])), ...heads.flatMap((head) => spellings([head, ...middle, last.lower]))]), content);
    }
    // A phrasal verb whose particle is a stop word (`called off`, `pulled out`) is looked up whole.
    const particle = tokens[i + 1];
    if (!matched && particle !== undefined && particle.term === undefined && PARTICLES.has(particle.lower)) {
      matched = addCollocation(baseForms(tokens[i].lower).map((verb) => `${verb} ${particle.lower}`), [i]);
    }
    // A word the story only writes as a name, and WordNet does not know, is that name written lowercase (`sony`).
    if (!matched) addConcept([i], [], undefined, namesOnly([i]) && lexicon.findWord(tokens[i].lower).length === 0);
  }
  // A speaker's (or any name's) words in order; for a name, the words of its synonyms too, which the story may write instead (`NSC`: National Security Council; `the United States`: the U.S.).
  const speakerTermsOf = (positions: readonly number[]): Set<number> => {
    const terms = new Set<number>();
    for (const i of positions) {
      const id = termIndex.get(tokens[i].term!);
      const c = conceptOfToken.get(i);
      if (id !== undefined) terms.add(id);
      if (c !== undefined && concepts[c].isName) {
        for (const [alternative, weight] of concepts[c].whole) {
          if (weight < STRONG_MATCH) continue;
          const synonymTerms = lexicon.conceptTerms(alternative);
          for (let k = 0; k < synonymTerms.length; k++) terms.add(synonymTerms[k]);
        }
      }
    }
    return terms;
  };
  const speakerTerms = speakerTermsOf(speaker);
  const conceptsAt = (positions: readonly number[]): number[] => [...new Set(positions.flatMap((i) => conceptOfToken.get(i) ?? []))];
  const ownedStatement = statementOwner && {
    ownerTerms: speakerTermsOf(statementOwner.owner),
    concepts: conceptsAt(statementOwner.nouns),
    ownerConcepts: conceptsAt(statementOwner.owner),
  };
  // A name the story has no word for, neither its own nor a close synonym (`President Obama`; `NSC` has one).
  const unmatchedName = (c: number | undefined): boolean =>
    c !== undefined && concepts[c].isName && concepts[c].termIds.every((id) => id < 0) && concepts[c].whole.every(([, weight]) => weight < STRONG_MATCH);
  // A country speaks through its officials and agencies: `the U.S.`, `the United States` (by its last
  // word), and a word made from a place for the speaker itself or its officials or government (`the
  // North Korean government`; not `the American studio`).
  const isPlaceName = (c: number | undefined): boolean =>
    c !== undefined && concepts[c].isName && (lexicon.wordClasses(concepts[c].words[concepts[c].words.length - 1]) & NounClass.location) !== 0;
  const placeTerm = (term: number): boolean => (lexicon.data.termClasses[term] & NounClass.location) !== 0;
  const madeFromPlace = (c: number | undefined): boolean =>
    c !== undefined &&
    concepts[c].isName &&
    concepts[c].whole.some(([alternative, weight]) => {
      const terms = lexicon.conceptTerms(alternative);
      return weight >= STRONG_MATCH && terms.length > 0 && placeTerm(terms[terms.length - 1]);
    });
  const speakerHead = speaker[speaker.length - 1];
  const headIsAgency = speakerHead !== undefined && (lexicon.wordClasses(tokens[speakerHead].lower) & (NounClass.person | NounClass.group)) !== 0;
  const speakerIsPlace = speaker.some((i) => tokens[i].capitalized && (isPlaceName(conceptOfToken.get(i)) || (madeFromPlace(conceptOfToken.get(i)) && (i === speakerHead || headIsAgency))));
  const speakerText = textSpeaker === undefined ? undefined : (termIndex.get(tokens[textSpeaker].term!) ?? -1);
  // The part of the article each concept names: by a word for it, or `in the picture` (elsewhere a picture is often the film).
  const partOfConcept: (ArticlePart | undefined)[] = concepts.map(() => undefined);
  tokens.forEach((token, i) => {
    const c = conceptOfToken.get(i);
    const inThePicture = PICTURE_WORDS.has(token.lower) && ((tokens[i - 1]?.lower === 'the' && tokens[i - 2]?.lower === 'in') || placedInArticle(tokens, i + 1, token.lower === 'pic' ? PLACE_OF_PIC : PLACE_IN_ARTICLE));
    if (c !== undefined) partOfConcept[c] ??= PART_WORDS.get(token.lower) ?? (inThePicture ? 'caption' : undefined);
  });
  const partKind = partOfConcept.find((part) => part !== undefined);
  const askedPart = partKind === undefined ? undefined : { kind: partKind, concepts: partOfConcept.flatMap((part, c) => (part === partKind ? [c] : [])) };
  const speakerIsPart = speaker.length > 0 && speaker.every((i) => partOfConcept[conceptOfToken.get(i) ?? -1] !== undefined);
  const speakerAbsent = speakerIsPart || speaker.some((i) => tokens[i].capitalized && unmatchedName(conceptOfToken.get(i)));
  const unknownName = concepts.find((c) => c.isName && c.words.some((word, p) => c.termIds[p] < 0 && !lexicon.findWord(word).some((index) => lexicon.knows(index))))?.text;
  // `refused to screen`: the verb of refusing and the act refused, when both are concepts of their own.
  const refusals = refusalWords.flatMap((words) => {
    const refusal = conceptOfToken.get(words.refusal);
    const act = conceptOfToken.get(words.act);
    return refusal !== undefined && act !== undefined && act !== refusal ? [{ refusal, act }] : [];
  });
  const kindConcept = asked.kind === undefined ? undefined : conceptOfToken.get(asked.kind);
  const countedConcept = asked.counted === undefined ? undefined : conceptOfToken.get(asked.counted);
  const kindSupersenses = asked.kind === undefined ? 0 : lexicon.findWord(tokens[asked.kind].lower).reduce((bits, index) => bits | lexicon.supersenses(index), 0);
  const actIsSaying = tokens.some((token, i) => {
    const c = conceptOfToken.get(i);
    return c !== undefined && actConcepts.includes(c) && (SAYING_ACTS.has(token.lower) || callsSomething(tokens, i) || (answerType !== 'yesno' && reportsClause(tokens, i)));
  });
  const alternatives = alternativeWords.map(conceptsAt).filter((alternative) => alternative.length > 0);
  const shortNames = new Set(fullNameAsked ? concepts.flatMap((c) => (c.isName ? c.termIds.filter((id) => id >= 0) : [])) : []);
  return { concepts, answerType, askedTerms, phraseConcepts, kindConcept, kindSupersenses, countedConcept, actConcepts, actIsSaying, actIsState: asked.state === true, assertedActs, namesAsked, roleAsked: role === true, placeAsked: asked.place === true, peopleAsked: asked.people === true, placeLocative: asked.place === true && locative, toldAsked: asked.told === true, asksWhatWasSaid: speaker.length > 0, speakerTerms, speakerAbsent, speakerIsPlace, speakerText, saidConcepts, ownedStatement, refusals, askedPart, unknownName, shortNames, selfNamed: selfNaming === undefined ? [] : conceptsAt(selfNaming.named), alternatives: alternatives.length === 2 ? alternatives : [], orderConcept: ordinal === undefined ? undefined : conceptOfToken.get(ordinal), anotherConcepts: conceptsAt(another), givenNames: speakerTermsOf(tokens.flatMap((_, i) => (concepts[conceptOfToken.get(i) ?? -1]?.isName ? [i] : []))) };
}
