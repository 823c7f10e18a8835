import type { SemanticIndex } from './semanticIndex.js';

/**
 * Storage for the cosines of one question at a time (that of the matcher made last), reused from
 * question to question: a term's cosines sit at `values[rows[term] .. + slots)` while
 * `stamps[term]` is the current question's number. Scoring a question then allocates nothing per term.
 */
export class SoftMatchScratch {
  values = new Float32Array(4096);
  private readonly stamps: Uint32Array;
  private readonly rows: Uint32Array;
  private used = 0;
  private generation = 0;

  constructor(termCount: number) {
    this.stamps = new Uint32Array(termCount);
    this.rows = new Uint32Array(termCount);
  }

  /** Starts a question: every cached cosine is forgotten. */
  next(): void {
    if (++this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    this.used = 0;
  }

  /** Where the term's row starts in {@link values} for the current question, or -1 when it has none yet. */
  rowOf(term: number): number {
    return this.stamps[term] === this.generation ? this.rows[term] : -1;
  }

  /** Claims a row of `slots` zeroed values for the term in the current question (growing the storage as needed); returns where it starts. */
  claim(term: number, slots: number): number {
    if (this.used + slots > this.values.length) {
      const grown = new Float32Array(2 * (this.used + slots));
      grown.set(this.values.subarray(0, this.used));
      this.values = grown;
    }
    const at = this.used;
    this.used += slots;
    this.values.fill(0, at, at + slots);
    this.stamps[term] = this.generation;
    this.rows[term] = at;
    return at;
  }
}

/**
 * Per-question word-vector similarity between the question's words and corpus terms. A question
 * word gets its vector from the question vocabulary (or, when the vocabulary lacks it but the
 * corpus has the word, from the corpus term); a term's cosines with every question word are
 * computed the first time the term is met and cached, so scoring candidates costs one dot product
 * per distinct term and question word.
 */
export class SoftMatcher {
  private readonly dimensions: number;
  /** The slots that have a vector, and float copies of their unit vectors one after the other (the inner loop reads them in order). */
  private readonly vectorSlots: number[];
  private readonly packedSlots: Float32Array;
  private readonly slotHasVector: boolean[];
  private readonly scratch: SoftMatchScratch;

  /**
   * `words[i]`: the lowercase word of slot i, or undefined for a slot that takes no word-vector
   * matches; `terms[i]`: the slot's corpus term id, or -1.
   */
  constructor(
    private readonly index: SemanticIndex,
    words: readonly (string | undefined)[],
    terms: readonly number[],
    scratch: SoftMatchScratch = new SoftMatchScratch(index.termInverseNorm.length),
  ) {
    this.scratch = scratch;
    scratch.next();
    const d = (this.dimensions = index.dimensions);
    const slotVectors = words.map((word, i): Float32Array | undefined => {
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
    this.slotHasVector = slotVectors.map((vector) => vector !== undefined);
    this.vectorSlots = slotVectors.flatMap((vector, slot) => (vector ? [slot] : []));
    this.packedSlots = new Float32Array(this.vectorSlots.length * d);
    this.vectorSlots.forEach((slot, j) => this.packedSlots.set(slotVectors[slot]!, j * d));
  }

  /** Whether slot i has a vector. */
  has(slot: number): boolean {
    return this.slotHasVector[slot];
  }

  /** Cosines of every slot with the term (0 for slots without a vector or a term without one). */
  similarities(term: number): Float32Array {
    const at = this.similarityRow(term);
    return this.scratch.values.slice(at, at + this.slotHasVector.length);
  }

  /**
   * Where the term's cosines start in {@link values} (read `values` after this call: it may grow).
   * Computed the first time the question meets the term.
   */
  similarityRow(term: number): number {
    const scratch = this.scratch;
    const claimed = scratch.rowOf(term);
    if (claimed >= 0) return claimed;
    const slots = this.slotHasVector.length;
    const at = scratch.claim(term, slots);
    const sims = scratch.values;
    const inverse = this.index.termInverseNorm[term];
    if (inverse === 0) return at;
    const d = this.dimensions;
    const vectors = this.index.termVectors;
    const base = term * d;
    const packed = this.packedSlots;
    for (let j = 0; j < this.vectorSlots.length; j++) {
      const offset = j * d;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += packed[offset + k] * vectors[base + k];
      sims[at + this.vectorSlots[j]] = dot * inverse;
    }
    return at;
  }

  /** The cosines of the current question, by {@link similarityRow}. */
  get values(): Float32Array {
    return this.scratch.values;
  }
}
