/**
 * Hashing for the word tables that load as typed arrays (the GloVe cache, WordNet's lemmas) and for
 * the lexical embedder's features: FNV-1a, and an open-addressing table of row numbers.
 */

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bit, over UTF-16 code units, continued from `h`; unsigned. */
export function fnv1a(text: string, h: number = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * Slots for looking words up by {@link fnv1a} with linear probing: row + 1, or 0 for an empty
 * slot. Its length is a power of two, at least twice the number of words; a repeated word keeps
 * its first row.
 */
export function buildTable(words: readonly string[]): Uint32Array {
  let size = 1;
  while (size < words.length * 2) size *= 2;
  const table = new Uint32Array(words.length === 0 ? 0 : size);
  if (words.length === 0) return table;
  const mask = size - 1;
  const seen = new Set<string>();
  words.forEach((word, row) => {
    if (seen.has(word)) return;
    seen.add(word);
    let slot = fnv1a(word) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = row + 1;
  });
  return table;
}
