import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom } from './seededRandom.js';

/**
 * A deterministic generator of English-like news text for benchmarks.
 *
 * Words are drawn from one ranked vocabulary with Zipf probabilities (p ∝ 1 / rank^s): the top
 * ranks are real English function words in their usual order, so that about half the tokens are
 * function words as in English; the long tail is pronounceable pseudo-words (shorter words get
 * the more frequent ranks, as in natural language), some of them proper nouns. Each article also
 * has a handful of topic words and names it keeps coming back to, so chunks of one article are
 * related, as in real stories. Sentence lengths are log-normal around 20 words (news prose);
 * paragraphs are wrapped into lines, and the first line of a file is its title.
 *
 * Same seed and options → byte-identical files on every machine.
 */

export interface SyntheticCorpusOptions {
  /** Sentences in the whole corpus as storybot's splitter counts them (titles included). */
  sentences: number;
  seed?: number;
  /** Body sentences per article, on average. */
  sentencesPerArticle?: number;
  /** Distinct words in the ranked vocabulary. */
  vocabularySize?: number;
  /** The Zipf exponent s. */
  zipfExponent?: number;
}

export interface SyntheticArticle {
  /** File name stem. */
  id: string;
  /** The whole file: title line, blank line, wrapped paragraphs separated by blank lines. */
  text: string;
  /** The body sentences as generated (before wrapping). */
  sentences: string[];
}

export const DEFAULT_SEED = 20_141_217;
const DEFAULT_SENTENCES_PER_ARTICLE = 40;
const DEFAULT_VOCABULARY = 40_000;
const DEFAULT_ZIPF = 1.0;
const MEDIAN_SENTENCE_WORDS = 20;
const SENTENCE_WORDS_SIGMA = 0.45;
const LINE_WIDTH = 88;

/** English function words, roughly most frequent first (the top of any English rank list). */
const FUNCTION_WORDS = `the of and to a in that is was he for it with as his on be at by this had not are but from
or have an they which one you were her all she there would their we him been has when who will more no if out
so said what up its about into than them can only other new some could time these two may then do first any my
now such like our over even most made after also did many before must through back years where much your way
well down should because each just those people how too little state good very make world still own see men
work long get here between both life being under never day same another know while last might us great old year
off come since against go came right used take three`.split(/\s+/);

/**
 * Words a sentence may not end on: before a period, a lone letter reads as an initial and these
 * as abbreviations ("No.", "Dec."), so the sentence would not end there.
 */
const WEAK_ENDINGS = new Set(
  `a i mr mrs ms dr prof st jr sr sen rep gov gen lt col capt sgt rev hon pres supt mt ft ave blvd rd inc ltd co corp
  bros vs no nos vol fig approx dept est jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur
  thurs fri sat sun cf al`.split(/\s+/),
);

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'br', 'cr', 'dr', 'fr', 'gr', 'pr', 'tr', 'bl', 'cl', 'fl', 'gl', 'pl', 'sl', 'st', 'sp', 'sk', 'sh', 'ch', 'th', 'qu', 'wr', 'sn'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ea', 'ai', 'ou', 'ee', 'oo', 'ie', 'oa'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 't', 'm', 'nd', 'nt', 'st', 'rt', 'ck', 'ng', 'sh', 'th', 'x', 'll', 'ss', 'rd', 'lt'];
const SUFFIXES = ['', '', '', '', '', 's', 's', 'ed', 'ing', 'er', 'tion', 'ment', 'ly', 'al', 'ous', 'ity', 'ers', 'ness'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface Vocabulary {
  /** Word of each rank (0-based); proper nouns are stored capitalized. */
  words: string[];
  /** Cumulative Zipf probabilities by rank, ending at 1. */
  cumulative: Float64Array;
  /** First rank after the function words. */
  contentStart: number;
}

function pseudoWord(random: () => number): string {
  const syllables = 1 + Math.floor(random() * random() * 3.2);
  let word = '';
  for (let i = 0; i < syllables; i++) {
    word += (i === 0 || random() < 0.7 ? pick(random, ONSETS) : '') + pick(random, VOWELS) + (i === syllables - 1 || random() < 0.3 ? pick(random, CODAS) : '');
  }
  return word + pick(random, SUFFIXES);
}

function buildVocabulary(size: number, exponent: number, random: () => number): Vocabulary {
  const taken = new Set(FUNCTION_WORDS);
  const content: string[] = [];
  while (content.length < size - FUNCTION_WORDS.length) {
    const word = pseudoWord(random);
    if (word.length < 3 || taken.has(word)) continue;
    taken.add(word);
    content.push(word);
  }
  // Zipf's law of abbreviation: frequent words are short. Sort by length, ties in generation order.
  const ordered = content.map((word, i) => ({ word, i })).sort((a, b) => a.word.length - b.word.length || a.i - b.i);
  const words = [...FUNCTION_WORDS];
  for (const { word } of ordered) words.push(random() < 0.12 ? capitalize(word) : word);
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let rank = 0; rank < words.length; rank++) {
    total += 1 / Math.pow(rank + 1, exponent);
    cumulative[rank] = total;
  }
  for (let rank = 0; rank < words.length; rank++) cumulative[rank] /= total;
  cumulative[words.length - 1] = 1;
  return { words, cumulative, contentStart: FUNCTION_WORDS.length };
}

function sampleRank(vocabulary: Vocabulary, random: () => number): number {
  const u = random();
  const c = vocabulary.cumulative;
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Log-normal sentence length in words, median 20, clipped to 4..70. */
function sentenceLength(random: () => number): number {
  const u1 = Math.max(random(), 1e-12);
  const u2 = random();
  const normal = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.min(70, Math.max(4, Math.round(MEDIAN_SENTENCE_WORDS * Math.exp(SENTENCE_WORDS_SIGMA * normal))));
}

interface ArticleTopic {
  words: string[];
  names: string[];
}

function topicFor(vocabulary: Vocabulary, random: () => number): ArticleTopic {
  const mid = (from: number, to: number): string => vocabulary.words[vocabulary.contentStart + from + Math.floor(random() * (to - from))];
  const words: string[] = [];
  while (words.length < 6) {
    const word = mid(100, 6000).toLowerCase();
    if (!WEAK_ENDINGS.has(word)) words.push(word);
  }
  const names = Array.from({ length: 3 }, () => capitalize(mid(50, 8000)));
  return { words, names };
}

function number(random: () => number): string {
  const r = random();
  if (r < 0.4) return String(1990 + Math.floor(random() * 36));
  if (r < 0.8) return String(2 + Math.floor(random() * 98));
  return `${1 + Math.floor(random() * 9)}.${Math.floor(random() * 10)}`;
}

function nextWord(vocabulary: Vocabulary, topic: ArticleTopic, random: () => number): string {
  const r = random();
  if (r < 0.012) return number(random);
  if (r < 0.05) return pick(random, topic.words);
  if (r < 0.065) return pick(random, topic.names);
  return vocabulary.words[sampleRank(vocabulary, random)];
}

function sentence(vocabulary: Vocabulary, topic: ArticleTopic, random: () => number): string {
  const length = sentenceLength(random);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    let word = nextWord(vocabulary, topic, random);
    if (word === 'i') word = 'I';
    if (random() < 0.004 && i < length - 2) {
      words.push(pick(random, ['Mr.', 'Mrs.', 'Dr.']), pick(random, topic.names));
      i++;
      continue;
    }
    words.push(word);
  }
  // End on a real word: "a." would read as an initial, and a number reads oddly.
  while (WEAK_ENDINGS.has(words[words.length - 1].toLowerCase()) || /\d|\.$/.test(words[words.length - 1])) {
    words[words.length - 1] = pick(random, topic.words);
  }
  for (let i = 1; i < words.length - 1; i++) if (random() < 0.06 && !words[i].endsWith('.')) words[i] += ',';
  words[0] = capitalize(words[0]);
  const r = random();
  if (r < 0.03) return `${words.join(' ')}?`;
  if (r < 0.035) return `${words.join(' ')}!`;
  if (r < 0.075) return `"${words.join(' ')}."`;
  return `${words.join(' ')}.`;
}

function wrap(paragraph: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/**
 * The articles of a synthetic corpus, one at a time (so that callers can stream them to disk).
 * Each article is a title plus body sentences; titles count towards `sentences`.
 */
export function* syntheticArticles(options: SyntheticCorpusOptions): Generator<SyntheticArticle> {
  if (!Number.isInteger(options.sentences) || options.sentences < 2) throw new RangeError('A synthetic corpus needs at least 2 sentences.');
  const seed = options.seed ?? DEFAULT_SEED;
  const perArticle = options.sentencesPerArticle ?? DEFAULT_SENTENCES_PER_ARTICLE;
  const random = seededRandom(seed);
  const vocabulary = buildVocabulary(options.vocabularySize ?? DEFAULT_VOCABULARY, options.zipfExponent ?? DEFAULT_ZIPF, random);
  let remaining = options.sentences;
  for (let n = 0; remaining > 0; n++) {
    const topic = topicFor(vocabulary, random);
    // Body sentences: uniform around the average, and whatever is left for the last article.
    let body = Math.max(1, Math.round(perArticle * (0.5 + random())));
    // Never leave a single sentence over: a title needs at least one body sentence.
    if (remaining - (body + 1) < 2) body = remaining - 1;
    const sentences = Array.from({ length: body }, () => sentence(vocabulary, topic, random));
    const title = capitalize([topic.names[0], ...topic.words.slice(0, 2 + Math.floor(random() * 3))].join(' '));
    const paragraphs: string[] = [];
    for (let i = 0; i < sentences.length; ) {
      const size = 1 + Math.floor(random() * 5);
      paragraphs.push(wrap(sentences.slice(i, i + size).join(' '), LINE_WIDTH));
      i += size;
    }
    remaining -= body + 1;
    yield { id: `story-${String(n).padStart(6, '0')}`, text: `${title}\n\n${paragraphs.join('\n\n')}\n`, sentences };
  }
}

export interface WrittenCorpus {
  files: number;
  /** Sentences generated, titles included (what the splitter should count). */
  sentences: number;
}

/** Writes the articles (of {@link syntheticArticles}) as `<dir>/<id>.txt`, replacing whatever `dir` held. */
export async function writeSyntheticCorpus(dir: string, articles: Iterable<SyntheticArticle>): Promise<WrittenCorpus> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let files = 0;
  let sentences = 0;
  for (const article of articles) {
    await writeFile(path.join(dir, `${article.id}.txt`), article.text);
    files++;
    sentences += article.sentences.length + 1;
  }
  return { files, sentences };
}

const QUESTION_FORMS = [
  (w: string[]) => `What happened to the ${w.join(' ')}?`,
  (w: string[]) => `Who ${w[0]} the ${w.slice(1).join(' ')}?`,
  (w: string[]) => `Why did ${w.join(' ')}?`,
  (w: string[]) => `What did they say about ${w.join(' and ')}?`,
  (w: string[]) => `When was the ${w.join(' ')}?`,
  (w: string[]) => `How many ${w.join(' ')}?`,
];

export interface SyntheticQuestion {
  text: string;
  /** Where the question's words come from; undefined for off-topic questions. */
  source?: { article: number; sentence: number };
}

/**
 * Questions about the corpus: 2–4 consecutive content words of a random body sentence in a
 * question frame. A share of them (`offTopic`) uses words the corpus lacks, so abstentions are timed too.
 */
export function syntheticQuestionSet(articles: readonly SyntheticArticle[], count: number, seed = DEFAULT_SEED, offTopic = 0.1): SyntheticQuestion[] {
  const random = seededRandom(seed ^ 0x9e3779b9);
  const stop = new Set(FUNCTION_WORDS);
  const questions: SyntheticQuestion[] = [];
  while (questions.length < count) {
    const form = pick(random, QUESTION_FORMS);
    if (random() < offTopic) {
      questions.push({ text: form(['zyxquor', 'vlemblik'].slice(0, 1 + Math.floor(random() * 2))) });
      continue;
    }
    const article = Math.floor(random() * articles.length);
    const sentence = Math.floor(random() * articles[article].sentences.length);
    const words = articles[article].sentences[sentence]
      .split(/\s+/)
      .map((w) => w.replace(/[^\p{L}\p{N}.]/gu, '').replace(/\.$/, ''))
      .filter((w) => w.length > 2 && !stop.has(w.toLowerCase()) && !/^(Mr|Mrs|Dr)$/.test(w));
    if (words.length < 2) continue;
    const wanted = Math.min(words.length, 2 + Math.floor(random() * 3));
    const start = Math.floor(random() * (words.length - wanted + 1));
    questions.push({ text: form(words.slice(start, start + wanted)), source: { article, sentence } });
  }
  return questions;
}

/** The text of `syntheticQuestionSet`. */
export function syntheticQuestions(articles: readonly SyntheticArticle[], count: number, seed = DEFAULT_SEED, offTopic = 0.1): string[] {
  return syntheticQuestionSet(articles, count, seed, offTopic).map((q) => q.text);
}
