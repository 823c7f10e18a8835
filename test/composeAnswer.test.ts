import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { composeAnswer } from '../src/core/answer/composeAnswer.js';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';
import type { RankedSentence } from '../src/core/retrieval/retriever.js';

const text = [
  'Harbor news',
  '',
  'The harbor master closed the north pier on Monday.',
  'Storm waves had cracked the old wooden beams.',
  'Fishing crews moved their boats to the south dock.',
].join('\n');
const corpus = analyzeCorpus([{ id: 'harbor', title: 'Harbor news', file: 'harbor.txt', text }]);
const settings = loadConfig({}).retrieval;
const embedder = { embedder: 'lexical', model: 'test' } as const;

/** Ranked body sentences (the title is sentence 0) with the given scores and confidences. */
function ranking(...ranked: [sentence: number, score: number, confidence: number][]) {
  const sentences: RankedSentence[] = ranked.map(([sentence, score, confidence]) => ({ sentence, score, coverage: score, typeMatch: false, confidence, weakest: 1 }));
  return { sentences, queryTerms: [], answerType: 'any' as const };
}

describe('the sentences an answer cites', () => {
  const threshold = settings.abstainThreshold;

  it('abstains when the best sentence is below the threshold', () => {
    const answer = composeAnswer('Why was the pier closed?', ranking([1, 1, threshold - 0.01]), corpus, settings, embedder);
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
  });

  it('adds only confident close runners-up to a sure answer', () => {
    const answer = composeAnswer('Why was the pier closed?', ranking([1, 1, 0.95], [2, 0.9, threshold - 0.01], [3, 0.9, 0.9]), corpus, settings, embedder);
    expect(answer.citations.map((c) => c.lines[0])).toEqual([3, 5]);
  });

  it('adds close runners-up to an unsure answer however unsure they are: the answer may be among them', () => {
    const unsure = 1.5 * threshold;
    const answer = composeAnswer('Why was the pier closed?', ranking([1, 1, unsure], [2, 0.9, threshold - 0.01], [3, 0.5, unsure]), corpus, settings, embedder);
    // Sentence 3 is too far behind on score to join.
    expect(answer.citations.map((c) => c.lines[0])).toEqual([3, 4]);
    expect(answer.citations[1].text).toBe('Storm waves had cracked the old wooden beams.');
  });

  it('leaves out runners-up of an unsure answer that match next to nothing', () => {
    const answer = composeAnswer('Why was the pier closed?', ranking([1, 1, 1.5 * threshold], [2, 0.9, 0.2 * threshold], [3, 0.9, 0.5 * threshold]), corpus, settings, embedder);
    expect(answer.citations.map((c) => c.lines[0])).toEqual([3, 5]);
  });
});
