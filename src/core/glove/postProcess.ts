import { quantizeInto, type WordVectorData } from './wordVectors.js';

/**
 * "All-but-the-top" post-processing (Mu & Viswanath, ICLR 2018): subtract the common mean vector
 * and project out the few dominant principal components. Those directions carry word frequency and
 * general "newsiness" shared by most words; removing them lowers the cosine of merely associated
 * words (reason ~ decision, opening ~ Wednesday, reported ~ officials) far more than that of
 * synonyms and close paraphrases (performers ~ actors, multiplex ~ theater).
 */

/** Principal components removed; the paper suggests about dimensions / 100, a few for GloVe. */
export const REMOVED_COMPONENTS = 3;
/** The mean and the components are estimated over the most frequent words. */
export const STATISTICS_WORDS = 50_000;

function dequantize(data: WordVectorData, row: number, out: Float64Array): void {
  const { vectors, inverseNorm, dimensions } = data;
  const scale = inverseNorm[row];
  const at = row * dimensions;
  for (let i = 0; i < dimensions; i++) out[i] = vectors[at + i] * scale;
}

/** The top `count` eigenvectors of a symmetric matrix (power iteration with deflation). */
function topEigenvectors(matrix: Float64Array, n: number, count: number): Float64Array[] {
  const found: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    // A fixed, non-degenerate start keeps the result deterministic.
    let u = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 13) / 13);
    for (let iteration = 0; iteration < 300; iteration++) {
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += matrix[i * n + j] * u[j];
        next[i] = sum;
      }
      for (const other of found) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += next[i] * other[i];
        for (let i = 0; i < n; i++) next[i] -= dot * other[i];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += next[i] * next[i];
      norm = Math.sqrt(norm);
      if (norm === 0) break;
      let change = 0;
      for (let i = 0; i < n; i++) {
        const value = next[i] / norm;
        change += Math.abs(value - u[i]);
        next[i] = value;
      }
      u = next;
      if (change < 1e-10) break;
    }
    found.push(u);
  }
  return found;
}

/** Post-processes every row in place (rows are unit vectors again afterwards, re-quantized). */
export function removeCommonDirections(data: WordVectorData, components = REMOVED_COMPONENTS, statisticsRows = STATISTICS_WORDS): void {
  const d = data.dimensions;
  const rows = data.inverseNorm.length;
  const sample = Math.min(rows, statisticsRows);
  if (sample === 0 || d === 0) return;
  const vector = new Float64Array(d);
  const mean = new Float64Array(d);
  for (let r = 0; r < sample; r++) {
    dequantize(data, r, vector);
    for (let i = 0; i < d; i++) mean[i] += vector[i] / sample;
  }
  const covariance = new Float64Array(d * d);
  for (let r = 0; r < sample; r++) {
    dequantize(data, r, vector);
    for (let i = 0; i < d; i++) vector[i] -= mean[i];
    for (let i = 0; i < d; i++) {
      const a = vector[i];
      for (let j = i; j < d; j++) covariance[i * d + j] += a * vector[j];
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) covariance[i * d + j] = covariance[j * d + i];
  const directions = topEigenvectors(covariance, d, Math.min(components, d - 1));
  for (let r = 0; r < rows; r++) {
    if (data.inverseNorm[r] === 0) continue;
    dequantize(data, r, vector);
    for (let i = 0; i < d; i++) vector[i] -= mean[i];
    for (const direction of directions) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += vector[i] * direction[i];
      for (let i = 0; i < d; i++) vector[i] -= dot * direction[i];
    }
    data.inverseNorm[r] = quantizeInto(vector, data.vectors, r * d);
  }
}
