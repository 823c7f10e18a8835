/** Small, dependency-free statistics for the benchmark (kept apart so tests can check them). */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Indexes and similarities of the `k` rows of `matrix` (rows of `dimensions`) with the largest dot product with `query`, best first. */
export function exactTopK(matrix: Float32Array, dimensions: number, query: ArrayLike<number>, k: number): { ids: number[]; scores: number[] } {
  const rows = Math.floor(matrix.length / dimensions);
  const ids: number[] = [];
  const scores: number[] = [];
  for (let row = 0; row < rows; row++) {
    let score = 0;
    const base = row * dimensions;
    for (let d = 0; d < dimensions; d++) score += query[d] * matrix[base + d];
    if (ids.length === k && score <= scores[k - 1]) continue;
    // Insert in order (k is small).
    let at = ids.length === k ? k - 1 : ids.length;
    if (ids.length < k) {
      ids.push(row);
      scores.push(score);
    }
    while (at > 0 && scores[at - 1] < score) {
      ids[at] = ids[at - 1];
      scores[at] = scores[at - 1];
      at--;
    }
    ids[at] = row;
    scores[at] = score;
  }
  return { ids, scores };
}

/**
 * Recall@k of approximate neighbours against the exact ones: the share of the approximate results
 * that belong to the exact top k. A result that ties the exact k-th score (within `tolerance`)
 * counts too, since exact search could as well have returned it.
 */
export function recallAtK(
  approximate: readonly { ids: readonly number[]; scores: readonly number[] }[],
  exact: readonly { ids: readonly number[]; scores: readonly number[] }[],
  k: number,
  tolerance = 1e-5,
): number {
  let found = 0;
  let wanted = 0;
  approximate.forEach((result, q) => {
    const truth = exact[q];
    const expected = Math.min(k, truth.ids.length);
    const kth = truth.scores[expected - 1];
    const truthIds = new Set(truth.ids.slice(0, expected));
    let hits = 0;
    for (let i = 0; i < Math.min(k, result.ids.length); i++) {
      if (truthIds.has(result.ids[i]) || result.scores[i] >= kth - tolerance) hits++;
    }
    found += Math.min(hits, expected);
    wanted += expected;
  });
  return wanted === 0 ? 1 : found / wanted;
}

