import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';

const K1 = 1.2;
const B = 0.75;

/** Okapi BM25 over sentences, with postings built once from the stored term ids. */
export class Bm25 {
  private readonly postingStarts: Uint32Array;
  private readonly postingSentences: Uint32Array;
  private readonly postingCounts: Uint16Array;
  private readonly lengthNorm: Float32Array;
  private readonly idfs: Float32Array;
  private accumulator: Float64Array | undefined;
  /** Sentences with a score so far in {@link top}: reused, so a question allocates no array per posting list. */
  private touched: Uint32Array | undefined;

  constructor(corpus: Pick<AnalyzedCorpus, 'terms' | 'documentFrequency' | 'termOffsets' | 'termIds'>) {
    const sentenceCount = corpus.termOffsets.length - 1;
    const termCount = corpus.terms.length;
    this.idfs = new Float32Array(termCount);
    for (let t = 0; t < termCount; t++) this.idfs[t] = bm25Idf(sentenceCount, corpus.documentFrequency[t]);

    // Postings: per term, the sentences holding it and how often (one entry per distinct pair).
    this.postingStarts = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) this.postingStarts[t + 1] = this.postingStarts[t] + corpus.documentFrequency[t];
    const fill = this.postingStarts.slice(0, termCount);
    this.postingSentences = new Uint32Array(this.postingStarts[termCount]);
    this.postingCounts = new Uint16Array(this.postingStarts[termCount]);
    this.lengthNorm = new Float32Array(sentenceCount);
    const totalLength = corpus.termIds.length;
    const averageLength = sentenceCount > 0 ? Math.max(1, totalLength / sentenceCount) : 1;
    const counts = new Map<number, number>();
    for (let s = 0; s < sentenceCount; s++) {
      const from = corpus.termOffsets[s];
      const to = corpus.termOffsets[s + 1];
      this.lengthNorm[s] = K1 * (1 - B + (B * (to - from)) / averageLength);
      counts.clear();
      for (let i = from; i < to; i++) counts.set(corpus.termIds[i], (counts.get(corpus.termIds[i]) ?? 0) + 1);
      for (const [term, count] of counts) {
        this.postingSentences[fill[term]] = s;
        this.postingCounts[fill[term]] = Math.min(count, 65535);
        fill[term]++;
      }
    }
  }

  /**
   * The `limit` best sentences for the weighted terms, best first. Terms are taken rarest first
   * until `postingBudget` postings have been read, so a question made of very common words costs
   * bounded work on a large corpus (the skipped terms carry the least weight anyway).
   */
  top(query: ReadonlyMap<number, number>, limit: number, postingBudget = 200_000): [sentence: number, score: number][] {
    const sentenceCount = this.lengthNorm.length;
    if (this.accumulator === undefined || this.accumulator.length !== sentenceCount) {
      this.accumulator = new Float64Array(sentenceCount);
      this.touched = new Uint32Array(sentenceCount);
    }
    const scores = this.accumulator;
    let touched = this.touched!;
    let touchedCount = 0;
    const terms = [...query].sort((a, b) => this.idfs[b[0]] * b[1] - this.idfs[a[0]] * a[1] || a[0] - b[0]);
    let read = 0;
    for (const [term, weight] of terms) {
      const from = this.postingStarts[term];
      const to = this.postingStarts[term + 1];
      if (read > 0 && read + (to - from) > postingBudget) continue;
      read += to - from;
      const idf = this.idfs[term] * weight;
      for (let p = from; p < to; p++) {
        const sentence = this.postingSentences[p];
        const tf = this.postingCounts[p];
        if (scores[sentence] === 0) {
          // A sentence is listed again only while its gains are all zero (a zero weight): rare, but kept.
          if (touchedCount === touched.length) {
            const grown = new Uint32Array(2 * touched.length + 16);
            grown.set(touched);
            touched = this.touched = grown;
          }
          touched[touchedCount++] = sentence;
        }
        scores[sentence] += (idf * tf * (K1 + 1)) / (tf + this.lengthNorm[sentence]);
      }
    }
    // Keep the best `limit` with a small min-heap (ties: lower sentence index first); a sentence
    // that cannot enter it costs one comparison and no allocation.
    const heap: [number, number][] = [];
    // Whether the entry ranks below the sentence with that score.
    const below = (entry: [number, number], sentence: number, score: number): boolean => entry[1] < score || (entry[1] === score && entry[0] > sentence);
    const worse = (a: [number, number], b: [number, number]): boolean => below(a, b[0], b[1]);
    const siftDown = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l], heap[m])) m = l;
        if (r < heap.length && worse(heap[r], heap[m])) m = r;
        if (m === i) return;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    };
    for (let t = 0; t < touchedCount; t++) {
      const sentence = touched[t];
      const score = scores[sentence];
      scores[sentence] = 0;
      if (heap.length < limit) {
        heap.push([sentence, score]);
        for (let i = heap.length - 1; i > 0; ) {
          const parent = (i - 1) >> 1;
          if (!worse(heap[i], heap[parent])) break;
          [heap[i], heap[parent]] = [heap[parent], heap[i]];
          i = parent;
        }
      } else if (limit > 0 && below(heap[0], sentence, score)) {
        heap[0] = [sentence, score];
        siftDown(0);
      }
    }
    return heap.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }
}

/** The BM25 idf, always positive; `df = 0` gives the weight of a term the corpus lacks. */
export function bm25Idf(count: number, df: number): number {
  return Math.log(1 + (count - df + 0.5) / (df + 0.5));
}
