/** Small number helpers shared by the core (answers, builds, evaluation) and the scripts (bench, load test). */

/** Nearest-rank percentile (p in 0..100) of the values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** `value` to `digits` decimals. */
export function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
