import type { Sentence } from '../types.js';

export interface Chunk {
  /** Indexes into the corpus-wide sentence list, consecutive, same document. */
  sentenceIndexes: number[];
}

/**
 * Overlapping windows of `size` consecutive answerable sentences per document, each window
 * starting `size - overlap` sentences after the previous one. Titles and captions are left out:
 * they are searched separately and never answer.
 */
export function buildChunks(sentences: readonly Sentence[], size: number, overlap: number): Chunk[] {
  if (size < 1 || overlap < 0 || overlap >= size) {
    throw new RangeError(`Chunk size ${size} with overlap ${overlap} is not a valid window.`);
  }
  const byDocument = new Map<number, number[]>();
  sentences.forEach((sentence, index) => {
    if (sentence.kind !== 'body') return;
    const list = byDocument.get(sentence.docIndex) ?? [];
    list.push(index);
    byDocument.set(sentence.docIndex, list);
  });
  const step = size - overlap;
  const chunks: Chunk[] = [];
  for (const indexes of byDocument.values()) {
    for (let start = 0; start < indexes.length; start += step) {
      chunks.push({ sentenceIndexes: indexes.slice(start, start + size) });
      if (start + size >= indexes.length) break;
    }
  }
  return chunks;
}
