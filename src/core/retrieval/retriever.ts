import type { RetrievalSettings } from '../../config.js';
import type { BuiltIndex } from '../index/buildIndex.js';
import { contentTerms } from '../text/terms.js';
import { Bm25, bm25Idf } from './bm25.js';

export interface RankedSentence {
  /** Index into the corpus sentence list. */
  sentence: number;
  /** Ranking score (fused); only its order matters. */
  score: number;
  /** Share of the question's weighted terms that the sentence contains, 0..1. */
  coverage: number;
}

export interface Ranking {
  /** Best first; answerable (body) sentences only. */
  sentences: RankedSentence[];
  /** The question's content terms. */
  queryTerms: string[];
}

const RRF_K = 60;
const SPARSE_CANDIDATES = 50;

function ranks(scores: ReadonlyMap<number, number>, limit: number): Map<number, number> {
  const ordered = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
  return new Map(ordered.map(([sentence], rank) => [sentence, rank]));
}

/** Finds the sentences that best answer a question: BM25 over sentences fused with dense chunk search. */
export class Retriever {
  private readonly bm25: Bm25;
  private readonly termIds: Map<string, number>;

  constructor(private readonly index: BuiltIndex, private readonly settings: RetrievalSettings) {
    this.bm25 = new Bm25(index.corpus);
    this.termIds = new Map(index.corpus.terms.map((term, id) => [term, id]));
  }

  private sentenceTerms(sentence: number): Set<number> {
    const { termOffsets, termIds } = this.index.corpus;
    return new Set(termIds.subarray(termOffsets[sentence], termOffsets[sentence + 1]));
  }

  private async denseScores(question: string): Promise<Map<number, number>> {
    const scores = new Map<number, number>();
    const count = this.index.vectors.getCurrentCount();
    if (count === 0) return scores;
    const [vector] = await this.index.embedder.embedQueries([question]);
    const { neighbors, distances } = this.index.vectors.searchKnn(Array.from(vector), Math.min(this.settings.denseTopK, count));
    neighbors.forEach((chunk, i) => {
      const similarity = 1 - distances[i];
      for (const sentence of this.index.chunks[chunk].sentenceIndexes) {
        scores.set(sentence, Math.max(scores.get(sentence) ?? -1, similarity));
      }
    });
    return scores;
  }

  async rank(question: string): Promise<Ranking> {
    const queryTerms = contentTerms(question);
    const sentenceCount = this.index.corpus.sentences.length;
    const weights = new Map<number, number>();
    let totalIdf = 0;
    for (const term of new Set(queryTerms)) {
      const id = this.termIds.get(term);
      totalIdf += id === undefined ? bm25Idf(sentenceCount, 0) : this.bm25.idf(id);
      if (id !== undefined) weights.set(id, 1);
    }
    if (queryTerms.length === 0) return { sentences: [], queryTerms };

    const sparse = ranks(this.bm25.score(weights), SPARSE_CANDIDATES);
    const dense = ranks(await this.denseScores(question), Number.POSITIVE_INFINITY);
    const candidates = new Set([...sparse.keys(), ...dense.keys()]);
    const ranked: RankedSentence[] = [];
    for (const sentence of candidates) {
      if (this.index.corpus.sentences[sentence].kind !== 'body') continue;
      const present = this.sentenceTerms(sentence);
      let covered = 0;
      for (const [id] of weights) if (present.has(id)) covered += this.bm25.idf(id);
      const fused = (sparse.has(sentence) ? 1 / (RRF_K + sparse.get(sentence)!) : 0) + (dense.has(sentence) ? 1 / (RRF_K + dense.get(sentence)!) : 0);
      ranked.push({ sentence, score: fused, coverage: totalIdf > 0 ? covered / totalIdf : 0 });
    }
    ranked.sort((a, b) => b.score - a.score || b.coverage - a.coverage || a.sentence - b.sentence);
    return { sentences: ranked, queryTerms };
  }
}
