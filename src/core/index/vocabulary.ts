import type { LexicalVocabulary } from '../embed/lexicalEmbedder.js';
import type { AnalyzedCorpus } from './analyzeCorpus.js';

/** The lexical embedder's TF-IDF statistics, counted over the corpus sentences. */
export function lexicalVocabularyOf(corpus: Pick<AnalyzedCorpus, 'sentences' | 'terms' | 'documentFrequency'>): LexicalVocabulary {
  const documentFrequency: Record<string, number> = Object.create(null);
  corpus.terms.forEach((term, id) => {
    documentFrequency[term] = corpus.documentFrequency[id];
  });
  return { count: corpus.sentences.length, documentFrequency };
}
