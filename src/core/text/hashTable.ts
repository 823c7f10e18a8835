/**
 * Hashing for the word tables that load as typed arrays (the GloVe cache, WordNet's lemmas) and for
 * the lexical embedder's features: FNV-1a, and an open-addressing table of row numbers.
 */

const FNV_OFFSET = 0x811c9dc5;
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
 * Slots for looking rows up by a hash of their key with linear probing: row + 1, or 0 for an empty
 * slot. Its length is a power of two, at least twice the number of rows; a row whose key repeats
 * an earlier row's is left out, so the first keeps the key.
 */
export function buildRowTable(count: number, hashOf: (row: number) => number, sameKey: (a: number, b: number) => boolean): Uint32Array {
  let size = 1;
  while (size < count * 2) size *= 2;
  const table = new Uint32Array(count === 0 ? 0 : size);
  const mask = size - 1;
  for (let row = 0; row < count; row++) {
    let slot = hashOf(row) & mask;
    while (table[slot] !== 0 && !sameKey(table[slot] - 1, row)) slot = (slot + 1) & mask;
    if (table[slot] === 0) table[slot] = row + 1;
  }
  return table;
}

/** The table of {@link buildRowTable} for words, hashed by {@link fnv1a}. */
export function buildTable(words: readonly string[]): Uint32Array {
  return buildRowTable(words.length, (row) => fnv1a(words[row]), (a, b) => words[a] === words[b]);
}

/** The row whose key has `hash` and for which `isRow` holds, or -1. */
export function findRow(table: Uint32Array, hash: number, isRow: (row: number) => boolean): number {
  const mask = table.length - 1;
  for (let slot = hash & mask, probes = 0; probes < table.length; slot = (slot + 1) & mask, probes++) {
    const entry = table[slot];
    if (entry === 0) return -1;
    if (isRow(entry - 1)) return entry - 1;
  }
  return -1;
}
