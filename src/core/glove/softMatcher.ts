import type { SemanticIndex } from './semanticIndex.js';

/**
 * Per-question word-vector similarity between the question's words and corpus terms. A question
 * word gets its vector from the question vocabulary (or, when the vocabulary lacks it but the
 * corpus has the word, from the corpus term); a term's cosines with every question word are
 * computed the first time the term is met and cached, so scoring candidates costs one dot product
 * per distinct term and question word.
 */
export class SoftMatcher {
  private readonly dimensions: number;
  /** Float copies of each slot's unit vector (undefined: no vector). */
  private readonly slotVectors: (Float32Array | undefined)[];
  private readonly cache = new Map<number, Float32Array>();

  /**
   * `words[i]`: the lowercase word of slot i, or undefined for a slot that takes no word-vector
   * matches; `terms[i]`: the slot's corpus term id, or -1.
   */
  constructor(
    private readonly index: SemanticIndex,
    words: readonly (string | undefined)[],
    terms: readonly number[],
  ) {
    const d = (this.dimensions = index.dimensions);
    this.slotVectors = words.map((word, i) => {
      if (word === undefined || d === 0) return undefined;
      const out = new Float32Array(d);
      const row = index.questionWords.row(word);
      if (row >= 0) {
        index.questionWords.addInto(row, 1, out);
        return out;
      }
      const term = terms[i];
      if (term < 0 || index.termInverseNorm[term] === 0) return undefined;
      const scale = index.termInverseNorm[term];
      for (let k = 0; k < d; k++) out[k] = index.termVectors[term * d + k] * scale;
      return out;
    });
  }

  /** Whether slot i has a vector. */
  has(slot: number): boolean {
    return this.slotVectors[slot] !== undefined;
  }

  /** Cosines of every slot with the term (0 for slots without a vector or a term without one). */
  similarities(term: number): Float32Array {
    let sims = this.cache.get(term);
    if (sims) return sims;
    sims = new Float32Array(this.slotVectors.length);
    const inverse = this.index.termInverseNorm[term];
    if (inverse > 0) {
      const d = this.dimensions;
      const vectors = this.index.termVectors;
      const at = term * d;
      for (let slot = 0; slot < this.slotVectors.length; slot++) {
        const vector = this.slotVectors[slot];
        if (!vector) continue;
        let dot = 0;
        for (let k = 0; k < d; k++) dot += vector[k] * vectors[at + k];
        sims[slot] = dot * inverse;
      }
    }
    this.cache.set(term, sims);
    return sims;
  }
}
