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

  idf(termId: number): number {
    return this.idfs[termId];
  }

  /** BM25 score of every sentence holding at least one of the weighted query terms. */
  score(query: ReadonlyMap<number, number>): Map<number, number> {
    const scores = new Map<number, number>();
    for (const [term, weight] of query) {
      const idf = this.idfs[term] * weight;
      for (let p = this.postingStarts[term]; p < this.postingStarts[term + 1]; p++) {
        const sentence = this.postingSentences[p];
        const tf = this.postingCounts[p];
        const gain = (idf * tf * (K1 + 1)) / (tf + this.lengthNorm[sentence]);
        scores.set(sentence, (scores.get(sentence) ?? 0) + gain);
      }
    }
    return scores;
  }
}

/** The BM25 idf, always positive; `df = 0` gives the weight of a term the corpus lacks. */
export function bm25Idf(count: number, df: number): number {
  return Math.log(1 + (count - df + 0.5) / (df + 0.5));
}
