import type { RetrievalSettings } from '../../config.js';
import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import type { Ranking } from '../retrieval/retriever.js';
import { sentenceText } from '../text/sentences.js';
import type { Answer, Citation } from '../types.js';

/** A later sentence joins the answer only if it scores at least this share of the best one. */
const COMPANION_SHARE = 0.8;
/** …and shares at most this much of its terms with sentences already chosen (redundancy control). */
const MAX_OVERLAP = 0.6;

export function abstentionText(question: string): string {
  return question.trim() === ''
    ? 'Ask me a question about the story, for example: who was behind the attack?'
    : "The story doesn't say. Try rephrasing the question with other words, or use /quote to look up exact lines.";
}

function termSet(corpus: AnalyzedCorpus, sentence: number): Set<number> {
  return new Set(corpus.termIds.subarray(corpus.termOffsets[sentence], corpus.termOffsets[sentence + 1]));
}

function overlap(a: Set<number>, b: Set<number>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/** Turns a ranking into the cited answer, or an abstention when the evidence is weak. */
export function composeAnswer(question: string, ranking: Ranking, corpus: AnalyzedCorpus, settings: RetrievalSettings, embedder: Pick<Answer, 'embedder' | 'model'>): Answer {
  const best = ranking.sentences[0];
  const confidence = best?.coverage ?? 0;
  if (!best || confidence < settings.abstainThreshold) {
    return { question, abstained: true, answer: abstentionText(question), citations: [], confidence, ...embedder };
  }
  const chosen = [best];
  const chosenTerms = [termSet(corpus, best.sentence)];
  for (const candidate of ranking.sentences.slice(1)) {
    if (chosen.length >= settings.maxAnswerSentences) break;
    if (candidate.score < COMPANION_SHARE * best.score || candidate.coverage < settings.abstainThreshold) continue;
    const terms = termSet(corpus, candidate.sentence);
    if (chosenTerms.some((other) => overlap(terms, other) > MAX_OVERLAP)) continue;
    chosen.push(candidate);
    chosenTerms.push(terms);
  }
  const citations: Citation[] = chosen.map((ranked, i) => {
    const sentence = corpus.sentences[ranked.sentence];
    const document = corpus.documents[sentence.docIndex];
    return {
      n: i + 1,
      doc: document.id,
      docTitle: document.title,
      sentence: sentence.ordinal + 1,
      lines: [sentence.startLine, sentence.endLine],
      text: sentenceText(document.text, sentence),
      score: Number(ranked.coverage.toFixed(4)),
    };
  });
  const answer = citations.map((c) => `${c.text} [${c.n}]`).join(' ');
  return { question, abstained: false, answer, citations, confidence: Number(confidence.toFixed(4)), ...embedder };
}
