import { NounClass, type Lexicon } from '../lexicon/lexicon.js';
import { isNegation, LOCATIVES, SPEECH_WORDS } from '../text/features.js';
import { casedWords, CHAT_WORDS, STOPWORDS, termOf } from '../text/terms.js';

/**
 * The shape of a question, read from its words alone: the kind of answer it wants, the noun phrase
 * or act it asks about, its main verb, and the speaker of a question about what was said.
 */

/** What kind of answer a question wants, from its question word (and the noun after which/what). */
export type AnswerType = 'person' | 'entity' | 'place' | 'date' | 'year' | 'quantity' | 'reason' | 'description' | 'yesno' | 'any';

const QUESTION_WORDS = new Set('who whom which what when where why how'.split(' '));
const AUXILIARIES = new Set('is was are were did does do has have had can could will would should shall may might must'.split(' '));
const DETERMINERS = new Set(['the', 'a', 'an']);
const POSSESSIVE_PRONOUNS = new Set(['its', 'their', 'his', 'her']);
/** Verbs that open a question put as a request: their object says what is asked for. */
const IMPERATIVES = new Set(['name', 'list', 'identify', 'give']);
/**
 * Words for a share of a group before `of` (`Name two of the chains`): what is asked for is the
 * group's noun. (`One`, `few`, `each` and `either` are stop words, passed over anyway.)
 */
const SHARE_WORDS = new Set('two three four five several'.split(' '));
const PASSIVE_AUXILIARIES = new Set('is was are were be been being'.split(' '));
const VERB_AUXILIARIES: ReadonlySet<string> = new Set([...AUXILIARIES, ...PASSIVE_AUXILIARIES]);
const SAYING_WORDS = new Set('say says said tell tells told reveal reveals revealed according describe describes described characterize characterizes characterized mention mentions mentioned deny denies denied denying respond responds responded react reacts reacted admit admits admitted claim claims claimed comment commented commenting'.split(' '));
/** Saying words that are acts of their own: a report of speech is not a denial unless it says so. */
const SPEECH_ACTS = new Set('deny denies denied denying claim claims claimed claiming'.split(' '));
/** `What did Sony call it?`: calling something a name says it (`call off` cancels instead). */
const CALLING_WORDS = new Set('call calls called calling'.split(' '));
/** Particles of phrasal verbs that are stop words (`call off`, `pull out`). */
export const PARTICLES: ReadonlySet<string> = new Set('out up off down over in on into away through about'.split(' '));
/** After a calling word, the words that make it name oneself (`What do the hackers call themselves?`). */
const REFLEXIVES = new Set(['themselves', 'itself', 'himself', 'herself']);
/** With `by` after them, words that name oneself (`What name do the hackers go by?`). */
const GOING = new Set(['go', 'goes', 'went', 'going']);
/** Verbs of refusing to do something: `refused to screen` is `would not show`. */
const REFUSING = new Set('refuse refuses refused refusing decline declines declined declining'.split(' '));
/**
 * Nouns for a text or a message, which says something itself (`What did the threats say?`): the
 * answer is what it said, reported or quoted, not anybody else's words about it.
 */
const TEXT_NOUNS = new Set('threat threats letter letters email emails memo memos note notes post posts tweet tweets message messages'.split(' '));
/** Nouns for what somebody said that are no reporting words (`What warning did X give?`). */
const SAID_NOUNS = 'warning warnings remark remarks message messages explanation explanations assurance assurances'.split(' ');
const SPEECH_NOUNS = new Set([...SPEECH_WORDS, ...SAID_NOUNS]);
/** Verbs by which somebody makes a statement, a promise or a warning: they add nothing to what was said. */
const UTTERING_VERBS = new Set('make makes made give gives gave issue issues issued offer offers offered deliver delivers delivered'.split(' '));
/** Words before a saying word in which a question names the speaker; after `according to`, content words. */
const SPEAKER_WORDS = 4;
/** Verbs whose object carries the meaning (give the orders, make a threat, take credit, carry out the attack, reach or draw a conclusion). */
const LIGHT_VERBS = new Set(
  `give gives gave given giving make makes made making take takes took taken taking get gets got gotten getting carry carries carried
  carrying conduct conducts conducted conducting commit commits committed committing launch launches launched launching reach reaches
  reached reaching draw draws drew drawn drawing`.split(/\s+/),
);
/**
 * Verbs that link their subject to a state (`who became embarrassed`, `who ended up embarrassed`,
 * `who was left red-faced`): the state after them is the act asked about.
 */
const LINKING_VERBS = new Set('become becomes became seem seems seemed feel feels felt remain remains remained'.split(' '));
/** `Who was behind the threats?`, `who is responsible for the attack?`: the act is the thing done, after them. */
const RESPONSIBLE = new Set(['behind', 'responsible']);
/** With `to` after them, light verbs (`who came to the conclusion`). */
const COMING = new Set(['come', 'comes', 'came', 'coming']);
/** Linking only with `up` after them (`ended up`, `wound up`). */
const LINKING_WITH_UP = new Set('end ends ended wind winds wound'.split(' '));
const CAUSAL_VERBS = new Set('made makes caused causes prompted prompts led leads drove drives forced forces'.split(' '));
const COPULAS = new Set(['is', 'was', 'are', 'were']);
const HAVE = new Set(['have', 'has', 'had', 'having']);
/** `What kind of …`: the answer says what sort of thing something is. */
const KIND_WORDS = new Set('kind kinds sort sorts type types genre genres'.split(' '));
/** `What is the plot of X?`: nouns for what a film, a book or a play tells, which a description of it answers. */
const CONTENT_WORDS = new Set('plot plots storyline storylines premise premises synopsis'.split(' '));
/** Words that ask for the names a story gives (`How many chains are named?`). */
const NAMING_WORDS = new Set('name names named naming list lists listed listing mention mentions mentioned identify identifies identified'.split(' '));
/** `How many …`, `how old …`: a number answers. (`How big` or `how large` may be answered in words: the largest chains.) */
const QUANTITY_WORDS = new Set('many much old long far tall often'.split(' '));
const PAST_TENSE = /[^e]ed$/;
/** A past participle, regular or in -en (`targeted`, `written`). */
const PARTICIPLE = /(ed|en)$/;
/** Longest noun phrase read after `the name of`, in words (`Sony Pictures' chief executive`). */
const MAX_NAMED_PHRASE = 5;

export interface Token {
  lower: string;
  term: string | undefined;
  capitalized: boolean;
  /** Written with `'s` (`Sony's`). */
  possessive: boolean;
}

/** Contractions read as the words they stand for: `who's` asks who as `who is` does, `gonna` is `going to`. */
const SPOKEN_FORMS: ReadonlyMap<string, string[]> = new Map([
  ...['who', 'what', 'where', 'when', 'why', 'how'].map((wh): [string, string[]] => [`${wh}'s`, [wh, 'is']]),
  // Without the apostrophe too, where that is no word of its own (not `its`, `whys`).
  ...['who', 'what', 'where', 'how', 'that', 'there'].map((word): [string, string[]] => [`${word}s`, [word, 'is']]),
  // A chat drops the apostrophe: `wasnt` is `wasn't` (not `cant`, `wont`, `were`, `its`, `ill`, `lets`, `well`, words of their own).
  ...'aren couldn didn doesn don hadn hasn haven isn mustn needn shouldn wasn weren wouldn'.split(' ').map((stem): [string, string[]] => [`${stem}t`, [`${stem}'t`]]),
  ...'they you'.split(' ').flatMap((pronoun): [string, string[]][] => [[`${pronoun}re`, [pronoun, 'are']], [`${pronoun}ve`, [pronoun, 'have']]]),
  ['gonna', ['going', 'to']],
  ['wanna', ['want', 'to']],
  ['gotta', ['got', 'to']],
]);
/** A chat's shorthands, written lowercase (capitalized, `U` or `BC` may be initials). */
const SHORTHANDS: ReadonlyMap<string, string> = new Map([
  ['ppl', 'people'],
  ['govt', 'government'],
  ['u', 'you'],
  ['ur', 'your'],
  ['cuz', 'because'],
  ['bc', 'because'],
  ['abt', 'about'],
  ['b4', 'before'],
  ['thru', 'through'],
  ['exec', 'executive'],
  ['execs', 'executives'],
  ['info', 'information'],
  ["nat'l", 'national'],
]);

function tokenize(question: string): Token[] {
  // Without a chat's fillers, a question reads as its plain form would (`Ok so who …`, `what's it even about lol`).
  // Inside the question only lowercase ones go: capitalized, they may be a name (`the IMO`, `Hello Kitty`).
  // `… the full name? like per the headline`: a follow-up's opening `like` only leads in.
  const words = casedWords(question.replace(/([?!,;:]\s*)like\b/giu, '$1'));
  let opening = 0;
  while (opening < words.length && CHAT_WORDS.has(words[opening].toLowerCase())) opening++;
  const spoken = words
    .slice(opening)
    .filter((word) => !CHAT_WORDS.has(word))
    .flatMap((word) => SPOKEN_FORMS.get(word.toLowerCase())?.map((part, k) => (k === 0 && /^\p{Lu}/u.test(word) ? part[0].toUpperCase() + part.slice(1) : part)) ?? [SHORTHANDS.get(word) ?? word]);
  return spoken.map((word, position) => {
    const raw = word.toLowerCase();
    // A possessive is looked up as its word (company's: company), in WordNet as in the corpus terms.
    const lower = STOPWORDS.has(raw) ? raw : raw.replace(/'s$/, '');
    const term = STOPWORDS.has(raw) ? undefined : termOf(lower);
    const usable = term !== undefined && (term.length > 1 || /\p{N}/u.test(term));
    return { lower, term: usable ? term : undefined, capitalized: position > 0 && /^\p{Lu}/u.test(word), possessive: lower !== raw };
  });
}

/** What a question asks for: the kind of answer, and the words that say it. */
export interface AskedFor {
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
  /** `who reached the conclusion`, `who came to the conclusion`: the verb that only carries its object's meaning, which is no evidence of its own. */
  lightVerb?: number;
  /** `who was left red-faced`, `who became embarrassed`: the act is a state the subject was left in, not something done. */
  state?: boolean;
  /**
   * `What sanctions did …`: the noun after `what` that says what kind of thing answers. A sentence
   * that never mentions it (or a kind of it) does not answer. (`Which` picks among things the
   * story may only name: `which news outlet` is answered by `NBC News`.)
   */
  kind?: number;
  /** `How many executives …`: the noun counted, which a vague number next to it answers (`several … executives`). */
  counted?: number;
  /** `Which country …`: the noun names a kind of place, and a place's name answers. */
  place?: boolean;
  /** `Which executives …`, `Name the actors …`: a noun for people says who is asked for. */
  people?: boolean;
  /** `What is X about?`, `what is the plot of X?`: what a film, a book or a play tells, which only a description of it gives. */
  told?: boolean;
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

/** The positions of the content words from `from` up to `to`. */
function contentIn(tokens: readonly Token[], from: number, to: number): number[] {
  return tokens.slice(from, to).flatMap((token, k) => (token.term !== undefined ? [from + k] : []));
}

/**
 * The words after the noun a description is asked of, from `from` to `to`, that say which one it is
 * (`the new film at the center of the controversy`, `the film starring …`): from the first function
 * word or participle after the noun's own words on. The description need not repeat them.
 */
function identifyingWords(tokens: readonly Token[], from: number, to: number): number[] {
  let k = from;
  while (k < to && tokens[k].term === undefined) k++;
  const first = k;
  while (k < to && tokens[k].term !== undefined && !(k > first && (PARTICIPLE.test(tokens[k].lower) || tokens[k].lower.endsWith('ing')))) k++;
  return contentIn(tokens, k, to);
}

/** `going to` at `k` before a verb: a future, not an act of going (as `going to the premiere`, `going to Pyongyang` are). */
export function goingTo(tokens: readonly Token[], k: number): boolean {
  const after = tokens[k + 2];
  return tokens[k].lower === 'going' && tokens[k + 1]?.lower === 'to' && after !== undefined && !after.capitalized && !DETERMINERS.has(after.lower) && !POSSESSIVE_PRONOUNS.has(after.lower);
}

/** The position after the auxiliaries (of `auxiliaries`) and `going to` that start at `k`. */
function pastAuxiliaries(tokens: readonly Token[], k: number, auxiliaries: ReadonlySet<string>): number {
  while (k < tokens.length && (auxiliaries.has(tokens[k].lower) || goingTo(tokens, k))) k += goingTo(tokens, k) ? 2 : 1;
  return k;
}

/** The position of the first content word after `k` (tokens.length when none). */
function nextContent(tokens: readonly Token[], k: number): number {
  let next = k + 1;
  while (next < tokens.length && tokens[next].term === undefined) next++;
  return next;
}

/**
 * Whether the verb at `k`, in a who-question, only hands over to its object, which says what was
 * done: a light verb (`who gave the orders`), `came to` (`who came to the conclusion`), or `was
 * behind` / `is responsible for` (`who was behind the threats`).
 */
function handsOverToObject(tokens: readonly Token[], k: number): boolean {
  const word = tokens[k].lower;
  return LIGHT_VERBS.has(word) || RESPONSIBLE.has(word) || (COMING.has(word) && tokens[k + 1]?.lower === 'to');
}

/** `What did Sony call it?`, `who called the attack an assault`: calling something a name, which says it (not `call off`, nor `call themselves`, which names oneself). */
export function callsSomething(tokens: readonly Token[], k: number): boolean {
  const next = tokens[k + 1]?.lower ?? '';
  return CALLING_WORDS.has(tokens[k].lower) && !PARTICLES.has(next) && !REFLEXIVES.has(next);
}

/** Verbs that, with a clause after them, only report what someone says, as `say` does (`does the government claim it is working …`). */
const CLAIMING_WORDS = new Set('claim claims claimed claiming insist insists insisted argue argues argued contend contends contended'.split(' '));
/** Words that open a clause after a verb of saying. */
const CLAUSE_OPENERS = new Set("that it it's they they're he he's she she's we we're".split(' '));
/** Most words of a clause's subject read after a verb of claiming and a determiner (`the U.S. government`). */
const CLAUSE_SUBJECT = 3;

/** Whether the verb at `k` only reports what the clause after it says, which is what is asked about (not `who claimed the hack`). */
export function reportsClause(tokens: readonly Token[], k: number): boolean {
  if (!CLAIMING_WORDS.has(tokens[k].lower)) return false;
  const next = tokens[k + 1]?.lower ?? '';
  if (CLAUSE_OPENERS.has(next)) return true;
  // `claim the government is working`: a subject, then its verb.
  if (!DETERMINERS.has(next)) return false;
  const subject = tokens.slice(k + 2, k + 2 + CLAUSE_SUBJECT + 1).findIndex((token) => AUXILIARIES.has(token.lower));
  return subject > 0;
}

/** Whether a lower-case content word (its object, as a rule) follows the word at `k`, with at most a determiner or a possessive between (`its decision`, `credit`). */
function objectFollows(tokens: readonly Token[], k: number): boolean {
  let next = k + 1;
  if (DETERMINERS.has(tokens[next]?.lower ?? '') || POSSESSIVE_PRONOUNS.has(tokens[next]?.lower ?? '')) next++;
  return tokens[next] !== undefined && tokens[next].term !== undefined && !tokens[next].capitalized;
}

/** Whether the verb at `k` links its subject to the state after it (`became`, `ended up`, `was left`). */
function linksToState(tokens: readonly Token[], k: number): boolean {
  const word = tokens[k].lower;
  if (LINKING_VERBS.has(word)) return true;
  if (LINKING_WITH_UP.has(word)) return tokens[k + 1]?.lower === 'up';
  return word === 'left' && PASSIVE_AUXILIARIES.has(tokens[k - 1]?.lower ?? '');
}

/** `issued the statement`, `delivered a warning`: a verb that only utters what its object says. */
function uttersSpeech(tokens: readonly Token[], k: number): boolean {
  return UTTERING_VERBS.has(tokens[k].lower) && SPEECH_NOUNS.has(tokens[nextContent(tokens, k)]?.lower ?? '');
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
    // `who was going to star`: `going to` says when, the act is the verb after it. `Who exactly is …`,
    // `who really ordered …`: an adverb before the verb is no act.
    const next = tokens[j + 1];
    if (tokens[j]?.lower.endsWith('ly') && next !== undefined && (AUXILIARIES.has(next.lower) || (next.term !== undefined && !next.capitalized))) j++;
    j = pastAuxiliaries(tokens, j, AUXILIARIES);
    if (j < tokens.length && tokens[j].term !== undefined && !tokens[j].capitalized) {
      // `promised to bring`, `took credit for breaking in`: the verb after `to` or `for` states the act as well.
      const complement = (at: number): number[] =>
        (tokens[at]?.lower === 'to' || tokens[at]?.lower === 'for') && tokens[at + 1]?.term !== undefined && !tokens[at + 1].capitalized ? [at + 1] : [];
      // `Who was targeted by …` asks who underwent the act; the story may put it otherwise (`the victim of`).
      const passive = PASSIVE_AUXILIARIES.has(tokens[j - 1]?.lower ?? '') && PARTICIPLE.test(tokens[j].lower);
      if (!handsOverToObject(tokens, j) && !linksToState(tokens, j) && !uttersSpeech(tokens, j)) {
        const acts = passive ? complement(j + 1) : [j, ...complement(j + 1)];
        return { head: j, modifiers: [], acts: acts.length > 0 ? acts : undefined };
      }
      const object = nextContent(tokens, j);
      const head = object < tokens.length && !tokens[object].capitalized ? object : j;
      return { head, modifiers: [], acts: [head, ...complement(head + 1)], lightVerb: head !== j ? j : undefined, state: linksToState(tokens, j) };
    }
    // `Who is the …` asks for the holder of a role; `who does the government want …` asks for an object.
    if (!DETERMINERS.has(tokens[j]?.lower ?? '') || !COPULAS.has(tokens[j - 1]?.lower ?? '')) return {};
    j++;
  }
  const phrase = nounPhrase(tokens, j);
  return phrase.length > 0 ? { head: phrase[phrase.length - 1], modifiers: phrase.slice(0, -1), role: tokens[i].lower !== 'whose' } : {};
}

/** The answer type a noun phrase asks for (`which theater chains`, `what year`): from the WordNet classes of its words, last first. */
function askedByNounPhrase(
  tokens: readonly Token[],
  phrase: readonly number[],
  lexicon: Lexicon,
): AskedFor {
  if (phrase.length === 0) return { type: 'any', typeWord: -1 };
  const first = tokens[phrase[0]].lower;
  if (phrase.length === 1 && (first === 'year' || first === 'years')) return { type: 'year', typeWord: phrase[0] };
  for (const j of [...phrase].reverse()) {
    // A name in the phrase (`the New Regency film`) says which one, not what kind.
    if (tokens[j].capitalized) continue;
    const classes = lexicon.wordClasses(tokens[j].lower);
    if (classes & NounClass.time) return { type: 'date', typeWord: phrase.length === 1 ? j : -1 };
    if (classes & NounClass.motive) return { type: 'reason', typeWord: phrase.length === 1 ? j : -1 };
    if (classes & (NounClass.quantity | NounClass.money)) return { type: 'quantity', typeWord: -1 };
    const head = phrase[phrase.length - 1];
    const modifiers = phrase.slice(0, -1);
    if (classes & NounClass.person) return { type: 'person', typeWord: -1, head, modifiers, people: true };
    if (classes & (NounClass.group | NounClass.location)) return { type: 'entity', typeWord: -1, head, modifiers, place: j === head && (classes & NounClass.place) !== 0 };
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

/** The position of the question's saying word (`say`, `according`, `call it`), or -1. The noun of `What comment did Sony make?` is what was said, not a saying word. */
function sayingWordAt(tokens: readonly Token[], speechNoun: { noun: number } | undefined): number {
  return tokens.findIndex((token, k) => k !== speechNoun?.noun && (SAYING_WORDS.has(token.lower) || callsSomething(tokens, k)));
}

/**
 * The speaker's words when the question asks what somebody said: the content words next to a
 * saying word (`what did the council say`, `according to officials`), or between the auxiliary and
 * the verb of `what promise did the council make`. `What did they say about …` and `what does the
 * story say` name nobody (pronouns and the story are stop words): they ask about the story, and
 * give none.
 */
function speakerOf(tokens: readonly Token[], speechNoun: { noun: number; verb: number } | undefined, at: number): number[] {
  if (at === -1) return speechNoun === undefined ? [] : contentIn(tokens, speechNoun.noun + 2, speechNoun.verb);
  // `X is said to …`, `How is X described?`: a passive says something about X, not what X said.
  const passive = /(ed|said|told)$/.test(tokens[at].lower) && tokens.slice(0, at).some((token) => PASSIVE_AUXILIARIES.has(token.lower));
  if (passive) return [];
  if (tokens[at].lower === 'according') {
    // `According to officials, which …`, `Why, according to Sony, did it …`: the speaker ends where
    // the question goes on, after at most SPEAKER_WORDS content words (`according to the National Security Council`).
    let to = at + 1;
    for (let words = 0; to < tokens.length && !QUESTION_WORDS.has(tokens[to].lower) && !VERB_AUXILIARIES.has(tokens[to].lower); to++) {
      if (tokens[to].term !== undefined && ++words > SPEAKER_WORDS) break;
    }
    return contentIn(tokens, at + 1, to);
  }
  // The speaker is the subject: after the auxiliary of `which freedoms did the council say`.
  let from = Math.max(0, at - SPEAKER_WORDS);
  for (let k = at - 1; k >= from; k--) if (AUXILIARIES.has(tokens[k].lower)) from = k + 1;
  return contentIn(tokens, from, at);
}

/**
 * `What did the threats of violence against theaters say?`: the noun for a text or a message between
 * the auxiliary and the saying word, if any. Without an auxiliary before it the saying word only
 * qualifies a noun (`Who made the threats mentioned in the article?`), and nothing asks what a text said.
 */
function textSpeakerOf(tokens: readonly Token[], at: number): number | undefined {
  let text: number | undefined;
  for (let k = at - 1; k > 0; k--) {
    if (AUXILIARIES.has(tokens[k].lower)) return text;
    if (TEXT_NOUNS.has(tokens[k].lower)) text = k;
  }
  return undefined;
}

/**
 * The main verb of an affirmative wh-question, where it is plain to see: the word after `who`
 * (`who showed`), after the auxiliaries that follow the question word (`which chains did show`,
 * `what was cancelled`, `who was going to star`), ending a which-phrase (`which chains showed`), or
 * after a subject (`what options did the official detail`). A yes/no question has none: a negated
 * statement answers it.
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
  k = pastAuxiliaries(tokens, k, VERB_AUXILIARIES);
  if (isVerb(k)) return k;
  // `What options did the official detail?`, `What did Sony cancel on Wednesday?`: a subject, then the
  // verb, which ends the run of content words (`will The Interview be released`: after the auxiliary).
  while (DETERMINERS.has(tokens[k]?.lower ?? '')) k++;
  const from = k;
  // (A name after a lower-case word is the object: `did the breach affect Sony executives`.)
  while (k < tokens.length && tokens[k].term !== undefined && !(k > from && tokens[k].capitalized && !tokens[k - 1].capitalized)) k++;
  if (k - from >= 2) return isVerb(k - 1) ? k - 1 : undefined;
  k = pastAuxiliaries(tokens, k, VERB_AUXILIARIES);
  return k > from && isVerb(k) ? k : undefined;
}

/** Whether the question asks for names in so many words (`the name of`, `by name`, `their names`; not the imperative `Name the …`). */
function asksForNames(tokens: readonly Token[]): boolean {
  return tokens.some(isNameNoun);
}

/** Words before `name` that ask for a name in full (`the full name of the Sony unit`). */
const FULL_NAME_WORDS = new Set(['full', 'complete', 'official']);

/** Whether the question asks for a name in full (`What is the full name of …`), which is longer than the one it gives. */
function asksForFullName(tokens: readonly Token[]): boolean {
  return tokens.some((token, k) => isNameNoun(token, k) && FULL_NAME_WORDS.has(tokens[k - 1].lower));
}

/** `name` or `names` as a noun (`Name the chains` opens a request instead). */
function isNameNoun(token: Token, k: number): boolean {
  return k > 0 && (token.lower === 'name' || token.lower === 'names');
}

/** Answers that are names. */
const NAMED_TYPES: ReadonlySet<AnswerType> = new Set(['person', 'entity', 'any']);

/**
 * What `the name of <phrase>` asks for: a name, of a person when the phrase says so, whatever kind
 * of thing the phrase's noun could also be (`the name of the Sony unit`: not a quantity).
 */
function askedForName(byPhrase: AskedFor, phrase: readonly number[]): AskedFor {
  return { ...byPhrase, type: NAMED_TYPES.has(byPhrase.type) ? byPhrase.type : 'entity', typeWord: -1, head: phrase[phrase.length - 1], modifiers: phrase.slice(0, -1) };
}

/** `What is the name of Sony's chief executive?`: the noun phrase after `name of` says what is asked for; its last word is the head. */
function namedPhrase(tokens: readonly Token[]): number[] {
  const at = tokens.findIndex((token, k) => isNameNoun(token, k) && tokens[k + 1]?.lower === 'of');
  if (at === -1) return [];
  let j = at + 2;
  while (DETERMINERS.has(tokens[j]?.lower ?? '')) j++;
  const phrase: number[] = [];
  for (; j < tokens.length && phrase.length < MAX_NAMED_PHRASE && tokens[j].term !== undefined && !AUXILIARIES.has(tokens[j].lower); j++) {
    // `the movie Sony shelved`: a name after a lower-case noun begins a clause on it.
    if (tokens[j].capitalized && phrase.some((k) => !tokens[k].capitalized)) break;
    phrase.push(j);
  }
  return phrase;
}

function answerTypeOf(tokens: readonly Token[], imperative: boolean, lexicon: Lexicon): AskedFor {
  const first = tokens[0]?.lower;
  if (first !== undefined && AUXILIARIES.has(first)) return { type: 'yesno', typeWord: -1 };
  // `Name the chains that …`, `List the …`: an imperative asks like `which`.
  if (imperative) {
    // `Name the chains`, `Name some of the chains`, `Name one of the chains`: the noun phrase after the function words.
    let k = 1;
    while (k < tokens.length && (tokens[k].term === undefined || (SHARE_WORDS.has(tokens[k].lower) && tokens[k + 1]?.lower === 'of'))) k++;
    return askedByNounPhrase(tokens, nounPhrase(tokens, k), lexicon);
  }
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].lower;
    if (word === 'who' || word === 'whom' || word === 'whose') return { type: word === 'whose' ? 'any' : 'person', typeWord: -1, ...askedAboutPerson(tokens, i) };
    if (word === 'when') return { type: 'date', typeWord: -1 };
    if (word === 'where') return { type: 'place', typeWord: -1 };
    if (word === 'why') return { type: 'reason', typeWord: -1 };
    if (word === 'how') {
      const next = tokens[i + 1]?.lower;
      if (next === undefined || !QUANTITY_WORDS.has(next)) return { type: 'any', typeWord: -1 };
      // `How many chains does the article name?`: the story's answer is the names it lists.
      if (next === 'many' && tokens.some((token) => NAMING_WORDS.has(token.lower))) return { ...askedByNounPhrase(tokens, nounPhrase(tokens, i + 2), lexicon), typeWord: i + 1 };
      const counted = next === 'many' ? nounPhrase(tokens, i + 2) : [];
      return { type: 'quantity', typeWord: i + 1, counted: counted.length > 0 ? counted[counted.length - 1] : undefined };
    }
    // `What is X about?`, `what's X about?`: a description of X.
    const described = word === 'what' && COPULAS.has(tokens[i + 1]?.lower ?? '') ? i + 2 : -1;
    if (described > 0 && tokens[tokens.length - 1].lower === 'about') return { type: 'description', typeWord: -1, told: true, modifiers: identifyingWords(tokens, described, tokens.length - 1) };
    // `What is the plot of X?`, `what's the storyline of X?`: as much as what X is about.
    if (described > 0 && DETERMINERS.has(tokens[described]?.lower ?? '') && CONTENT_WORDS.has(tokens[described + 1]?.lower ?? '')) return { type: 'description', typeWord: described + 1, told: true, modifiers: identifyingWords(tokens, described + 2, tokens.length) };
    // `What is the release date of …`, `what's the budget …`: the noun phrase after the copula asks.
    // (Not `what is the government discussing`: the phrase ends the question or a preposition follows, and ends in no -ing verb.)
    const asksName = tokens[described + 1] !== undefined && isNameNoun(tokens[described + 1], described + 1);
    if (described > 0 && DETERMINERS.has(tokens[described]?.lower ?? '') && !asksName) {
      const phrase = nounPhrase(tokens, described + 1);
      const after = tokens[described + 1 + phrase.length];
      const progressive = (phrase.length > 1 && tokens[phrase[phrase.length - 1]].lower.endsWith('ing')) || after?.lower.endsWith('ing') === true;
      if (!progressive && (after === undefined || (after.term === undefined && !AUXILIARIES.has(after.lower)))) return askedByNounPhrase(tokens, phrase, lexicon);
    }
    if (word === 'what' || word === 'which') {
      const next = tokens[i + 1]?.lower ?? '';
      // `What made / caused / prompted …`: a cause is asked for.
      if (word === 'what' && CAUSAL_VERBS.has(next)) return { type: 'reason', typeWord: -1 };
      // `What kind of film is X?`: a description of X.
      if (KIND_WORDS.has(next) && tokens[i + 2]?.lower === 'of') return { type: 'description', typeWord: i + 1, kind: kindNoun(tokens, nounPhrase(tokens, i + 3)) };
      const phrase = nounPhrase(tokens, i + 1);
      const asked = askedByNounPhrase(tokens, phrase, lexicon);
      return word === 'what' && asked.type === 'any' ? { ...asked, kind: kindNoun(tokens, phrase) } : asked;
    }
  }
  return { type: 'any', typeWord: -1 };
}

/**
 * The noun of `what <phrase>` that says what kind of thing is asked for: its last word, unless that
 * is no noun of kind (`what happened`, `what became of`, `what exactly`, `what name`, a name), or the
 * question asks what its subject had or gave (`What impact did the breach have?`, `What title does
 * the story give him?`): the story states the effect, or gives the title, without the noun.
 */
function kindNoun(tokens: readonly Token[], phrase: readonly number[]): number | undefined {
  if (phrase.length === 0) return undefined;
  const head = phrase[phrase.length - 1];
  const token = tokens[head];
  if (token.capitalized || PAST_TENSE.test(token.lower) || LINKING_VERBS.has(token.lower) || token.lower.endsWith('ly') || isNameNoun(token, head)) return undefined;
  // The auxiliary right after the phrase (`what sanctions has the U.S. imposed`) is no main verb.
  return tokens.some((t, k) => k > head + 1 && (HAVE.has(t.lower) || UTTERING_VERBS.has(t.lower))) ? undefined : head;
}

/** A question's shape, as {@link analyzeQuery} reads it into concepts. */
export interface QuestionForm {
  tokens: Token[];
  /** What it asks for; for `what is the name of X`, the noun phrase X. */
  asked: AskedFor;
  /** It asks for names in so many words (`the name of`, `by name`). */
  namesAsked: boolean;
  /** It asks for a name in full (`the full name of`). */
  fullNameAsked: boolean;
  /** `What promise did X make?`: the noun for what was said, and the verb that only utters it. */
  speechNoun: { noun: number; verb: number } | undefined;
  /** The main verb of an affirmative wh-question, where it is plain to see. */
  verb: number | undefined;
  /** The positions of the speaker's words, when it asks what somebody said. */
  speaker: number[];
  /** `What did the threats say?`: the position of the speaker's noun for a text or a message, which says something itself. */
  textSpeaker: number | undefined;
  /**
   * `When did Sony put out its statement?`, `the White House's statement`, `the NSC statement`: the
   * positions of the owner's name, and of the nouns for what it said, which are its words and nobody else's.
   */
  statementOwner: { owner: number[]; nouns: number[] } | undefined;
  /**
   * `Did North Korea deny …?`: the positions of saying words that say what kind of thing was said
   * (denying, claiming); reported speech answers only if it states that act.
   */
  statedSpeech: number[];
  /** `refused to screen`: the positions of each verb of refusing and of the act refused. */
  refusals: { refusal: number; act: number }[];
  /** It opens with a request verb (`Name the …`, `List …`), which is no evidence. */
  imperative: boolean;
  /**
   * `What do the hackers call themselves?`, `What name do they go by?`, `What are they known as?`:
   * the position of the word that names oneself (no evidence), and of the content words of who is
   * named; undefined when the question asks no such thing.
   */
  selfNaming: { naming: number; named: number[] } | undefined;
  /** `make its decision`, `take credit`: the positions of light verbs right before their object, which carries the meaning. */
  lightVerbs: number[];
  /**
   * `From which country was the attack launched?`, `Which country did it come from?`: the place is
   * asked for as where something is or comes from, by a preposition before the question word or at the end.
   */
  locative: boolean;
  /**
   * `Was it released online or on video on demand?`: the positions of the content words of each
   * alternative, after `or` up to where a clause begins, and as many before it; empty when the
   * question offers no choice between things it names.
   */
  alternatives: number[][];
  /**
   * `Which chain was the first to pull the film?`: the position of the word that asks for an order
   * (`first`, `last`), which only a sentence that states an order answers; undefined when none.
   */
  ordinal: number | undefined;
  /**
   * `Which other film was shelved?`, `a second North Korea themed picture`: the words of the noun
   * phrase after a word that asks for another one than the story's own, which a sentence introducing
   * one (`a New Regency film`) answers; empty when none.
   */
  another: number[];
}

/** Most words read after `other` (`a second North Korea themed picture`). */
const MAX_ANOTHER = 5;
/** Words before a noun that ask for another thing of its kind. */
const ANOTHER_WORDS = new Set(['other', 'another', 'second']);

/** See {@link QuestionForm.another}. */
function anotherIn(tokens: readonly Token[]): number[] {
  // (`the other chains` are the rest of those the story names.)
  const at = tokens.findIndex((token, k) => ANOTHER_WORDS.has(token.lower) && tokens[k - 1]?.lower !== 'the');
  const phrase: number[] = [];
  if (at < 0) return phrase;
  // (Auxiliaries are stop words, without a term.) A light verb after the noun is the question's verb (`which other film made money`).
  for (let j = at + 1; j < tokens.length && phrase.length < MAX_ANOTHER && tokens[j].term !== undefined && !(phrase.length > 0 && LIGHT_VERBS.has(tokens[j].lower)); j++) phrase.push(j);
  // A participle that ends the phrase is the question's verb (`was any other film project killed`), not a modifier (`North Korea themed picture`).
  if (phrase.length > 1 && PARTICIPLE.test(tokens[phrase[phrase.length - 1]].lower)) phrase.pop();
  return phrase;
}

/** Words that ask who did something before or after all others, in `the first (one) to …`. */
const ORDINALS = new Set(['first', 'last', 'earliest', 'latest']);

/** See {@link QuestionForm.ordinal}. */
function ordinalIn(tokens: readonly Token[]): number | undefined {
  const at = tokens.findIndex((token, k) => ORDINALS.has(token.lower) && tokens[k - 1]?.lower === 'the' && (tokens[k + 1]?.lower === 'to' || tokens[k + 2]?.lower === 'to'));
  return at < 0 ? undefined : at;
}

/** Most words taken for the alternative after `or`. */
const MAX_ALTERNATIVE = 4;
/** A word that stands for a noun said before it (`small or large ones`): the alternative is the word before. (`One` is a stop word.) */
const PRO_FORM = 'ones';
/** Words after `or` that offer no alternative of the question's own (`or something`, `or anything else`; `or not` and `or what` have no content word). */
const OPEN_ENDINGS = new Set('something anything else whatever'.split(' '));

/** See {@link QuestionForm.locative}. */
function asksLocation(tokens: readonly Token[]): boolean {
  const wh = tokens.findIndex((token) => QUESTION_WORDS.has(token.lower));
  return (wh > 0 && LOCATIVES.has(tokens[wh - 1].lower)) || (tokens.length > 0 && LOCATIVES.has(tokens[tokens.length - 1].lower));
}

/** See {@link QuestionForm.alternatives}. */
function alternativesIn(tokens: readonly Token[]): number[][] {
  const or = tokens.findIndex((token) => token.lower === 'or');
  if (or < 0 || OPEN_ENDINGS.has(tokens[or + 1]?.lower)) return [];
  /**
   * The content words from `from` on, one `step` at a time, up to `most` of them or to an auxiliary
   * or a question word (`What malware or tools did the hackers use`). A main verb does not end them
   * (`Did Sony or the chains pull the film?` offers `Sony` against `chains pull film`).
   */
  const wordsFrom = (from: number, step: 1 | -1, most: number): number[] => {
    const words: number[] = [];
    for (let i = from; i >= 0 && i < tokens.length && words.length < most; i += step) {
      const word = tokens[i].lower;
      if (word === 'or' || AUXILIARIES.has(word) || QUESTION_WORDS.has(word)) break;
      if (tokens[i].term !== undefined && word !== PRO_FORM) words.push(i);
    }
    return step === 1 ? words : words.reverse();
  };
  // What comes before `or` is as long as what comes after (`stream the film or sell it on disc`).
  const after = wordsFrom(or + 1, 1, MAX_ALTERNATIVE);
  const alternatives = [wordsFrom(or - 1, -1, after.length), after];
  return alternatives.every((words) => words.length > 0) ? alternatives : [];
}

/** See {@link QuestionForm.selfNaming}: who is named is the subject, after the last auxiliary (or `name`) before the naming word. */
function selfNamingIn(tokens: readonly Token[]): QuestionForm['selfNaming'] {
  const naming = tokens.findIndex(
    (token, k) =>
      (CALLING_WORDS.has(token.lower) && REFLEXIVES.has(tokens[k + 1]?.lower ?? '')) ||
      (GOING.has(token.lower) && tokens[k + 1]?.lower === 'by') ||
      (token.lower === 'known' && tokens[k + 1]?.lower === 'as'),
  );
  // The name is what is asked: nothing but function words after the naming words (not `its statement calling itself a victim`).
  if (naming < 0 || tokens.slice(naming + 2).some((token) => token.term !== undefined)) return undefined;
  let from = 0;
  for (let k = 0; k < naming; k++) if (AUXILIARIES.has(tokens[k].lower) || isNameNoun(tokens[k], k)) from = k + 1;
  const named = contentIn(tokens, from, naming);
  return named.length > 0 ? { naming, named } : undefined;
}

/** `Which chains refused to screen the film?`: each verb of refusing followed by `to` and the act refused. */
function refusalsIn(tokens: readonly Token[]): { refusal: number; act: number }[] {
  return tokens.flatMap((token, i) => (REFUSING.has(token.lower) && tokens[i + 1]?.lower === 'to' ? [{ refusal: i, act: i + 2 }] : []));
}

/** Nouns for what somebody said, which have an owner (`Sony's statement`, `the NSC statement`). */
const STATEMENT_NOUNS = new Set([...'statement statements announcement announcements comment comments claim claims'.split(' '), ...SAID_NOUNS]);

/**
 * A noun for something said that belongs to a name (`Sony's statement`, `the NSC statement`; `its
 * statement` after `Sony`): the name nearest before it, and the nouns.
 */
function statementOwnerOf(tokens: readonly Token[]): QuestionForm['statementOwner'] {
  /** The owner's word before the noun at `i` (`its`, `its own`, `Sony's`, `the White House statement`), or -1. */
  const ownerBefore = (i: number): number => {
    const before = tokens[i - 1]?.lower === 'own' ? i - 2 : i - 1;
    const word = tokens[before];
    return word !== undefined && (POSSESSIVE_PRONOUNS.has(word.lower) || word.possessive || word.capitalized) ? before : -1;
  };
  const nouns = tokens.flatMap((token, i) => (STATEMENT_NOUNS.has(token.lower) && !token.capitalized && ownerBefore(i) >= 0 ? [i] : []));
  if (nouns.length === 0) return undefined;
  // `Sony's statement`, `the NSC statement` name the owner; `its statement`, the name before it.
  let end = ownerBefore(nouns[0]);
  if (!tokens[end].possessive) while (end >= 0 && !tokens[end].capitalized) end--;
  if (end < 0) return undefined;
  let start = end;
  while (start > 0 && tokens[start - 1].capitalized) start--;
  return { owner: Array.from({ length: end - start + 1 }, (_, k) => start + k), nouns };
}

export function readQuestion(question: string, lexicon: Lexicon): QuestionForm {
  const tokens = tokenize(question);
  const imperative = tokens.length > 0 && IMPERATIVES.has(tokens[0].lower);
  const answerType = answerTypeOf(tokens, imperative, lexicon);
  const selfNaming = selfNamingIn(tokens);
  const namesAsked = asksForNames(tokens) || selfNaming !== undefined;
  // Who names themselves, by the words their phrase opens with (`the people` in `the people who say they hacked Sony`).
  const selfNamedPhrase = selfNaming?.named.filter((k, i) => k === selfNaming.named[0] + i) ?? [];
  const namePhrase = namedPhrase(tokens);
  const named = namesAsked && answerType.head === undefined ? (namePhrase.length === 0 ? selfNamedPhrase : namePhrase) : [];
  const asked = named.length > 0 ? askedForName({ ...answerType, ...askedByNounPhrase(tokens, named, lexicon) }, named) : answerType;
  const speechNoun = speechNounQuestion(tokens);
  const saying = sayingWordAt(tokens, speechNoun);
  const speaker = speakerOf(tokens, speechNoun, saying);
  return {
    tokens,
    asked,
    namesAsked,
    fullNameAsked: namesAsked && asksForFullName(tokens),
    speechNoun,
    verb: assertedVerb(tokens),
    speaker,
    textSpeaker: speaker.length > 0 ? textSpeakerOf(tokens, saying) : undefined,
    statementOwner: statementOwnerOf(tokens),
    statedSpeech: tokens.flatMap((token, i) => (SPEECH_ACTS.has(token.lower) ? [i] : [])),
    refusals: refusalsIn(tokens),
    imperative,
    locative: asksLocation(tokens),
    alternatives: alternativesIn(tokens),
    ordinal: ordinalIn(tokens),
    another: anotherIn(tokens),
    selfNaming,
    lightVerbs: tokens.flatMap((token, i) => (LIGHT_VERBS.has(token.lower) && objectFollows(tokens, i) ? [i] : [])),
  };
}
