import { describe, expect, it } from 'vitest';
import { calibrate } from '../src/core/eval/calibration.js';
import { percentile } from '../src/core/stats.js';
import {
  containsEvidence,
  hitRank,
  isMiss,
  normalizeForMatch,
  parseQa,
  QaFormatError,
  scoreItem,
  summarize,
  type QaItem,
} from '../src/core/eval/scoring.js';

const answerable = (id: string, evidence: string[]): QaItem => ({ id, q: `question ${id}`, answerable: true, evidence });
const unanswerable = (id: string): QaItem => ({ id, q: `question ${id}`, answerable: false });
const cite = (...texts: string[]) => ({ abstained: false, citations: texts.map((text) => ({ text })) });
const abstain = { abstained: true, citations: [] };

describe('eval normalization rule', () => {
  it('lowercases, straightens curly quotes and collapses whitespace', () => {
    expect(normalizeForMatch('  The  “Interview”\n can’t   Wait ')).toBe('the "interview" can\'t wait');
  });

  it('matches evidence across case, quote style and line-break whitespace', () => {
    expect(containsEvidence('a U.S. official told NBC News that the country “can’t let this\n go unanswered.”', ["can't let this go unanswered"])).toBe(true);
    expect(containsEvidence('Seth Rogen and James Franco', ['seth  rogen and JAMES franco'])).toBe(true);
    expect(containsEvidence('Seth Rogen and James Franco', ['Steve Carell'])).toBe(false);
  });

  it('never matches an empty evidence phrase', () => {
    expect(containsEvidence('anything', ['   '])).toBe(false);
  });
});

describe('hit@k and MRR', () => {
  it('gives the 1-based rank of the first citation holding evidence', () => {
    expect(hitRank(cite('nothing here', 'Dec. 25 release', 'Christmas Day'), ['Christmas Day', 'Dec. 25'])).toBe(2);
    expect(hitRank(cite('nothing', 'still nothing'), ['Dec. 25'])).toBeNull();
    expect(hitRank(abstain, ['Dec. 25'])).toBeNull();
  });

  it('summarizes hit@1, hit@3, MRR, false abstentions and abstain rate', () => {
    const results = [
      scoreItem(answerable('a', ['gold']), cite('gold'), 1), // rank 1
      scoreItem(answerable('b', ['gold']), cite('x', 'y', 'gold'), 2), // rank 3
      scoreItem(answerable('c', ['gold']), cite('x', 'y', 'z', 'gold'), 3), // rank 4: a miss for hit@3, 1/4 for MRR
      scoreItem(answerable('d', ['gold']), abstain, 4), // false abstention
      scoreItem(unanswerable('e'), abstain, 5),
      scoreItem(unanswerable('f'), cite('confidently wrong'), 6),
    ];
    const summary = summarize(results, 'lexical');
    expect(summary.answerable).toEqual({ n: 4, hit_at_1: 0.25, hit_at_3: 0.5, mrr: Number(((1 + 1 / 3 + 1 / 4) / 4).toFixed(4)), false_abstain: 0.25 });
    expect(summary.unanswerable).toEqual({ n: 2, abstain_rate: 0.5 });
    expect(summary.latency_ms).toEqual({ p50: 3, p95: 6 });
    expect(summary.embedder).toBe('lexical');
    expect(results.filter(isMiss).map((r) => r.item.id)).toEqual(['b', 'c', 'd', 'f']);
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBe(0);
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile(Array.from({ length: 20 }, (_, i) => i + 1), 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
  });
});

describe('question files', () => {
  it('reads answerable and unanswerable items and skips blank lines', () => {
    const items = parseQa('{"id":"d1","q":"Who?","evidence":["Rogen"]}\n\n{"id":"u1","q":"Why?","answerable":false}\n');
    expect(items).toEqual([
      { id: 'd1', q: 'Who?', answerable: true, evidence: ['Rogen'] },
      { id: 'u1', q: 'Why?', answerable: false },
    ]);
  });

  it('names the line of a malformed item', () => {
    expect(() => parseQa('{"id":"d1","q":"Who?"}', 'qa.jsonl')).toThrow(/qa.jsonl:1: .*evidence/);
    expect(() => parseQa('{"id":"d1","q":"Who?","evidence":["x"]}\nnot json', 'qa.jsonl')).toThrow(QaFormatError);
    expect(() => parseQa('{"id":"d1","q":"a","evidence":["x"]}\n{"id":"d1","q":"b","evidence":["y"]}')).toThrow(/duplicate id/);
  });
});

describe('abstention calibration', () => {
  const result = (item: QaItem, confidence: number) => ({ ...scoreItem(item, abstain, 0), confidence });

  it('puts the balanced threshold in the widest gap and respects the false-abstention budget', () => {
    const results = [
      ...[0.9, 0.8, 0.7, 0.6, 0.2].map((c, i) => result(answerable(`a${i}`, ['x']), c)),
      ...[0.1, 0.3, 0.5].map((c, i) => result(unanswerable(`u${i}`), c)),
    ];
    const calibration = calibrate(results, 0.2);
    // Best balanced accuracy: abstain below 0.55 (catches all three unanswerable, loses one answerable).
    expect(calibration.threshold).toBeCloseTo(0.55);
    expect(calibration).toMatchObject({ falseAbstain: 0.2, abstainRate: 1 });
    // Budget 0.2 of 5 answerable = 1 may be lost: the cut sits between the lowest two answerable scores.
    expect(calibration.withinBudget.threshold).toBeCloseTo(0.4);
    expect(calibration.withinBudget).toMatchObject({ falseAbstain: 0.2, abstainRate: 0.6667 });
    expect(calibration.answerable).toMatchObject({ n: 5, min: 0.2, max: 0.9 });
  });
});
