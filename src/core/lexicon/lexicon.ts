import { contentTerms } from '../text/terms.js';
import { baseForms } from './morphy.js';
import { bytesOf, packParts, partReader } from '../binaryParts.js';

/**
 * The query-time lexicon: for a word (or WordNet collocation) in its indexed form, how rare it is
 * in general English and which concepts of the corpus it can stand for — WordNet synonyms,
 * derivations, hypernyms and the like, restricted at build time to the corpus vocabulary.
 *
 * Everything is in flat typed arrays plus one sorted key list, searched by bisection, so that
 * loading costs one read and a split, and a lookup costs a few string comparisons.
 */

/** A corpus concept is a term id (below the term count) or a phrase of several terms. */
export interface LexiconData {
  /** Keys (`star`, `movi hous`) in code-unit order. */
  keys: string[];
  /** General-English rarity of each key, 0..255 (255: rare or unknown). */
  rarity: Uint8Array;
  /** Concepts related to key i: `targets/weights[targetOffsets[i] .. targetOffsets[i + 1])`. */
  targetOffsets: Uint32Array;
  targets: Uint32Array;
  /** Relatedness 0..255 (255 = a synonym in the first senses). */
  weights: Uint8Array;
  /** Number of corpus terms; concept ids from here on are phrases. */
  termCount: number;
  /** Terms of phrase p: `phraseTerms[phraseOffsets[p] .. phraseOffsets[p + 1])`. */
  phraseOffsets: Uint32Array;
  phraseTerms: Uint32Array;
  /** Noun classes of each key (bit set of {@link NounClass}), from WordNet's lexicographer files. */
  classes: Uint8Array;
  /** Noun classes of each corpus term, through the lemmas of the words behind it. */
  termClasses: Uint8Array;
  /** The WordNet noun lexicographer files (noun.artifact, noun.communication, …) of each key's senses, as a bit set (see {@link supersenseBit}). */
  supersenses: Uint32Array;
  /** The same for each corpus term, through the lemmas of the words behind it. */
  termSupersenses: Uint32Array;
}

/** WordNet's noun lexicographer files are numbered 3 (noun.Tops) to 28 (noun.time). */
const FIRST_NOUN_FILE = 3;
const LAST_NOUN_FILE = 28;

/** The bit of a noun lexicographer file in a supersense set; 0 for a file of another part of speech. */
export function supersenseBit(lexFile: number): number {
  return lexFile >= FIRST_NOUN_FILE && lexFile <= LAST_NOUN_FILE ? 1 << (lexFile - FIRST_NOUN_FILE) : 0;
}

/** What kind of thing a noun names, from WordNet lexicographer files; used for answer types. */
export const NounClass = {
  person: 1,
  group: 2,
  location: 4,
  time: 8,
  quantity: 16,
  /** noun.motive: reason, cause, motive. */
  motive: 32,
  /**
   * A place first of all: the first noun sense is a location (`city`), or a people first and then its
   * territory (`country`); not `plot` or `right`, whose place senses come later.
   */
  place: 64,
  /** An amount of money first of all: the first noun sense is a kind of money, cost, sum or monetary value (`budget`, `fee`, `price`). */
  money: 128,
} as const;

/** Keys are WordNet lemmas: lowercase, words separated by one space (`performer`, `movie house`). */

/** Indexed form of a word or collocation: its content terms joined by spaces. */
export function keyOf(text: string): string {
  return contentTerms(text).join(' ');
}

export class Lexicon {
  constructor(readonly data: LexiconData) {}

  static empty(termCount: number): Lexicon {
    return new Lexicon({
      keys: [],
      rarity: new Uint8Array(0),
      targetOffsets: new Uint32Array(1),
      targets: new Uint32Array(0),
      weights: new Uint8Array(0),
      termCount,
      phraseOffsets: new Uint32Array(1),
      phraseTerms: new Uint32Array(0),
      classes: new Uint8Array(0),
      termClasses: new Uint8Array(termCount),
      supersenses: new Uint32Array(0),
      termSupersenses: new Uint32Array(termCount),
    });
  }

  get size(): number {
    return this.data.keys.length;
  }

  /** Index of the key, or -1. */
  find(key: string): number {
    const { keys } = this.data;
    let low = 0;
    let high = keys.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const probe = keys[middle];
      if (probe === key) return middle;
      if (probe < key) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** Keys for the WordNet lemmas a word can be an inflection of (`performers` → performer). */
  findWord(word: string): number[] {
    const lower = word.toLowerCase();
    const self = this.find(lower);
    const out: number[] = [];
    for (const form of baseForms(lower, self >= 0)) {
      const index = form === lower ? self : this.find(form);
      if (index >= 0 && !out.includes(index)) out.push(index);
    }
    return out;
  }

  /** General-English rarity of a key, 0..1; words WordNet never saw tagged count as rare (1). */
  rarity(index: number): number {
    return index < 0 ? 1 : this.data.rarity[index] / 255;
  }

  nounClasses(index: number): number {
    return index < 0 ? 0 : this.data.classes[index];
  }

  /** The noun classes of every key a word may be (its base forms). */
  wordClasses(word: string): number {
    let classes = 0;
    for (const index of this.findWord(word)) classes |= this.nounClasses(index);
    return classes;
  }

  /**
   * Whether the lexicon knows more of a key than its noun lexicographer files: corpus concepts it
   * stands for, a SemCor tag count or a noun class. Every WordNet noun is a key for its files alone;
   * a name that is only such a noun (`Marmoset`) is as unknown to the story as one WordNet lacks.
   */
  knows(index: number): boolean {
    if (index < 0) return false;
    const { targetOffsets, rarity, classes } = this.data;
    return targetOffsets[index + 1] > targetOffsets[index] || rarity[index] < 255 || classes[index] !== 0;
  }

  /** The noun lexicographer files of a key's senses (see {@link supersenseBit}); 0 when it is no noun. */
  supersenses(index: number): number {
    return index < 0 ? 0 : this.data.supersenses[index];
  }

  /** Calls back with each concept related to the key and its relatedness (0..1]. */
  forEachTarget(index: number, visit: (concept: number, weight: number) => void): void {
    if (index < 0) return;
    const { targetOffsets, targets, weights } = this.data;
    for (let i = targetOffsets[index]; i < targetOffsets[index + 1]; i++) visit(targets[i], weights[i] / 255);
  }

  /** Term ids that make up a concept. */
  conceptTerms(concept: number): ArrayLike<number> {
    const { termCount, phraseOffsets, phraseTerms } = this.data;
    if (concept < termCount) return [concept];
    const phrase = concept - termCount;
    return phraseTerms.subarray(phraseOffsets[phrase], phraseOffsets[phrase + 1]);
  }
}

const HEADER_WORDS = 8;
const MAGIC = 0x4c455831; // "LEX1"

/** Binary form: a Uint32 header, then the arrays, each padded to 4 bytes; the keys go in a separate text file. */
export function encodeLexicon(data: LexiconData): { binary: Uint8Array; keys: Uint8Array } {
  const n = data.keys.length;
  const parts: Uint8Array[] = [
    bytesOf(data.targetOffsets),
    bytesOf(data.targets),
    bytesOf(data.phraseOffsets),
    bytesOf(data.phraseTerms),
    bytesOf(data.supersenses),
    bytesOf(data.termSupersenses),
    data.weights,
    data.rarity,
    data.classes,
    data.termClasses,
  ];
  const header = new Uint32Array([MAGIC, n, data.targets.length, data.phraseOffsets.length - 1, data.phraseTerms.length, data.termCount, 0, 0]);
  return { binary: packParts(header, parts), keys: Buffer.from(data.keys.join('\n'), 'utf8') };
}

export function decodeLexicon(binary: Uint8Array, keysText: string): LexiconData {
  const source = binary.slice();
  const copy = source.buffer;
  if (copy.byteLength < HEADER_WORDS * 4) throw new Error('lexicon.bin is truncated');
  const header = new Uint32Array(copy, 0, HEADER_WORDS);
  if (header[0] !== MAGIC) throw new Error('lexicon.bin is not a lexicon');
  const [, n, targetCount, phraseCount, phraseTermCount, termCount] = header;
  const keys = n === 0 ? [] : keysText.split('\n');
  if (keys.length !== n) throw new Error('lexicon keys do not match lexicon.bin');
  const take = partReader(source, HEADER_WORDS, 'lexicon.bin is truncated');
  const u32 = (length: number): Uint32Array => new Uint32Array(copy, take(length * 4), length);
  const u8 = (length: number): Uint8Array => new Uint8Array(copy, take(length), length);
  const targetOffsets = u32(n + 1);
  const targets = u32(targetCount);
  const phraseOffsets = u32(phraseCount + 1);
  const phraseTerms = u32(phraseTermCount);
  const supersenses = u32(n);
  const termSupersenses = u32(termCount);
  const weights = u8(targetCount);
  const rarity = u8(n);
  const classes = u8(n);
  const termClasses = u8(termCount);
  if (targetOffsets[n] !== targetCount || phraseOffsets[phraseCount] !== phraseTermCount) throw new Error('lexicon.bin is inconsistent');
  for (const target of targets) if (target >= termCount + phraseCount) throw new Error('lexicon.bin points outside the corpus');
  for (const term of phraseTerms) if (term >= termCount) throw new Error('lexicon.bin points outside the corpus');
  return { keys, rarity, targetOffsets, targets, weights, termCount, phraseOffsets, phraseTerms, classes, termClasses, supersenses, termSupersenses };
}
