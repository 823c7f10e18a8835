import type { RetrievalSettings } from '../../config.js';
import type { BuiltIndex } from '../index/buildIndex.js';
import { analyzeQuery, STRONG_MATCH, type AnalyzedQuery, type AnswerType, type ArticlePart, type QueryConcept } from '../query/analyzeQuery.js';
import { Acronyms } from '../query/acronyms.js';
import { SpellingCorrector } from '../query/spelling.js';
import { nameRun, namesDay, PositionFlag, SentenceFlag, TermFlag } from '../text/features.js';
import { hasVectors } from '../glove/semanticIndex.js';
import { SoftMatcher, SoftMatchScratch } from '../glove/softMatcher.js';
import { Bm25 } from './bm25.js';
import { SentenceCues, type TermMarks } from './sentenceCues.js';

export interface RankedSentence {
  /** Index into the corpus sentence list. */
  sentence: number;
  /** Ranking score; only its order matters. */
  score: number;
  /** Salience-weighted share of the question's concepts that the sentence matches, 0..1. */
  coverage: number;
  /** Whether the sentence holds the kind of answer the question asks for (a name, a date, a number). */
  typeMatch: boolean;
  /** Confidence that this sentence answers the question, 0..1: coverage, lowered when a strict answer type is missing. */
  confidence: number;
  /**
   * The question's least-matched concept, 0..1: 1 - (its salience / the top salience) × its shortfall.
   * An on-topic question the story cannot answer often has one concept with no counterpart.
   */
  weakest: number;
}

export interface Ranking {
  /** Best first; body sentences, and the captions or titles a question about the photo or headline asks for. */
  sentences: RankedSentence[];
  /** The question's concepts, for diagnostics. */
  queryTerms: string[];
  answerType: AnswerType;
}

/** BM25 candidates per question. */
const SPARSE_CANDIDATES = 30;
/**
 * Confidence kept when a sentence lacks what the question requires: a number, date or year it asks for, a
 * report of what was said, the act a who-question asks about, the name it asks about.
 */
const STRICT_TYPE_MISS = 0.3;
/** What a word of the previous sentence counts for, against one in the sentence itself. */
const CONTEXT_WEIGHT = 0.5;
/**
 * What a word-vector match of the asked noun (`which performers`) counts for on a common word the
 * story writes inside a name (`Entertainment` in `Sony Pictures Entertainment`): there the word
 * names something else, and its vector says little of what the noun asks for.
 */
const NAME_WORD_SHARE = 0.5;
/**
 * How well a sentence must match the kind of thing a what-question asks for (`what sanctions`) to
 * mention it: the word, a synonym, one step up or down WordNet's hierarchy, or a word the vectors
 * find close that is a noun of the same kind (`partSupersenses`); not a part of it, a looser
 * relation, or a mention in the sentence before only. The same holds for the kind that `which other
 * picture` asks for another one of (a film).
 */
const KIND_MATCH = 0.6;
/**
 * What the coverage of a sentence that does not mention the asked kind counts for in the ranking: a
 * little less, so that one that mentions it answers (`what freedoms` → `freedom of speech`). Not as
 * little as a missed requirement: a WordNet sense the story does not use (sanction ~ support) would
 * then put a sentence first on its account.
 */
const KIND_MISS_RANK = 0.9;
/**
 * The same for a sentence that introduces none of the kind a question asks another one of (`which
 * other film`): less than for a kind missed (and both apply when both hold), since a sentence about
 * the story's own film, however well it matches the rest of the question, is not the one asked for.
 */
const ANOTHER_MISS_RANK = 0.75;
/** Share of the confidence that loose matches lose when nothing anchors them. */
const LOOSE_DISCOUNT = 0.5;
const STRICT_TYPES: ReadonlySet<AnswerType> = new Set(['quantity', 'year', 'date']);
/**
 * How closely a sentence must state a state the question asks about (`who was left red-faced`): a
 * WordNet adjective similar to it (`embarrassed`) will do, as adjectives are grouped around a few heads.
 */
const STATE_MATCH = 0.6;
/** Content words either side of a date or a place that may say what happened then or there. */
const EVENT_SPAN = 4;
/** How closely a word next to a date or a place must match a word of the question for it to answer. */
const EVENT_LINK = 0.5;
/** Answers given by a date or a year, which must be the date of what the question asks about. */
const DATED_TYPES: ReadonlySet<AnswerType> = new Set(['date', 'year']);
/** Answers that name who or what did something (`which chains did show …`). */
const DOERS_ASKED: ReadonlySet<AnswerType> = new Set(['person', 'entity']);
/** The answers a caption gives: who or what is shown. */
const CAPTION_TYPES: ReadonlySet<AnswerType> = new Set(['person', 'entity', 'description', 'any']);
/**
 * Word-vector cosines (after the post-processing in `glove/postProcess.ts`) over which a WordNet
 * relation is borne out: none of its weight at or below the floor, all of it from the ceiling on.
 */
const SUPPORT_FLOOR = 0.05;
const SUPPORT_CEILING = 0.3;

/** Share of a WordNet relation's weight that the cosine of the two words' vectors bears out. */
export function relationSupport(cosine: number): number {
  if (cosine >= SUPPORT_CEILING) return 1;
  if (cosine <= SUPPORT_FLOOR) return 0;
  return (cosine - SUPPORT_FLOOR) / (SUPPORT_CEILING - SUPPORT_FLOOR);
}

/** Weight of a word-vector match of cosine `cosine`: 0 up to the floor, rising linearly to the cap at the ceiling. */
export function softMatchWeight(cosine: number, settings: Pick<RetrievalSettings, 'vectorFloor' | 'vectorCeiling' | 'vectorWeight'>): number {
  if (cosine <= settings.vectorFloor) return 0;
  if (cosine >= settings.vectorCeiling) return settings.vectorWeight;
  return (settings.vectorWeight * (cosine - settings.vectorFloor)) / (settings.vectorCeiling - settings.vectorFloor);
}


type ActStatement = 'affirmed' | 'denied' | 'absent';

interface TermHit {
  part: number;
  weight: number;
}

interface PhraseHit {
  part: number;
  terms: ArrayLike<number>;
  weight: number;
}

/** A question prepared for matching sentences. */
interface QueryMatcher {
  hits: ReadonlyMap<number, readonly TermHit[]>;
  phrases: readonly PhraseHit[];
  soft: SoftMatcher | undefined;
  /** Parts that take word-vector matches (their word has a vector). */
  softSlots: readonly number[];
  /** Corpus term of each part's own word, or -1. */
  partTerms: readonly number[];
  /** Per part, the noun lexicographer files a term must share for a word-vector match (0: any term); see `kindSupersenses`. */
  partSupersenses: Uint32Array;
  /** Per part, 1 when it is a word of the asked noun phrase (`which performers`), which {@link NAME_WORD_SHARE} applies to. */
  askedParts: Uint8Array;
}

/**
 * Finds the sentences that best answer a question. Candidates come from BM25 over sentences
 * (with the question's WordNet-related terms) and from dense search over chunks; each candidate
 * is then scored at the sentence level by concept coverage, answer type and the fused ranks.
 */
export class Retriever {
  private readonly bm25: Bm25;
  private readonly termIndex: Map<string, number>;
  private readonly cues: SentenceCues;
  private readonly spelling: SpellingCorrector;
  private readonly acronyms: Acronyms;
  /** Caption and title sentences, by kind and document. */
  private readonly parts = new Map<ArticlePart, Map<number, number[]>>([
    ['caption', new Map()],
    ['title', new Map()],
  ]);
  /** Word-vector cosines of the question being ranked (one at a time: ranking is synchronous once the matcher exists). */
  private softScratch: SoftMatchScratch | undefined;

  constructor(private readonly index: BuiltIndex, private readonly settings: RetrievalSettings) {
    this.bm25 = new Bm25(index.corpus);
    this.termIndex = new Map(index.corpus.terms.map((term, id) => [term, id]));
    this.cues = new SentenceCues(index.corpus, index.features, this.termIndex);
    const { lexicon, semantic } = index;
    this.spelling = new SpellingCorrector(index.corpus.terms, index.corpus.documentFrequency, (word) => lexicon.findWord(word).length > 0 || semantic.questionWords.row(word) >= 0);
    this.acronyms = new Acronyms(index.corpus, (word) => this.termIndex.has(word) || lexicon.findWord(word).length > 0, (docIndex) =>
      [...this.parts.values()].flatMap((byDocument) => (byDocument.get(docIndex) ?? []).map((id) => index.corpus.sentences[id])),
    );
    index.corpus.sentences.forEach((sentence, id) => {
      const byDocument = sentence.kind === 'body' ? undefined : this.parts.get(sentence.kind);
      if (!byDocument) return;
      const sentences = byDocument.get(sentence.docIndex);
      if (sentences) sentences.push(id);
      else byDocument.set(sentence.docIndex, [id]);
    });
  }

  /** The analysis of `question`, whose initials of story names `rank` has already written out. */
  private analyze(question: string): AnalyzedQuery {
    return analyzeQuery(question, {
      lexicon: this.index.lexicon,
      terms: this.index.corpus.terms,
      termIndex: this.termIndex,
      documentFrequency: this.index.corpus.documentFrequency,
      sentenceCount: this.index.corpus.sentences.length,
      expansionWeight: this.settings.synonymWeight,
      spelling: this.spelling,
      isNameTerm: (term) => (this.index.features.termFlags[term] & TermFlag.proper) !== 0,
    });
  }

  private async denseRanks(question: string): Promise<Map<number, number>> {
    const ranks = new Map<number, number>();
    const count = this.index.vectors.getCurrentCount();
    if (count === 0 || this.settings.fusionWeight === 0) return ranks;
    const [vector] = await this.index.embedder.embedQueries([question]);
    const { neighbors, distances } = this.index.vectors.searchKnn(Array.from(vector), Math.min(this.settings.denseTopK, count));
    // A sentence ranks as its best chunk; the order of hnswlib's answer is by distance.
    const order = neighbors.map((chunk, i) => ({ chunk, distance: distances[i] })).sort((a, b) => a.distance - b.distance || a.chunk - b.chunk);
    order.forEach(({ chunk }, rank) => {
      for (const sentence of this.index.chunks[chunk].sentenceIndexes) if (!ranks.has(sentence)) ranks.set(sentence, rank);
    });
    return ranks;
  }

  /**
   * Whether one of the sentence's own terms states one of the question's acts closely (exact,
   * inflected, a synonym or close relation; for a state, a similar adjective will do); an act of
   * saying (`who is quoted`, `who told`) is stated by any reported speech.
   */
  private statesAct(sentence: number, query: AnalyzedQuery, hits: ReadonlyMap<number, readonly TermHit[]>, partConcept: readonly number[]): boolean {
    if (query.actIsSaying && this.index.features.sentenceFlags[sentence] & SentenceFlag.speech) return true;
    return this.actStatement(sentence, query.actConcepts, hits, partConcept, query.actIsState ? STATE_MATCH : STRONG_MATCH) !== 'absent';
  }

  /**
   * How the sentence states one of `acts`, at least as closely as `least`: `affirmed` somewhere
   * without a negation before it, `denied` only negated (`would not show` for `which chains did show
   * …`), or `absent`.
   */
  private actStatement(sentence: number, acts: readonly number[], hits: ReadonlyMap<number, readonly TermHit[]>, partConcept: readonly number[], least = STRONG_MATCH): ActStatement {
    const stated = acts.map((act) => this.statedWeights(sentence, act, hits, partConcept));
    if (stated.some(({ affirmed }) => affirmed >= least)) return 'affirmed';
    return stated.some(({ negated }) => negated >= least) ? 'denied' : 'absent';
  }

  /**
   * How closely the sentence's words state concept `c` through `hits` (exact words and WordNet
   * relations): the best weight without a negation before it, and the best right after one (`show`
   * in `would not show`); 0 when none.
   */
  private statedWeights(sentence: number, c: number, hits: ReadonlyMap<number, readonly TermHit[]>, partConcept: readonly number[]): { affirmed: number; negated: number } {
    const { termOffsets, termIds } = this.index.corpus;
    const { positionFlags } = this.index.features;
    const stated = { affirmed: 0, negated: 0 };
    for (let i = termOffsets[sentence]; i < termOffsets[sentence + 1]; i++) {
      const key = positionFlags[i] & PositionFlag.negated ? 'negated' : 'affirmed';
      for (const { part, weight } of hits.get(termIds[i]) ?? []) if (partConcept[part] === c) stated[key] = Math.max(stated[key], weight);
    }
    return stated;
  }

  /**
   * How far the word vectors bear out a WordNet relation between the word of `part` and `term` (see
   * {@link relationSupport}): 1 when they cannot tell (no vectors, or the word itself). A relation
   * may hold in a sense the story does not use (sanctions ~ let, organization ~ form, leader ~ hack).
   */
  private vectorSupport(soft: SoftMatcher | undefined, part: number, term: number, partTerms: readonly number[]): number {
    if (soft === undefined || !soft.has(part) || partTerms[part] === term || this.index.semantic.termInverseNorm[term] === 0) return 1;
    return relationSupport(soft.values[soft.similarityRow(term) + part]);
  }

  /**
   * Raises `partMatch` to what the sentence's terms (and phrases) match, scaled by `scale`: exact
   * words and WordNet relations through `hits`, as far as the word vectors bear a relation out, and
   * word-vector similarity on its own for the parts in `softSlots`.
   */
  private matchInto(partMatch: Float64Array, sentence: number, query: QueryMatcher, scale: number, fullTerms?: TermMarks): void {
    const { termOffsets } = this.index.corpus;
    this.matchRange(partMatch, termOffsets[sentence], termOffsets[sentence + 1], query, scale, fullTerms);
  }

  /** {@link matchInto} for the term positions `from`..`to` (within one sentence). */
  private matchRange(partMatch: Float64Array, from: number, to: number, query: QueryMatcher, scale: number, fullTerms?: TermMarks): void {
    const { termIds } = this.index.corpus;
    const { hits, phrases, soft, softSlots, partTerms, partSupersenses, askedParts } = query;
    const hasVector = this.index.semantic.termInverseNorm;
    const { termSupersenses } = this.index.lexicon.data;
    for (let i = from; i < to; i++) {
      const term = termIds[i];
      const list = hits.get(term);
      const withVector = soft !== undefined && hasVector[term] > 0;
      // The term's cosines are `sims[row + part]`.
      const row = withVector ? soft.similarityRow(term) : 0;
      const sims = withVector ? soft.values : undefined;
      const at = fullTerms?.has(term) ? 1 : scale;
      if (list) {
        for (const { part, weight: related } of list) {
          const weight = related * this.vectorSupport(soft, part, term, partTerms) * at;
          if (partMatch[part] < weight) {
            partMatch[part] = weight;
          }
        }
      }
      if (sims) {
        let inName: boolean | undefined;
        for (const part of softSlots) {
          if (partSupersenses[part] !== 0 && (termSupersenses[term] & partSupersenses[part]) === 0) continue;
          const share = askedParts[part] && (inName ??= this.commonWordInName(i, from, to, hits)) ? NAME_WORD_SHARE : 1;
          const weight = softMatchWeight(sims[row + part], this.settings) * at * share;
          if (partMatch[part] < weight) {
            partMatch[part] = weight;
          }
        }
      }
    }
    for (const { part, terms, weight } of phrases) {
      if (partMatch[part] >= weight * scale) continue;
      let all = true;
      for (let t = 0; t < terms.length && all; t++) {
        let found = false;
        for (let i = from; i < to && !found; i++) found = termIds[i] === terms[t];
        all = found;
      }
      if (all) partMatch[part] = weight * scale;
    }
  }

  /**
   * Whether term position `i` holds a word the story mostly writes as a common word, here capitalized
   * inside a longer name none of whose other words the question's words or their relations match
   * (`Entertainment` in `Sony Pictures Entertainment`).
   */
  private commonWordInName(i: number, from: number, to: number, hits: ReadonlyMap<number, readonly TermHit[]>): boolean {
    const { corpus, features } = this.index;
    if ((features.positionFlags[i] & PositionFlag.capitalized) === 0 || (features.termFlags[corpus.termIds[i]] & TermFlag.proper) !== 0) return false;
    const { first, last } = nameRun(corpus, features, i, from, to, true);
    if (first === last) return false;
    for (let k = first; k <= last; k++) if (k !== i && hits.has(corpus.termIds[k])) return false;
    return true;
  }

  async rank(asked: string): Promise<Ranking> {
    const question = this.acronyms.expand(asked);
    const query = this.analyze(question);
    const { corpus, lexicon } = this.index;
    const queryTerms = query.concepts.map((c) => c.text);
    if (query.concepts.length === 0) return { sentences: [], queryTerms, answerType: query.answerType };

    // Index the alternatives: single terms by term id; phrases are checked per sentence.
    const hits = new Map<number, TermHit[]>();
    const phrases: PhraseHit[] = [];
    const partConcept: number[] = [];
    const wholeStart: number[] = [];
    const firstPart: number[] = [];
    const sparseQuery = new Map<number, number>();
    // Per part: its word for word-vector similarity (names and whole-concept slots take none) and its term.
    const partWords: (string | undefined)[] = [];
    const partTerms: number[] = [];
    let totalSalience = 0;
    let maxSalience = 0;
    const addAlternative = (part: number, concept: number, weight: number, salience: number): void => {
      const terms = lexicon.conceptTerms(concept);
      if (terms.length === 1) {
        const list = hits.get(terms[0]) ?? [];
        list.push({ part, weight });
        hits.set(terms[0], list);
      } else {
        phrases.push({ part, terms, weight });
      }
      for (let i = 0; i < terms.length; i++) {
        const w = weight * Math.max(0.05, salience);
        if ((sparseQuery.get(terms[i]) ?? 0) < w) sparseQuery.set(terms[i], w);
      }
    };
    query.concepts.forEach((concept, c) => {
      firstPart.push(partConcept.length);
      totalSalience += concept.salience;
      maxSalience = Math.max(maxSalience, concept.salience);
      concept.parts.forEach((slot, p) => {
        const part = partConcept.length;
        partConcept.push(c);
        partWords.push(concept.isName ? undefined : concept.words[p]);
        partTerms.push(concept.termIds[p]);
        for (const [alternative, weight] of slot) addAlternative(part, alternative, weight, concept.salience);
      });
      wholeStart.push(partConcept.length);
      // The whole-concept alternatives get one extra slot of their own.
      const part = partConcept.length;
      partConcept.push(c);
      partWords.push(undefined);
      partTerms.push(-1);
      for (const [alternative, weight] of concept.whole) addAlternative(part, alternative, weight, concept.salience);
    });
    // Candidates: BM25 over sentences plus the sentences of the nearest chunks. The dense search is
    // the only wait: everything after it runs without yielding (the cosine scratch is shared).
    const sparse = this.bm25.top(sparseQuery, SPARSE_CANDIDATES);
    const sparseRank = new Map(sparse.map(([sentence], rank) => [sentence, rank]));
    const denseRank = await this.denseRanks(question);
    const candidates = new Set([...sparseRank.keys(), ...denseRank.keys()]);
    // A photo question may share no word with the caption (`Who is in the image?`): the captions (or
    // the titles, for the headline) of the stories found are candidates too.
    const { askedPart } = query;
    if (askedPart) {
      const byDocument = this.parts.get(askedPart.kind)!;
      for (const sentence of [...candidates]) for (const part of byDocument.get(corpus.sentences[sentence].docIndex) ?? []) candidates.add(part);
    }

    const semantic = this.index.semantic;
    const useVectors = hasVectors(semantic) && this.settings.vectorWeight > 0;
    if (useVectors) this.softScratch ??= new SoftMatchScratch(semantic.termInverseNorm.length);
    const soft = useVectors ? new SoftMatcher(semantic, partWords, partTerms, this.softScratch) : undefined;
    const softSlots = soft ? partWords.map((_, part) => part).filter((part) => soft.has(part)) : [];
    const partSupersenses = new Uint32Array(partConcept.length);
    if (query.kindConcept !== undefined) partSupersenses.fill(query.kindSupersenses, firstPart[query.kindConcept], wholeStart[query.kindConcept]);
    const askedParts = Uint8Array.from(partConcept, (c) => (query.phraseConcepts.includes(c) ? 1 : 0));
    const matcher: QueryMatcher = { hits, phrases, soft, softSlots, partTerms, partSupersenses, askedParts };

    // The words that can stand for what `which <noun phrase>` asks for (exact or close: chain, chains;
    // news), and for its head noun alone when a name is asked for (for a role, any word related to
    // it: `dictator` for `leader`).
    const termsFor = (concepts: readonly number[], least: number): Set<number> => {
      const terms = new Set<number>();
      for (const c of concepts) {
        query.concepts[c].parts.forEach((slot, p) => {
          for (const [alternative, weight] of slot) if (weight >= least && alternative < lexicon.data.termCount && this.vectorSupport(soft, firstPart[c] + p, alternative, partTerms) > 0) terms.add(alternative);
        });
      }
      return terms;
    };
    const headTerms = termsFor(query.phraseConcepts, STRONG_MATCH);
    const nameTerms = termsFor(query.phraseConcepts.slice(-1), query.roleAsked ? 0 : STRONG_MATCH);
    const selfNamedTerms = termsFor(query.selfNamed, 0);
    const countedTerms = termsFor(query.countedConcept === undefined ? [] : [query.countedConcept], STRONG_MATCH);
    // A name asked for without saying of what may stand anywhere; a role, or a thing asked for by name
    // (`the name of the NBC News reporter`), that the story has no word for, it fills with nobody.
    const nameByWord = nameTerms.size > 0 || query.roleAsked || (query.namesAsked && query.phraseConcepts.length > 0);
    const roleWords = query.roleAsked && !query.namesAsked ? query.phraseConcepts : [];
    const roleTerms = termsFor(roleWords.slice(-1), STRONG_MATCH);
    const anotherTerms = termsFor(query.anotherConcepts, KIND_MATCH);

    // `Which chains did show the film?` where the story only says they would not: nobody it names did.
    const actStatements = new Map<number, ActStatement>();
    if (query.assertedActs.length > 0) {
      for (const sentence of candidates) actStatements.set(sentence, this.actStatement(sentence, query.assertedActs, hits, partConcept));
    }
    const statements = [...actStatements.values()];
    const storyDeniesAct = DOERS_ASKED.has(query.answerType) && statements.includes('denied') && !statements.includes('affirmed');

    const speakers = query.speakerText !== undefined ? new Set([query.speakerText]) : query.speakerIsPlace ? new Set<number>() : this.cues.speakers(query.speakerTerms);
    // `How did the studio characterize …`: a report by the name the story gives the studio (Sony) is the likeliest answer.
    const describedSpeakers = query.speakerText !== undefined || query.speakerIsPlace ? new Map<number, Set<number>>() : this.cues.describedSpeakers(query.speakerTerms, candidates);
    const owners = query.ownedStatement ? this.cues.speakers(query.ownedStatement.ownerTerms) : new Set<number>();
    // The concepts that name the speaker, by their own words or a synonym's (`NSC`).
    const namesSpeaker = (concept: QueryConcept): boolean =>
      concept.termIds.some((term) => speakers.has(term)) ||
      concept.whole.some(([alternative]) => Array.from(lexicon.conceptTerms(alternative)).some((term) => speakers.has(term)));
    const speakerConcepts = query.concepts.flatMap((concept, c) => (namesSpeaker(concept) ? [c] : []));
    const { rrfK, fusionWeight, answerTypeWeight, abstainWeakestWeight } = this.settings;
    const rrfMax = 2 / (rrfK + 1);
    const partMatch = new Float64Array(partConcept.length);
    /** Counts concept `c` as fully matched, all its parts and its whole. */
    const matchInFull = (c: number): Float64Array => partMatch.fill(1, firstPart[c], wholeStart[c] + 1);
    /** How well concept `c` is matched in `match`: the share of its words found, or its whole. */
    const conceptMatch = (match: Float64Array, c: number): number => {
      let sum = 0;
      for (let p = firstPart[c]; p < wholeStart[c]; p++) sum += match[p];
      const words = wholeStart[c] - firstPart[c];
      return Math.max(words > 0 ? sum / words : 0, match[wholeStart[c]]);
    };
    // `When did the hackers break in?`: a date answers only next to a word of the question, or a
    // WordNet relation of it (`Sony on Wednesday dropped its plans` for `abandon its plans`), not a
    // date of something else the sentence reports. Word vectors are too loose to say what a date
    // dates (first ~ 25), and a name is who or what the event was about, not the event.
    const byWords: QueryMatcher = { ...matcher, softSlots: [] };
    const eventConcepts = query.concepts.flatMap((concept, c) => (concept.isName ? [] : [c]));
    const windowMatch = new Float64Array(partConcept.length);
    /** Whether the term positions `from`..`to` state one of the question's events (`events`) by words. */
    const statesEvent = (from: number, to: number, events: readonly number[]): boolean => {
      windowMatch.fill(0);
      this.matchRange(windowMatch, from, to, byWords, 1);
      return events.some((c) => conceptMatch(windowMatch, c) >= EVENT_LINK);
    };
    /** Whether one of the term `positions` of `sentence` stands within {@link EVENT_SPAN} words of one of the `events`. */
    const nextToEvent = (sentence: number, positions: readonly number[], events: readonly number[]): boolean => {
      const from = corpus.termOffsets[sentence];
      const to = corpus.termOffsets[sentence + 1];
      return positions.some((at) => statesEvent(Math.max(from, at - EVENT_SPAN), Math.min(to, at + EVENT_SPAN + 1), events));
    };
    // Only an event the story words somewhere can be checked: a question in other words (`meant to
    // open` for the release) cannot be, and any date may answer it.
    const storyStates = (events: readonly number[]): boolean =>
      [...candidates].some((sentence) => corpus.sentences[sentence].kind === 'body' && statesEvent(corpus.termOffsets[sentence], corpus.termOffsets[sentence + 1], events));
    const storyStatesEvent = DATED_TYPES.has(query.answerType) && storyStates(eventConcepts);
    const datesAskedEvent = (sentence: number): boolean => nextToEvent(sentence, namesDay(corpus, this.index.features, corpus.termOffsets[sentence], corpus.termOffsets[sentence + 1]), eventConcepts);
    // `Which country did the attack come from?`: a place answers next to a word of what happened
    // there, as a date does (not the `U.S.` of `U.S. officials` far from the attack), and, as for a
    // date, only when the story words that somewhere (`Which country got the blame?`: any place); in
    // the headline or a caption, wherever it stands.
    const placeEvents = eventConcepts.filter((c) => !query.phraseConcepts.includes(c));
    const storyStatesPlaceEvent = query.placeAsked && storyStates(placeEvents);
    const placesAskedEvent = (sentence: number, anywhere: boolean): boolean => {
      const places = this.cues.placeNames(sentence, query.askedTerms, query.placeLocative);
      return storyStatesPlaceEvent && !anywhere ? nextToEvent(sentence, places, placeEvents) : places.length > 0;
    };
    // What a sentence (and the one before it, at a discount) states in words, read once per sentence.
    const wordMatch = new Float64Array(partConcept.length);
    let wordsOf = -1;
    /** Whether the sentence states all of `concepts` in words, at least as closely as `least`. */
    const statedInWords = (sentence: number, previous: number, concepts: readonly number[], least = EVENT_LINK): boolean => {
      if (wordsOf !== sentence) {
        wordMatch.fill(0);
        this.matchInto(wordMatch, sentence, byWords, 1);
        if (previous >= 0) this.matchInto(wordMatch, previous, byWords, CONTEXT_WEIGHT);
        wordsOf = sentence;
      }
      return concepts.every((c) => conceptMatch(wordMatch, c) >= least);
    };
    // `What is the full name of the Sony unit …`: the short name the question gives, written longer;
    // the fullest name of the candidates answers first (Sony Pictures Entertainment, not Sony Pictures).
    const extendedNames = new Map<number, number>();
    if (query.shortNames.size > 0) for (const sentence of candidates) extendedNames.set(sentence, this.cues.extendedName(sentence, query.shortNames));
    const fullestName = Math.max(0, ...extendedNames.values());
    /** Whether the sentence gives the name a question asks for, or the holder of the role it asks about. */
    const givesAskedName = (sentence: number): boolean => {
      // `What do the hackers call themselves?`: a name set apart right after a word for them (`… hacked Sony, Guardians for Peace`).
      if (query.selfNamed.length > 0) return this.cues.namesApart(sentence, selfNamedTerms);
      if (query.shortNames.size > 0) return (extendedNames.get(sentence) ?? 0) > 0;
      // `What is the name of …`, `Who is the chief executive of …`: a name next to a word for what is asked.
      // A name that goes on from one the question gives (`NBC News` for `NBC`, `Kim Jong Un` for `Kim`) is no other name.
      if (nameByWord) return this.cues.nameNear(sentence, nameTerms, query.askedTerms, false, query.givenNames);
      return this.cues.holdsAnswerType('entity', sentence, query.askedTerms);
    };
    const ranked: RankedSentence[] = [];
    for (const sentence of candidates) {
      // A caption or a title answers only a question about the photo or the headline.
      const inAskedPart = askedPart !== undefined && corpus.sentences[sentence].kind === askedPart.kind;
      if (corpus.sentences[sentence].kind !== 'body' && !inAskedPart) continue;
      partMatch.fill(0);
      // The sentence itself, then the one before it (same document) at a discount: a sentence
      // often names a thing the previous one introduced ("…top cinema chains pulled out. Regal…
      // were among the chains that…").
      const previous = sentence > 0 && corpus.sentences[sentence - 1].docIndex === corpus.sentences[sentence].docIndex ? sentence - 1 : -1;
      this.matchInto(partMatch, sentence, matcher, 1);
      // `What did X say`: a sentence that reports speech, by X when the question names X. The words
      // of a quotation that goes on from where X is named are X's, so they match X.
      // (What the headline or a caption says is that sentence itself.)
      const said =
        query.asksWhatWasSaid &&
        (inAskedPart ||
          (!query.speakerAbsent &&
            (this.index.features.sentenceFlags[sentence] & SentenceFlag.speech) !== 0 &&
            (speakers.size === 0 || this.cues.reportsSpeechOf(sentence, speakers)) &&
            !(query.speakerIsPlace && this.cues.reportedByOtherPlace(sentence, query.speakerTerms))));
      if (said) {
        speakerConcepts.forEach(matchInFull);
        query.saidConcepts.forEach(matchInFull);
      }
      // A caption is what the photo shows; a title is the headline.
      if (inAskedPart) askedPart.concepts.forEach(matchInFull);
      // `refused to screen` where the sentence says `would not show`: the refusal is stated too.
      for (const { refusal, act } of query.refusals) {
        const { negated } = this.statedWeights(sentence, act, hits, partConcept);
        for (let p = firstPart[refusal]; p <= wholeStart[refusal]; p++) partMatch[p] = Math.max(partMatch[p], negated);
      }
      if (previous >= 0) {
        const bridged = this.cues.bridgedTerms(previous, sentence);
        this.matchInto(partMatch, previous, matcher, CONTEXT_WEIGHT, bridged.size > 0 ? bridged : undefined);
      }
      // A quotation that goes on from further back is still its speaker's words (`… We take very seriously …`).
      const source = this.cues.quotationSource(sentence);
      if (source >= 0 && source < previous) this.matchInto(partMatch, source, matcher, CONTEXT_WEIGHT);
      // `Sony's statement` is any report of Sony's words (a quotation that goes on included), and not the one the council made.
      if (owners.size > 0) {
        const { concepts, ownerConcepts } = query.ownedStatement!;
        if (this.cues.reportsSpeechOf(sentence, owners)) [...concepts, ...ownerConcepts].forEach(matchInFull);
        else concepts.forEach((c) => partMatch.fill(0, firstPart[c], wholeStart[c] + 1));
      }
      // Elsewhere, words for the photo mean something else (`Sony Pictures`, `depicts`): the question is not about that.
      if (askedPart && !inAskedPart) askedPart.concepts.forEach((c) => partMatch.fill(0, firstPart[c], wholeStart[c] + 1));
      let covered = 0;
      let anchored = 0;
      let weakest = 1;
      query.concepts.forEach((concept, c) => {
        const match = conceptMatch(partMatch, c);
        covered += concept.salience * match;
        if (match >= STRONG_MATCH) anchored += concept.salience * match;
        // Each concept's shortfall, in proportion to its salience against the most salient concept.
        if (maxSalience > 0) weakest = Math.min(weakest, 1 - (concept.salience / maxSalience) * (1 - match));
      });
      const coverage = totalSalience > 0 ? covered / totalSalience : 0;
      // Evidence made only of loose relations (tire ~ hack, flat ~ studio) is weaker than it adds up to:
      // the share of the coverage that rests on exact words or close synonyms vouches for the rest.
      const anchoredShare = covered > 0 ? anchored / covered : 0;
      const evidence = coverage * (1 - LOOSE_DISCOUNT + LOOSE_DISCOUNT * anchoredShare) * (1 - abstainWeakestWeight + abstainWeakestWeight * weakest);
      // For a question about who or what the photo shows, its caption is the kind of answer asked for.
      const caption = inAskedPart && askedPart.kind === 'caption';
      const typeMatch =
        (caption && CAPTION_TYPES.has(query.answerType)) ||
        (query.placeAsked ? placesAskedEvent(sentence, inAskedPart) : this.cues.holdsAnswerType(query.answerType, sentence, query.askedTerms) && (!storyStatesEvent || datesAskedEvent(sentence))) ||
        // `How many executives …`: `several high-profile Sony executives` says how many, in words.
        (countedTerms.size > 0 && this.cues.countsVaguely(sentence, countedTerms));
      const nearHead = typeMatch && headTerms.size > 0 && this.cues.nameNear(sentence, headTerms, query.askedTerms, true);
      const fullest = fullestName > 0 && extendedNames.get(sentence) === fullestName;
      // `Which Sony executives were embarrassed?` where the sentence mentions the executives (the head noun, not
      // a word qualifying it: `lead` in `the two lead performers`) and names none of them.
      const peopleUnnamed = query.peopleAsked && nameTerms.size > 0 && !nearHead && this.cues.mentions(sentence, nameTerms);
      // A role is filled by a name next to its word; or by somebody the sentence introduces without a
      // name in the whole role's words (`Who is the source of the quote?`: `according to a U.S. government
      // source`; not `the chief executive` for `several … executives`, nor `the perpetrators` for who they are).
      // A caption names whoever the photo shows (`Who is the man in the photo?`).
      const roleWorded = (): boolean => roleWords.length > 0 && statedInWords(sentence, previous, roleWords, STRONG_MATCH) && this.cues.introducesUnnamed(sentence, roleTerms);
      const unnamed = (query.namesAsked || (query.roleAsked && !caption && !roleWorded())) && !givesAskedName(sentence);
      const rrf =
        ((sparseRank.has(sentence) ? 1 / (rrfK + 1 + sparseRank.get(sentence)!) : 0) +
          (denseRank.has(sentence) ? 1 / (rrfK + 1 + denseRank.get(sentence)!) : 0)) /
        rrfMax;
      const unsaid = query.asksWhatWasSaid && !said;
      // `What is the plot of the film?` where the sentence does not describe it.
      const undescribed = query.toldAsked && !typeMatch;
      // `What sanctions did …` where the sentence mentions no sanctions, nor a kind of them.
      const otherKind = query.kindConcept !== undefined && conceptMatch(partMatch, query.kindConcept) < KIND_MATCH;
      // `Which other film …` where the sentence introduces none (`a New Regency film`): it is about the story's own film.
      const notAnother = anotherTerms.size > 0 && !this.cues.introducesUnnamed(sentence, anotherTerms);
      // Only its caption says what the photo shows: the story's other sentences rank below it.
      const photoElsewhere = askedPart?.kind === 'caption' && !inAskedPart;
      // `Who directed …` where the sentence only stars, leads or produces: it names somebody, but for
      // another act, or the act denied. (A caption names who is shown, a headline what the story
      // reports: what a question about them asks.)
      const otherAct =
        !inAskedPart &&
        ((query.actConcepts.length > 0 && !this.statesAct(sentence, query, hits, partConcept)) ||
          storyDeniesAct ||
          actStatements.get(sentence) === 'denied');
      // `Was it released online or on video on demand?` where the sentence states neither: it cannot say which.
      const neither = query.alternatives.length > 0 && !query.alternatives.some((alternative) => statedInWords(sentence, previous, alternative));
      // `Which chain was the first to pull the film?` where the sentence says nothing of who came first
      // (closely: the noun `first`, a first performance, is a premiere).
      const unordered = query.orderConcept !== undefined && !statedInWords(sentence, previous, [query.orderConcept], STRONG_MATCH);
      // Said by the speaker the question names, or by the name the sentence's story gives the one it describes.
      const described = describedSpeakers.get(corpus.sentences[sentence].docIndex);
      const saidBySpeaker = said && (speakers.size > 0 || (described !== undefined && this.cues.reportsSpeechOf(sentence, described)));
      // Each requirement missed (a how-many question without a number, a name the story never uses, …) cuts the confidence.
      const confidence =
        ((STRICT_TYPES.has(query.answerType) || query.placeAsked) && !typeMatch) || undescribed || unsaid || otherKind || otherAct || unnamed || neither || unordered || peopleUnnamed || query.unknownName !== undefined ? evidence * STRICT_TYPE_MISS : evidence;
      // Words said by someone else, another act, a thing asked for by name that the sentence does not
      // name, anything but the caption for the photo, or anything but a description for what a film
      // is about (`What is the plot of the film?`), do not answer however close they are, so
      // such a sentence ranks lower too, and one that meets the requirement can answer. (A sentence on
      // the asked thing without the asked number still ranks first: it shows that the story does not
      // give the number, and the answer abstains.)
      const score =
        coverage * (otherKind ? KIND_MISS_RANK : 1) * (notAnother ? ANOTHER_MISS_RANK : 1) * (unsaid || otherAct || (unnamed && query.namesAsked) || photoElsewhere || undescribed ? STRICT_TYPE_MISS : 1) + (typeMatch ? answerTypeWeight : 0) + (nearHead || saidBySpeaker ? answerTypeWeight : 0) + (fullest ? answerTypeWeight : 0) + fusionWeight * rrf;
      ranked.push({ sentence, score, coverage, typeMatch, confidence, weakest });
    }
    ranked.sort((a, b) => b.score - a.score || b.coverage - a.coverage || a.sentence - b.sentence);
    return { sentences: ranked, queryTerms, answerType: query.answerType };
  }
}
