import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import type { AnswerType } from '../query/questionForm.js';
import { nameRun, PositionFlag, SentenceFlag, SPEECH_WORDS, TermFlag, type CorpusFeatures } from '../text/features.js';
import { sentenceText } from '../text/sentences.js';
import { casedWords, normalize, STOPWORDS, termOf } from '../text/terms.js';

/** How close (in content words) a name must stand to the asked-for noun to be its answer. */
const NEAR_HEAD = 3;
/** Words before a place that say it is not the place (`originated outside North Korea`). */
const EXCLUDING = new Set(['outside', 'except', 'excluding', 'beyond'].map(termOf));
/** Most words of the previous sentence that {@link SentenceCues.bridgedTerms} takes from before a noun. */
const BRIDGE_SPAN = 3;
/** How close (in words) a speaker must stand to a reporting word (`Sony said in a statement`). */
const SPEAKER_SPAN = 4;
/** How many sentences back a quotation may have been introduced. */
const QUOTE_SPAN = 3;
/** How far after a reporting word an inverted speaker may stand (`"…," said the council`), and the words that invert. */
const INVERTED_SPAN = 3;
const INVERTING = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes']);
/** A name after a word that places something (`outside North Korea`, `from the North Koreans`). */
const PLACED = /\b(?:in|at|from|outside|inside|near|within|across|throughout|to|into)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{M}.'’]*)/gu;
/**
 * A run of names set apart at the end of a clause, after a comma (`…, Guardians for Peace.`), or
 * after a word that names something (`calling itself …`, `known as …`).
 */
const NAME_APART = /(?:,|\b(?:call(?:s|ed|ing)?\s+(?:itself|themselves|himself|herself)|known\s+as|dubbed|named))\s+\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:(?:of|for|the|and)\s+)?\p{Lu}[\p{L}\p{M}'’.-]*)*(?=\s*(?:[.,;:!?)"”]|$))/gu;
/** Words before a name set apart within which a word for what it names stands (`hacked Sony, Guardians for Peace`). */
const APART_SPAN = 8;
/** Words that may stand between `a` and the noun it opens (`a U.S. government source`). */
const INTRODUCED_SPAN = 4;
/** A word followed by a description of it: an appositive (`"The Interview," a comedy`) or `is a …`. */
const DESCRIBED = /(\p{L}[\p{L}\p{M}'’]*)(?:["”’)]?,["”’)]?|\s+(?:is|was|are|were))\s+(?:a|an)\s+\p{L}/gu;
/** Verbs by which a film, a book or a play tells its story (`a comedy … that depicts a fictional assassination attempt`). */
const DEPICTING = /\b(?:depict(?:s|ed|ing)?|portray(?:s|ed|ing)?|chronicl(?:e|es|ed|ing)|dramati[sz](?:e|es|ed|ing))\b/iu;

/** What WordNet may know a speaker's name as; a name it knows as none of these is a company's or the like (`Sony`). */
const SPEAKER_CLASSES = TermFlag.person | TermFlag.group | TermFlag.location;

/** A sentence whose quotation source is not read yet. */
const UNREAD = -2;

/** The words around a reporting word that may name its speaker (see `speakerSpans`), as terms. */
interface SpeakerSpan {
  terms: number[];
  /**
   * The words that say whose report it is: those before the reporting word (`Sony said North Korea
   * …` is Sony's), after it for `according to`, and for a verb that inverts both sides when the words
   * before it name nobody (`"…," said the council`).
   */
  subject: number[];
  /** Whether `the` is among the subject's words (`The officials told …`). */
  definite: boolean;
}

/** A set of term ids that is cleared and refilled without allocating: membership is a stamp per term. */
export class TermMarks {
  private readonly stamps: Uint32Array;
  private stamp = 1;
  /** The members, in the order they were added. */
  readonly terms: number[] = [];

  constructor(termCount: number) {
    this.stamps = new Uint32Array(termCount);
  }

  clear(): void {
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    this.terms.length = 0;
  }

  add(term: number): void {
    if (this.stamps[term] === this.stamp) return;
    this.stamps[term] = this.stamp;
    this.terms.push(term);
  }

  has(term: number): boolean {
    return this.stamps[term] === this.stamp;
  }

  get size(): number {
    return this.terms.length;
  }
}

/**
 * What a sentence's wording says beyond its terms: which words of the sentence before it takes up
 * (`the chains`, from the stored position marks), and, read from its text, whether it says what a
 * thing it names is (`"The Interview," a comedy`), where something is (`outside North Korea`) and
 * whom it reports as saying something (`Sony said`). Read only for the few candidates of a question.
 */
export class SentenceCues {
  private readonly takenUp: TermMarks;
  private readonly bridged: TermMarks;
  /** Each sentence's {@link quotationSource}, or {@link UNREAD}. */
  private readonly sources: Int32Array;
  /** The speaker spans of the sentences read so far. */
  private readonly spans = new Map<number, readonly SpeakerSpan[]>();

  constructor(
    private readonly corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences' | 'terms' | 'termOffsets' | 'termIds'>,
    private readonly features: CorpusFeatures,
    private readonly termIndex: ReadonlyMap<string, number>,
  ) {
    this.takenUp = new TermMarks(corpus.terms.length);
    this.bridged = new TermMarks(corpus.terms.length);
    this.sources = new Int32Array(corpus.sentences.length).fill(UNREAD);
  }

  private text(sentence: number): string {
    const { documents, sentences } = this.corpus;
    return sentenceText(documents[sentences[sentence].docIndex].text, sentences[sentence]);
  }

  /** Whether the term is a name of somebody or something: a proper noun, not a day or a month. */
  private names(term: number): boolean {
    return (this.features.termFlags[term] & (TermFlag.proper | TermFlag.time)) === TermFlag.proper;
  }

  private termOfWord(word: string): number | undefined {
    return this.termIndex.get(termOf(normalize(word)));
  }

  /**
   * The words of `previous` that say which one `sentence` means when it takes a noun up again as
   * `the <noun>`: the content words just before that noun there, after a function word
   * (`…after the top cinema chains pulled out. Regal… were among the chains`). The set is reused:
   * it holds until the next call.
   */
  bridgedTerms(previous: number, sentence: number): TermMarks {
    const { termOffsets, termIds } = this.corpus;
    const { positionFlags, termFlags } = this.features;
    const { takenUp, bridged } = this;
    takenUp.clear();
    bridged.clear();
    for (let i = termOffsets[sentence]; i < termOffsets[sentence + 1]; i++) {
      if (positionFlags[i] & PositionFlag.afterThe && (termFlags[termIds[i]] & TermFlag.proper) === 0) takenUp.add(termIds[i]);
    }
    if (takenUp.size === 0) return bridged;
    const from = termOffsets[previous];
    for (let k = from + 1; k < termOffsets[previous + 1]; k++) {
      if (!takenUp.has(termIds[k])) continue;
      // Back over the words joined to the noun, up to BRIDGE_SPAN of them; a longer run is no modifier.
      let first = k;
      while (first > from && positionFlags[first] & PositionFlag.joined && k - first < BRIDGE_SPAN) first--;
      if (positionFlags[first] & PositionFlag.joined) continue;
      for (let m = first; m < k; m++) bridged.add(termIds[m]);
    }
    return bridged;
  }

  /**
   * Whether the sentence says what a thing the question names is (`"The Interview," a comedy …`, `X
   * is a …`), or what a film, a book or a play depicts (`… that depicts a fictional assassination attempt`).
   */
  describes(sentence: number, asked: ReadonlySet<number>): boolean {
    const text = this.text(sentence);
    for (const [, word] of text.matchAll(DESCRIBED)) {
      const term = this.termOfWord(word);
      if (term !== undefined && asked.has(term)) return true;
    }
    return DEPICTING.test(text);
  }

  /**
   * Whether one of `terms` stands in the sentence as a noun that `a` or `an` opens: somebody the story
   * introduces without a name (`according to a U.S. government source`), or one more thing of a kind
   * (`a New Regency film`).
   */
  introducesUnnamed(sentence: number, terms: ReadonlySet<number>): boolean {
    const words = casedWords(this.text(sentence));
    for (let i = 0; i < words.length; i++) {
      const term = this.termOfWord(words[i]);
      if (term === undefined || !terms.has(term)) continue;
      for (let k = i - 1; k >= Math.max(0, i - INTRODUCED_SPAN); k--) {
        const lower = words[k].toLowerCase();
        if (lower === 'a' || lower === 'an') return true;
        if (STOPWORDS.has(lower)) break;
      }
    }
    return false;
  }

  /** Whether one of `terms` stands in the sentence. */
  mentions(sentence: number, terms: ReadonlySet<number>): boolean {
    const { termOffsets, termIds } = this.corpus;
    for (let i = termOffsets[sentence]; i < termOffsets[sentence + 1]; i++) if (terms.has(termIds[i])) return true;
    return false;
  }

  /** Whether a name set apart (see {@link NAME_APART}) follows one of `terms` within {@link APART_SPAN} words. */
  namesApart(sentence: number, terms: ReadonlySet<number>): boolean {
    const text = this.text(sentence);
    for (const match of text.matchAll(NAME_APART)) {
      const before = casedWords(text.slice(0, match.index)).slice(-APART_SPAN);
      if (
        before.some((word) => {
          const term = this.termOfWord(word);
          return term !== undefined && terms.has(term);
        })
      )
        return true;
    }
    return false;
  }

  /**
   * How many words the longest name has in which the sentence writes one of the `names` as part of a
   * longer name (3 for `Sony Pictures Entertainment`, given `Sony`); 0 when it writes none so.
   */
  extendedName(sentence: number, names: ReadonlySet<number>): number {
    const { corpus, features } = this;
    const from = corpus.termOffsets[sentence];
    const to = corpus.termOffsets[sentence + 1];
    let longest = 0;
    for (let i = from; i < to; i++) {
      if (!names.has(corpus.termIds[i])) continue;
      const { first, last } = nameRun(corpus, features, i, from, to, true);
      for (let k = first; k <= last; k++) if (!names.has(corpus.termIds[k])) longest = Math.max(longest, last - first + 1);
    }
    return longest;
  }

  /** Whether the sentence places something at a capitalized word the story writes as a name or a place, which the question did not give (`originated outside North Korea`). */
  namesPlace(sentence: number, asked: ReadonlySet<number>): boolean {
    for (const [, word] of this.text(sentence).matchAll(PLACED)) {
      const term = this.termOfWord(word);
      if (term !== undefined && this.features.termFlags[term] & (TermFlag.proper | TermFlag.location) && !asked.has(term)) return true;
    }
    return false;
  }

  /**
   * Whether a name the question did not give stands within {@link NEAR_HEAD} words of a word for
   * what is asked (`Regal, Cinemark … were among the chains` for `which theater chains`). After it,
   * words the question gives do not count in the distance: they restate what is asked (`the group
   * that claimed it hacked Sony, Guardians for Peace` for `the group that hacked Sony`). With
   * `givenNames`, a name that goes on from one of them is the question's own (`Kim Jong Un` for `Kim`).
   */
  nameNear(sentence: number, headTerms: ReadonlySet<number>, asked: ReadonlySet<number>, qualifierCounts: boolean, givenNames?: ReadonlySet<number>): boolean {
    const { corpus, features } = this;
    const from = corpus.termOffsets[sentence];
    const to = corpus.termOffsets[sentence + 1];
    const isAnswerName = (j: number): boolean => {
      if (!this.isAnswerName(corpus.termIds[j], asked)) return false;
      if (givenNames === undefined) return true;
      const { first, last } = nameRun(corpus, features, j, from, to);
      for (let k = first; k <= last; k++) if (givenNames.has(corpus.termIds[k])) return false;
      return true;
    };
    const startsClause = (j: number): boolean => (features.positionFlags[j] & PositionFlag.clauseStart) !== 0;
    const startsThatClause = (j: number): boolean => (features.positionFlags[j] & PositionFlag.afterThat) !== 0;
    for (let i = from; i < to; i++) {
      if (!headTerms.has(corpus.termIds[i])) continue;
      // A name written into the noun (`U.S. official`) says which one (`which officials`), but it is not its name.
      let qualifier = i;
      while (!qualifierCounts && qualifier > from && features.positionFlags[qualifier] & PositionFlag.joined) qualifier--;
      // Not past a dash, a semicolon or the like: a name there belongs to another clause; nor into a
      // clause that `that` opens after a verb (`officials have concluded that the North Korean …`),
      // though a clause on the noun itself may name it (`the group that claimed …`).
      for (let j = i + 1, steps = 0; j < to && steps < NEAR_HEAD && !startsClause(j) && !(j > i + 1 && startsThatClause(j)); j++) {
        if (isAnswerName(j)) return true;
        if (!asked.has(corpus.termIds[j])) steps++;
      }
      for (let j = qualifier - 1; j >= Math.max(from, i - NEAR_HEAD) && !startsClause(j + 1); j--) if (isAnswerName(j)) return true;
    }
    return false;
  }

  /**
   * Whether a word that counts without a number opens the phrase of the noun counted (`several
   * high-profile Sony executives`): the words right after it, with no function word between.
   */
  countsVaguely(sentence: number, counted: ReadonlySet<number>): boolean {
    const { corpus, features } = this;
    const to = corpus.termOffsets[sentence + 1];
    for (let i = corpus.termOffsets[sentence]; i < to; i++) {
      if ((features.positionFlags[i] & PositionFlag.vagueNumber) === 0) continue;
      for (let j = i + 1; j < to && features.positionFlags[j] & PositionFlag.joined; j++) if (counted.has(corpus.termIds[j])) return true;
    }
    return false;
  }

  /**
   * The positions of the places the sentence names and the question did not give: the last word of
   * a run of names that WordNet knows as a place (`North Korea`, the `U.S.`), or that holds one and
   * qualifies the noun after it (`the North Korean government`; not `the North Koreans`), unless a
   * word that excludes the place stands right before (`outside North Korea`). For where something is
   * or comes from (`locative`), only a place after a preposition of place (`from China`), or one that
   * qualifies a word of the question (`the North Korean dictator` for `which country is the dictator from`).
   */
  placeNames(sentence: number, asked: ReadonlySet<number>, locative = false): number[] {
    const { corpus, features } = this;
    const from = corpus.termOffsets[sentence];
    const to = corpus.termOffsets[sentence + 1];
    const flagsAt = (i: number): number => features.termFlags[corpus.termIds[i]];
    const places: number[] = [];
    for (let first = from; first < to; first++) {
      if (!(flagsAt(first) & TermFlag.proper)) continue;
      const { last } = nameRun(corpus, features, first, first, to);
      let holdsPlace = false;
      for (let k = first; k <= last; k++) holdsPlace ||= (flagsAt(k) & TermFlag.location) !== 0;
      const qualifies = last + 1 < to && (features.positionFlags[last + 1] & PositionFlag.joined) !== 0;
      const excluded = first > from && features.positionFlags[first] & PositionFlag.joined && EXCLUDING.has(corpus.terms[corpus.termIds[first - 1]]);
      // `the North Korean dictator` is from North Korea: a place qualifying a word of the question says where that is from.
      const placed = !locative || (features.positionFlags[first] & PositionFlag.afterLocative) !== 0 || (qualifies && asked.has(corpus.termIds[last + 1]));
      if ((flagsAt(last) & TermFlag.location || (holdsPlace && qualifies)) && !asked.has(corpus.termIds[last]) && !excluded && placed) places.push(last);
      first = last;
    }
    return places;
  }

  /** A name the question did not give: it can be the answer. */
  private isAnswerName(term: number, asked: ReadonlySet<number>): boolean {
    return (this.features.termFlags[term] & TermFlag.proper) !== 0 && !asked.has(term);
  }

  /** Whether the sentence holds the kind of answer asked for: a name, a date, a number, a reason, a place, a description. */
  holdsAnswerType(type: AnswerType, sentence: number, asked: ReadonlySet<number>): boolean {
    const { corpus, features } = this;
    const flags = features.sentenceFlags[sentence];
    switch (type) {
      case 'date':
        return (flags & SentenceFlag.date) !== 0;
      case 'year':
        return (flags & SentenceFlag.year) !== 0;
      case 'quantity':
        return (flags & SentenceFlag.quantity) !== 0;
      case 'reason':
        return (flags & SentenceFlag.reason) !== 0;
      case 'description':
        return this.describes(sentence, asked);
      case 'place':
        return this.namesPlace(sentence, asked);
      case 'person':
      case 'entity': {
        for (let i = corpus.termOffsets[sentence]; i < corpus.termOffsets[sentence + 1]; i++) if (this.isAnswerName(corpus.termIds[i], asked)) return true;
        return false;
      }
      default:
        return false;
    }
  }

  /**
   * The speaker to check, when the question names one: only a name (`Sony`, `the White House`, `the
   * security council`, whose last word the story writes as a name) can be checked against whom the
   * story reports as speaking. A description (`the studio`, `the U.S. government`) may stand for a
   * name the story uses instead, and `according to the statement` names nobody: for those, any
   * reported speech will do. The terms are in the question's order.
   */
  speakers(speakerTerms: Iterable<number>): Set<number> {
    const terms = this.speakerWords(speakerTerms);
    const head = terms[terms.length - 1];
    return head !== undefined && this.features.termFlags[head] & TermFlag.proper ? new Set(terms) : new Set();
  }

  /**
   * For a speaker given by a description (`the studio`), the names each story gives it in
   * `sentences`, by document (see {@link namesOfDescription}): the likeliest speakers, though not the
   * only ones (the White House's council speaks for `the government`, which the story names `the
   * U.S.`). Empty for a name, or a description no story names.
   */
  describedSpeakers(speakerTerms: Iterable<number>, sentences: Iterable<number>): Map<number, Set<number>> {
    const terms = this.speakerWords(speakerTerms);
    const head = terms[terms.length - 1];
    return head === undefined || this.features.termFlags[head] & TermFlag.proper ? new Map() : this.namesOfDescription(head, sentences);
  }

  private speakerWords(speakerTerms: Iterable<number>): number[] {
    return [...speakerTerms].filter((term) => !SPEECH_WORDS.has(this.corpus.terms[term]));
  }

  /**
   * The names each story (by document) gives what it calls `the <noun>` in `sentences`: the name
   * nearest before it in the same sentence (`…the hacking attack on Sony Pictures Entertainment — a
   * breach that led to the studio cancelling…`). A place noun (`the country`) takes only a place's name.
   */
  private namesOfDescription(noun: number, sentences: Iterable<number>): Map<number, Set<number>> {
    const { termOffsets, termIds } = this.corpus;
    const { termFlags, positionFlags } = this.features;
    const place = (termFlags[noun] & TermFlag.location) !== 0;
    const byDocument = new Map<number, Set<number>>();
    for (const sentence of sentences) {
      const docIndex = this.corpus.sentences[sentence].docIndex;
      const names = byDocument.get(docIndex) ?? new Set<number>();
      const from = termOffsets[sentence];
      for (let i = from; i < termOffsets[sentence + 1]; i++) {
        if (termIds[i] !== noun || !(positionFlags[i] & PositionFlag.afterThe)) continue;
        let k = i - 1;
        while (k >= from && !this.names(termIds[k])) k--;
        if (k < from || (place && !(termFlags[termIds[k]] & TermFlag.location))) continue;
        const run = nameRun(this.corpus, this.features, k, from, i);
        for (let n = run.first; n <= run.last; n++) names.add(termIds[n]);
      }
      if (names.size > 0) byDocument.set(docIndex, names);
    }
    return byDocument;
  }

  /**
   * The words that may name the speaker of each report in the sentence: before the reporting word
   * (`Sony said`), right after a verb that inverts (`said Sony`), or after `according to` (what
   * stands before it is what was said); a name further on is what was said (`claimed it hacked
   * Sony`), and right after other verbs it is who was told (`warned Ortiz`). A reporting word is
   * written in lower case: `States` in `the United States` reports nothing.
   */
  private speakerSpans(sentence: number): readonly SpeakerSpan[] {
    // Read once per sentence, as the quotation source is.
    const known = this.spans.get(sentence);
    if (known !== undefined) return known;
    const tokens = casedWords(this.text(sentence));
    const spans: SpeakerSpan[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (!SPEECH_WORDS.has(tokens[i])) continue;
      const according = tokens[i] === 'according';
      const after = according ? SPEAKER_SPAN + 1 : INVERTING.has(tokens[i]) ? INVERTED_SPAN : 0;
      const before = according ? [] : tokens.slice(Math.max(0, i - SPEAKER_SPAN), i);
      const behind = tokens.slice(i + 1, Math.min(tokens.length, i + after + 1));
      const beforeTerms = before.flatMap((word) => this.termOfWord(word) ?? []);
      const terms = [...beforeTerms, ...behind.flatMap((word) => this.termOfWord(word) ?? [])];
      const bothSides = according || (after > 0 && !beforeTerms.some((term) => this.names(term)));
      const subjectWords = bothSides ? [...before, ...behind] : before;
      spans.push({ terms, subject: bothSides ? terms : beforeTerms, definite: subjectWords.some((word) => word.toLowerCase() === 'the') });
    }
    this.spans.set(sentence, spans);
    return spans;
  }

  /** Whether a speaker term stands next to a reporting word in the sentence (`Sony said in a statement`, `a U.S. official told`). */
  private speakerNearReport(sentence: number, speakers: ReadonlySet<number>): boolean {
    return this.speakerSpans(sentence).some(({ terms }) => terms.some((term) => speakers.has(term)));
  }

  /**
   * Whether the reports of speech the sentence gives (or the quotation it goes on with) are by
   * speakers other than the country `place`: another country (`U.S. officials told`, or `The
   * officials told` after `U.S. officials have concluded …`), or a name WordNet knows as no place,
   * group or person, unless a word for a person stands with it (a company, `Sony said`; not
   * `ministry official Yun Chol said`). A country speaks through its own officials and agencies, not
   * through another's. A report that names nobody goes on with the speaker before it (`Sony said …,
   * saying that …`).
   */
  reportedByOtherPlace(sentence: number, place: ReadonlySet<number>): boolean {
    const source = this.quotationSource(sentence);
    if (source < 0) return false;
    const { termFlags } = this.features;
    const otherName = (term: number): boolean => this.names(term) && !place.has(term);
    const otherPlace = (term: number): boolean => otherName(term) && (termFlags[term] & TermFlag.location) !== 0;
    const company = (term: number): boolean => otherName(term) && (termFlags[term] & SPEAKER_CLASSES) === 0;
    const byOther = (terms: readonly number[]): boolean => terms.some(otherPlace) || (terms.some(company) && !terms.some((term) => (termFlags[term] & TermFlag.person) !== 0));
    const previous = source > 0 && this.corpus.sentences[source - 1].docIndex === this.corpus.sentences[source].docIndex ? source - 1 : -1;
    // `The officials told …` after `U.S. officials have concluded …`: the definite speaker is the one named before.
    const bridgedByOther = previous >= 0 && byOther([...this.bridgedTerms(previous, source).terms]);
    // A report whose speaker words name the place itself is its own (`the North Korean government said …`).
    const namesPlace = (term: number): boolean => place.has(term) && (termFlags[term] & TermFlag.proper) !== 0;
    return this.speakerSpans(source).every(
      ({ subject, definite }, k) =>
        !subject.some(namesPlace) && (byOther(subject) || (definite && bridgedByOther) || (k > 0 && !definite && !subject.some((term) => this.names(term)))),
    );
  }

  /**
   * Whether the sentence reports one of `speakers` saying something: a speaker next to a reporting
   * word, or a quotation with no reporting word of its own that goes on from such a sentence, up to
   * {@link QUOTE_SPAN} sentences back (`…the Council said in a statement… "The United States
   * respects… … We take very seriously…"`).
   */
  reportsSpeechOf(sentence: number, speakers: ReadonlySet<number>): boolean {
    const source = this.quotationSource(sentence);
    return source >= 0 && this.speakerNearReport(source, speakers);
  }

  /**
   * The sentence that reports the words of `sentence`: itself when it has a reporting word, or the
   * one that introduced the quotation it goes on with, up to {@link QUOTE_SPAN} sentences back; -1 when none.
   */
  quotationSource(sentence: number): number {
    // Read once per sentence: the wording does not change, and reading it is the costly part.
    if (this.sources[sentence] === UNREAD) this.sources[sentence] = this.readQuotationSource(sentence);
    return this.sources[sentence];
  }

  private readQuotationSource(sentence: number): number {
    const { sentences } = this.corpus;
    for (let s = sentence; s >= 0 && sentence - s <= QUOTE_SPAN; s--) {
      // A sentence with a reporting word has the speech flag too, which is cheaper to read.
      if ((s < sentence && sentences[s].docIndex !== sentences[sentence].docIndex) || (this.features.sentenceFlags[s] & SentenceFlag.speech) === 0) return -1;
      if (this.speakerSpans(s).length > 0) return s;
    }
    return -1;
  }
}
