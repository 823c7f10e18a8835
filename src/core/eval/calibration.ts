import type { ItemResult } from './scoring.js';
import { percentile, round } from '../stats.js';

export interface Distribution {
  n: number;
  min: number;
  p10: number;
  median: number;
  p90: number;
  max: number;
}

export interface Cut {
  threshold: number;
  /** Share of answerable questions below the threshold. */
  falseAbstain: number;
  /** Share of unanswerable questions below the threshold. */
  abstainRate: number;
}

export interface Calibration extends Cut {
  answerable: Distribution;
  unanswerable: Distribution;
  /** The highest cut that keeps false abstentions within the budget (the one the default is set from). */
  withinBudget: Cut & { budget: number };
}

function distribution(values: readonly number[]): Distribution {
  return {
    n: values.length,
    min: values.length ? Math.min(...values) : 0,
    p10: percentile(values, 10),
    median: percentile(values, 50),
    p90: percentile(values, 90),
    max: values.length ? Math.max(...values) : 0,
  };
}

/**
 * Chooses the abstention threshold from the confidence of answerable and unanswerable questions:
 * the cut with the best balanced accuracy (abstain_rate + 1 - false_abstain), and among equally
 * good cuts the one in the widest gap between neighbouring scores, placed at the gap's midpoint.
 */
export function calibrate(results: readonly ItemResult[], falseAbstainBudget = 0.05): Calibration {
  const good = results.filter((r) => r.item.answerable).map((r) => r.confidence ?? 0);
  const bad = results.filter((r) => !r.item.answerable).map((r) => r.confidence ?? 0);
  const scores = [...new Set([...good, ...bad])].sort((a, b) => a - b);
  // Candidate cuts: below everything, between neighbours, above everything.
  const cuts: { at: number; gap: number }[] = [{ at: scores[0] ?? 0, gap: 0 }];
  for (let i = 1; i < scores.length; i++) cuts.push({ at: (scores[i - 1] + scores[i]) / 2, gap: scores[i] - scores[i - 1] });
  cuts.push({ at: (scores[scores.length - 1] ?? 0) + 1e-6, gap: 0 });
  let best = { threshold: 0, falseAbstain: 0, abstainRate: 0, quality: -Infinity, gap: -1 };
  for (const { at, gap } of cuts) {
    const falseAbstain = good.length ? good.filter((c) => c < at).length / good.length : 0;
    const abstainRate = bad.length ? bad.filter((c) => c < at).length / bad.length : 0;
    const quality = abstainRate + 1 - falseAbstain;
    if (quality > best.quality + 1e-12 || (Math.abs(quality - best.quality) <= 1e-12 && gap > best.gap)) {
      best = { threshold: at, falseAbstain, abstainRate, quality, gap };
    }
  }
  // Within budget: the highest threshold that abstains on at most `budget` of the answerable questions,
  // placed midway between the last answerable score it may pass under and the next one.
  const sortedGood = [...good].sort((a, b) => a - b);
  const allowed = Math.floor(falseAbstainBudget * sortedGood.length + 1e-9);
  const above = sortedGood[allowed];
  const below = allowed > 0 ? sortedGood[allowed - 1] : Math.min(above ?? 0, ...bad);
  const budgetAt = above === undefined ? 0 : allowed > 0 ? (below + above) / 2 : Math.max(0, above - 1e-3);
  const withinBudget = {
    budget: falseAbstainBudget,
    threshold: round(budgetAt, 4),
    falseAbstain: round(good.length ? good.filter((c) => c < budgetAt).length / good.length : 0, 4),
    abstainRate: round(bad.length ? bad.filter((c) => c < budgetAt).length / bad.length : 0, 4),
  };
  return {
    withinBudget,
    answerable: distribution(good),
    unanswerable: distribution(bad),
    threshold: round(best.threshold, 4),
    falseAbstain: round(best.falseAbstain, 4),
    abstainRate: round(best.abstainRate, 4),
  };
}
