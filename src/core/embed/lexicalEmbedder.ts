import { fnv1a } from '../text/hashTable.js';
import { contentTerms } from '../text/terms.js';
import type { Embedder } from './embedder.js';

/**
 * Slots of the hashed feature space. 64, down from 256 and then 128: HNSW search cost is mostly
 * reading vectors, and the lower dimension also makes the graph easier (at 100,000 sentences,
 * recall@10 0.997 against 0.986 at 128 with the same graph settings), while answers stay the same: BM25
 * and the sentence scoring carry the ranking (`npm run bench`, `npm run eval`; README, Performance).
 */
export const LEXICAL_DIMENSIONS = 64;
export const LEXICAL_MODEL = `hashed-tfidf-v1-${LEXICAL_DIMENSIONS}`;

/** Document frequencies of the corpus terms, which give the TF-IDF weights. */
export interface LexicalVocabulary {
  /** Number of texts the frequencies were counted over. */
  count: number;
  documentFrequency: Record<string, number>;
}

/** The lexical embedder also embeds texts already split into content terms (the index build has them). */
export interface LexicalEmbedder extends Embedder {
  readonly kind: 'lexical';
  /**
   * The vector of a text whose `contentTerms` are `terms`, written into `out` (length
   * `dimensions`, zeroed by the caller): the same numbers `embedPassages` gives for the text.
   */
  embedTermsInto(terms: readonly string[], out: Float32Array): void;
  /**
   * The same for a text given as `ids[0 .. count)` into the term list `terms` (the corpus terms;
   * pass the same array every time, its features are remembered by id).
   */
  embedTermIdsInto(terms: readonly string[], ids: ArrayLike<number>, count: number, out: Float32Array): void;
}

const BIGRAM_WEIGHT = 0.5;
const CHAR_GRAM_WEIGHT = 0.35;
const CHAR_GRAM = 4;

/** The slot a hashed feature lands in. */
function slotOf(h: number): number {
  return h % LEXICAL_DIMENSIONS;
}

/** The sign bit spreads collisions around zero instead of piling them up. */
function signOf(h: number): number {
  return h & 0x80000000 ? -1 : 1;
}

const BIGRAM_PREFIX = fnv1a('b:');

/** Everything about one term that does not depend on the text it occurs in. */
interface TermFeatures {
  term: string;
  idf: number;
  /** Hash of `w:<term>`. */
  word: number;
  /** Hashes of `c:<4-gram>` for the 4-grams of `<term>`. */
  grams: Uint32Array;
  /** FNV state after `b:<term> `, from which the hash of the bigram `b:<term> <next>` continues. */
  bigramPrefix: number;
  /** Scratch for counting occurrences in one text: the text's stamp, and the count. */
  stamp: number;
  tf: number;
}

/**
 * Built-in embedder: hashed TF-IDF features of stemmed words, word bigrams and character
 * 4-grams (which catch shared stems the stemmer misses), L2-normalized. No download, deterministic.
 * Per-term features are computed once and remembered for corpus terms (so questions cannot grow
 * the memory); a text's vector adds them up in a fixed order, so it is the same however the
 * text's terms are given.
 */
export function createLexicalEmbedder(vocabulary: LexicalVocabulary): LexicalEmbedder {
  const idf = (term: string): number => {
    const df = vocabulary.documentFrequency[term] ?? 0;
    return Math.log(1 + (vocabulary.count - df + 0.5) / (df + 0.5));
  };
  const computeFeatures = (term: string): TermFeatures => {
    const padded = `<${term}>`;
    const count = Math.max(1, padded.length - CHAR_GRAM + 1);
    const grams = new Uint32Array(count);
    for (let i = 0; i < count; i++) grams[i] = fnv1a(`c:${padded.slice(i, i + CHAR_GRAM)}`);
    return { term, idf: idf(term), word: fnv1a(`w:${term}`), grams, bigramPrefix: fnv1a(`${term} `, BIGRAM_PREFIX), stamp: 0, tf: 0 };
  };
  const cache = new Map<string, TermFeatures>();
  /** Features of terms outside the vocabulary, for the current text only. */
  const transient = new Map<string, TermFeatures>();
  const featuresOf = (term: string): TermFeatures => {
    let features = cache.get(term) ?? transient.get(term);
    if (features) return features;
    features = computeFeatures(term);
    if (vocabulary.documentFrequency[term] !== undefined) cache.set(term, features);
    else transient.set(term, features);
    return features;
  };
  const byId = new WeakMap<readonly string[], (TermFeatures | undefined)[]>();

  let stamp = 0;
  const distinct: TermFeatures[] = [];
  const sequence: TermFeatures[] = [];
  /** Adds up the features of `sequence[0 .. length)` into `vector` and normalizes it. */
  const accumulate = (length: number, vector: Float32Array): void => {
    stamp++;
    distinct.length = 0;
    for (let i = 0; i < length; i++) {
      const features = sequence[i];
      if (features.stamp !== stamp) {
        features.stamp = stamp;
        features.tf = 0;
        distinct.push(features);
      }
      features.tf++;
    }
    // Terms in order of first occurrence, then bigrams in text order: always the same order of additions.
    for (const features of distinct) {
      const weight = (1 + Math.log(features.tf)) * features.idf;
      vector[slotOf(features.word)] += signOf(features.word) * weight;
      const { grams } = features;
      const gramWeight = (CHAR_GRAM_WEIGHT * weight) / Math.sqrt(grams.length);
      for (let i = 0; i < grams.length; i++) vector[slotOf(grams[i])] += signOf(grams[i]) * gramWeight;
    }
    for (let i = 1; i < length; i++) {
      const previous = sequence[i - 1];
      const current = sequence[i];
      const h = fnv1a(current.term, previous.bigramPrefix);
      vector[slotOf(h)] += signOf(h) * (BIGRAM_WEIGHT * Math.min(previous.idf, current.idf));
    }
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
    // A text of stop words only still needs a unit vector: cosine space cannot take zeros.
    if (norm === 0) vector[0] = 1;
    else {
      const scale = 1 / Math.sqrt(norm);
      for (let i = 0; i < vector.length; i++) vector[i] *= scale;
    }
  };

  const embedTermsInto = (terms: readonly string[], vector: Float32Array): void => {
    transient.clear();
    for (let i = 0; i < terms.length; i++) sequence[i] = featuresOf(terms[i]);
    accumulate(terms.length, vector);
    transient.clear();
  };
  const embedTermIdsInto = (terms: readonly string[], ids: ArrayLike<number>, count: number, vector: Float32Array): void => {
    let table = byId.get(terms);
    if (!table) byId.set(terms, (table = new Array<TermFeatures | undefined>(terms.length)));
    transient.clear();
    for (let i = 0; i < count; i++) {
      const id = ids[i];
      sequence[i] = table[id] ??= featuresOf(terms[id]);
    }
    accumulate(count, vector);
    transient.clear();
  };
  const embedOne = (text: string): Float32Array => {
    const vector = new Float32Array(LEXICAL_DIMENSIONS);
    embedTermsInto(contentTerms(text), vector);
    return vector;
  };
  const embedAll = async (texts: readonly string[]): Promise<Float32Array[]> => texts.map(embedOne);
  return {
    kind: 'lexical',
    model: LEXICAL_MODEL,
    dimensions: LEXICAL_DIMENSIONS,
    embedQueries: embedAll,
    embedPassages: embedAll,
    embedTermsInto,
    embedTermIdsInto,
  };
}
