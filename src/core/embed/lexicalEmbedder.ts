import { contentTerms } from '../text/terms.js';
import type { Embedder } from './embedder.js';

export const LEXICAL_DIMENSIONS = 256;
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
}

const BIGRAM_WEIGHT = 0.5;
const CHAR_GRAM_WEIGHT = 0.35;
const CHAR_GRAM = 4;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bit, continued from `h` (start with FNV_OFFSET); unsigned. */
function hashFrom(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Where a hashed feature lands: the slot and, from the top hash bit, the sign. */
function slotOf(h: number): number {
  return h % LEXICAL_DIMENSIONS;
}

function signOf(h: number): number {
  // The sign bit spreads collisions around zero instead of piling them up.
  return h & 0x80000000 ? -1 : 1;
}

/** Everything about one term that does not depend on the text it occurs in. */
interface TermFeatures {
  idf: number;
  /** Hash of `w:<term>`. */
  word: number;
  /** Hashes of `c:<4-gram>` for the 4-grams of `<term>`. */
  grams: Uint32Array;
  /** FNV state after `b:<term> `, from which the bigram `b:<term> <next>` hash continues. */
  bigramPrefix: number;
}

/** Terms the embedder remembers features of; only corpus terms are cached, so questions cannot grow it. */
const BIGRAM_PREFIX = hashFrom(FNV_OFFSET, 'b:');

/**
 * Built-in embedder: hashed TF-IDF features of stemmed words, word bigrams and character
 * 4-grams (which catch shared stems the stemmer misses), L2-normalized. No download, deterministic.
 */
export function createLexicalEmbedder(vocabulary: LexicalVocabulary): LexicalEmbedder {
  const idf = (term: string): number => {
    const df = vocabulary.documentFrequency[term] ?? 0;
    return Math.log(1 + (vocabulary.count - df + 0.5) / (df + 0.5));
  };
  const cache = new Map<string, TermFeatures>();
  const featuresOf = (term: string): TermFeatures => {
    const cached = cache.get(term);
    if (cached) return cached;
    const padded = `<${term}>`;
    const count = Math.max(1, padded.length - CHAR_GRAM + 1);
    const grams = new Uint32Array(count);
    for (let i = 0; i < count; i++) grams[i] = hashFrom(FNV_OFFSET, `c:${padded.slice(i, i + CHAR_GRAM)}`);
    const features: TermFeatures = {
      idf: idf(term),
      word: hashFrom(FNV_OFFSET, `w:${term}`),
      grams,
      bigramPrefix: hashFrom(BIGRAM_PREFIX, `${term} `),
    };
    if (vocabulary.documentFrequency[term] !== undefined) cache.set(term, features);
    return features;
  };

  const counts = new Map<string, number>();
  const embedTermsInto = (terms: readonly string[], vector: Float32Array): void => {
    // Same features, weights and order of additions as ever, so vectors stay bit-identical.
    counts.clear();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      const features = featuresOf(term);
      const weight = (1 + Math.log(tf)) * features.idf;
      vector[slotOf(features.word)] += signOf(features.word) * weight;
      const { grams } = features;
      const gramWeight = (CHAR_GRAM_WEIGHT * weight) / Math.sqrt(grams.length);
      for (let i = 0; i < grams.length; i++) vector[slotOf(grams[i])] += signOf(grams[i]) * gramWeight;
    }
    let previous = terms.length > 0 ? featuresOf(terms[0]) : undefined;
    for (let i = 1; i < terms.length; i++) {
      const current = featuresOf(terms[i]);
      const h = hashFrom(previous!.bigramPrefix, terms[i]);
      vector[slotOf(h)] += signOf(h) * (BIGRAM_WEIGHT * Math.min(previous!.idf, current.idf));
      previous = current;
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
  };
}
