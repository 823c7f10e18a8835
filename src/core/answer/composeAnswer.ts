import type { RetrievalSettings } from '../../config.js';
import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import type { RankedSentence, Ranking } from '../retrieval/retriever.js';
import { round } from '../stats.js';
import { sentenceText } from '../text/sentences.js';
import type { Answer, Citation } from '../types.js';

/**
 * A later sentence joins the answer only if its score is at least this share of the best one, its
 * own confidence clears the abstention threshold (or a share of it when the best one is unsure: see
 * {@link UNSURE_MULTIPLE}), and it shares at most {@link MAX_OVERLAP} of its terms with a sentence
 * already chosen (redundancy control, on top of MMR).
 */
const COMPANION_SHARE = 0.75;
/**
 * A best sentence less confident than this multiple of the abstention threshold is unsure: the
 * answer may well be in a close runner-up, so those join even when less confident than the
 * threshold, down to {@link UNSURE_FLOOR} of it. They are picked by score like the others: a
 * close score is the better sign of the answer than a confidence just over the threshold.
 */
const UNSURE_MULTIPLE = 2;
const UNSURE_FLOOR = 0.25;
const MAX_OVERLAP = 0.6;
/** Candidates looked at for companions. */
const COMPANION_CANDIDATES = 10;

export function abstentionText(question: string): string {
  return question.trim() === ''
    ? 'Ask me a question about the story, for example: who was behind the attack?'
    : "The story doesn't say. Try rephrasing the question with other words, or use /quote to look up exact lines.";
}

function termSet(corpus: AnalyzedCorpus, sentence: number): Set<number> {
  return new Set(corpus.termIds.subarray(corpus.termOffsets[sentence], corpus.termOffsets[sentence + 1]));
}

/** Share of the smaller sentence's distinct terms that the other holds too. */
function overlap(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/**
 * The best sentence, then companions picked by maximal marginal relevance: relevance (score
 * relative to the best) traded against similarity to the sentences already chosen.
 */
function selectSentences(ranking: Ranking, corpus: AnalyzedCorpus, settings: RetrievalSettings): RankedSentence[] {
  const [best, ...rest] = ranking.sentences;
  const threshold = settings.abstainThreshold;
  const least = best.confidence < UNSURE_MULTIPLE * threshold ? UNSURE_FLOOR * threshold : threshold;
  const chosen = [best];
  const chosenTerms = [termSet(corpus, best.sentence)];
  const pool = rest
    .slice(0, COMPANION_CANDIDATES)
    .filter((c) => c.score >= COMPANION_SHARE * best.score && c.confidence >= least)
    .map((candidate) => ({ candidate, terms: termSet(corpus, candidate.sentence) }));
  while (chosen.length < settings.maxAnswerSentences && pool.length > 0) {
    let pick = -1;
    let pickValue = Number.NEGATIVE_INFINITY;
    pool.forEach(({ candidate, terms }, i) => {
      const similarity = Math.max(...chosenTerms.map((other) => overlap(terms, other)));
      if (similarity > MAX_OVERLAP) return;
      const value = settings.mmrLambda * (candidate.score / best.score) - (1 - settings.mmrLambda) * similarity;
      if (value > pickValue) {
        pickValue = value;
        pick = i;
      }
    });
    if (pick < 0) break;
    const [{ candidate, terms }] = pool.splice(pick, 1);
    chosen.push(candidate);
    chosenTerms.push(terms);
  }
  return chosen;
}

/** Turns a ranking into the cited answer, or an abstention when the evidence is weak. */
export function composeAnswer(question: string, ranking: Ranking, corpus: AnalyzedCorpus, settings: RetrievalSettings, embedder: Pick<Answer, 'embedder' | 'model'>): Answer {
  const best = ranking.sentences[0];
  const confidence = round(best?.confidence ?? 0, 4);
  if (!best || best.confidence < settings.abstainThreshold) {
    return { question, abstained: true, answer: abstentionText(question), citations: [], confidence, ...embedder };
  }
  const citations: Citation[] = selectSentences(ranking, corpus, settings).map((ranked, i) => {
    const sentence = corpus.sentences[ranked.sentence];
    const document = corpus.documents[sentence.docIndex];
    return {
      n: i + 1,
      doc: document.id,
      docTitle: document.title,
      sentence: sentence.ordinal + 1,
      lines: [sentence.startLine, sentence.endLine],
      text: sentenceText(document.text, sentence),
      score: round(ranked.confidence, 4),
    };
  });
  const answer = citations.map((c) => `${c.text} [${c.n}]`).join(' ');
  return { question, abstained: false, answer, citations, confidence, ...embedder };
}
