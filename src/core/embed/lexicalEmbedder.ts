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

const BIGRAM_WEIGHT = 0.5;
const CHAR_GRAM_WEIGHT = 0.35;
const CHAR_GRAM = 4;

/** FNV-1a, 32 bit. */
function hash(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function add(vector: Float32Array, feature: string, weight: number): void {
  const h = hash(feature);
  // The sign bit spreads collisions around zero instead of piling them up.
  vector[h % vector.length] += h & 0x80000000 ? -weight : weight;
}

/**
 * Built-in embedder: hashed TF-IDF features of stemmed words, word bigrams and character
 * 4-grams (which catch shared stems the stemmer misses), L2-normalized. No download, deterministic.
 */
export function createLexicalEmbedder(vocabulary: LexicalVocabulary): Embedder {
  const idf = (term: string): number => {
    const df = vocabulary.documentFrequency[term] ?? 0;
    return Math.log(1 + (vocabulary.count - df + 0.5) / (df + 0.5));
  };
  const embedOne = (text: string): Float32Array => {
    const vector = new Float32Array(LEXICAL_DIMENSIONS);
    const terms = contentTerms(text);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, tf] of counts) {
      const weight = (1 + Math.log(tf)) * idf(term);
      add(vector, `w:${term}`, weight);
      const padded = `<${term}>`;
      const grams = Math.max(1, padded.length - CHAR_GRAM + 1);
      for (let i = 0; i < grams; i++) add(vector, `c:${padded.slice(i, i + CHAR_GRAM)}`, (CHAR_GRAM_WEIGHT * weight) / Math.sqrt(grams));
    }
    for (let i = 1; i < terms.length; i++) {
      add(vector, `b:${terms[i - 1]} ${terms[i]}`, BIGRAM_WEIGHT * Math.min(idf(terms[i - 1]), idf(terms[i])));
    }
    let norm = 0;
    for (const value of vector) norm += value * value;
    // A text of stop words only still needs a unit vector: cosine space cannot take zeros.
    if (norm === 0) vector[0] = 1;
    else {
      const scale = 1 / Math.sqrt(norm);
      for (let i = 0; i < vector.length; i++) vector[i] *= scale;
    }
    return vector;
  };
  const embedAll = async (texts: readonly string[]): Promise<Float32Array[]> => texts.map(embedOne);
  return {
    kind: 'lexical',
    model: LEXICAL_MODEL,
    dimensions: LEXICAL_DIMENSIONS,
    embedQueries: embedAll,
    embedPassages: embedAll,
  };
}
