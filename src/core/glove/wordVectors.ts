import { promises as fs } from 'node:fs';
import { buildRowTable, buildTable, findRow, fnv1a } from '../text/hashTable.js';
import { align4, bytesOf, packedSize, packParts, writeParts } from '../binaryParts.js';

/**
 * A table of word vectors that loads as typed-array views over one buffer: int8-quantized unit
 * vectors, the words as UTF-8 with offsets, and an open-addressing hash table from word to row.
 * Nothing is parsed or materialized on load; a lookup hashes the word and compares a few bytes.
 *
 * The same layout holds the converted GloVe cache (every word, frequency order) and, inside a
 * build, the question vocabulary (the most frequent words).
 */

export interface WordVectorData {
  dimensions: number;
  /** Row r is `vectors[r * dimensions .. (r + 1) * dimensions)`, quantized to int8. */
  vectors: Int8Array;
  /** 1 / length of each quantized row: cosine(a, b) = dot(a, b) * inverseNorm[a] * inverseNorm[b]. */
  inverseNorm: Float32Array;
  /** Word of row r is `wordBytes[wordOffsets[r] .. wordOffsets[r + 1])`, UTF-8. */
  wordOffsets: Uint32Array;
  wordBytes: Uint8Array;
  /** Open addressing, linear probing: row + 1, or 0 for an empty slot; its length is a power of two. */
  table: Uint32Array;
}

const MAGIC = 0x31564c47; // "GLV1"
/** Bytes read at a time for scattered rows by {@link WordVectors.readRows}. */
const WINDOW_BYTES = 1 << 20;
const HEADER_WORDS = 8;

/** Where each part of an {@link WordVectors.encode} table starts, from its header's counts, and where the table ends. */
function layoutOf(count: number, tableSize: number, dimensions: number, wordByteCount: number) {
  const normsAt = HEADER_WORDS * 4;
  const offsetsAt = normsAt + align4(count * 4);
  const tableAt = offsetsAt + align4((count + 1) * 4);
  const vectorsAt = tableAt + align4(tableSize * 4);
  const wordsAt = vectorsAt + align4(count * dimensions);
  return { normsAt, offsetsAt, tableAt, vectorsAt, wordsAt, end: wordsAt + align4(wordByteCount) };
}

/** Throws unless the word offsets end where the header says the words do. */
function checkWords(wordOffsets: Uint32Array, count: number, wordByteCount: number): void {
  if (wordOffsets[count] !== wordByteCount) throw new Error('word vector words are inconsistent');
}

/** The counts a table's header gives and where its arrays lie, checked against the `available` bytes; throws on a malformed header. */
function checkedLayout(header: Uint32Array, available: number): { count: number; dimensions: number; tableSize: number; wordByteCount: number; layout: ReturnType<typeof layoutOf> } {
  if (header[0] !== MAGIC) throw new Error('not a word vector table');
  const [, count, dimensions, tableSize, wordByteCount] = header;
  if (tableSize !== 0 && (tableSize & (tableSize - 1)) !== 0) throw new Error('word vector table size is not a power of two');
  const layout = layoutOf(count, tableSize, dimensions, wordByteCount);
  if (layout.end > available) throw new Error('word vectors are truncated');
  return { count, dimensions, tableSize, wordByteCount, layout };
}

/**
 * The words as UTF-8, one after the other (word `r` is `wordBytes[wordOffsets[r] .. wordOffsets[r + 1])`),
 * and their lookup table.
 */
export function packWords(words: readonly string[]): { wordOffsets: Uint32Array; wordBytes: Uint8Array; table: Uint32Array } {
  const encoder = new TextEncoder();
  const encoded = words.map((word) => encoder.encode(word));
  const wordOffsets = new Uint32Array(words.length + 1);
  for (let r = 0; r < words.length; r++) wordOffsets[r + 1] = wordOffsets[r] + encoded[r].length;
  const wordBytes = new Uint8Array(wordOffsets[words.length]);
  encoded.forEach((bytes, r) => wordBytes.set(bytes, wordOffsets[r]));
  return { wordOffsets, wordBytes, table: buildTable(words) };
}

/** Quantizes a vector (any length) to int8 with its own scale; returns 1 / the quantized length (0 for a zero vector). */
export function quantizeInto(vector: ArrayLike<number>, out: Int8Array, at: number): number {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i]));
  if (max === 0 || !Number.isFinite(max)) {
    out.fill(0, at, at + vector.length);
    return 0;
  }
  const scale = 127 / max;
  let norm = 0;
  for (let i = 0; i < vector.length; i++) {
    const q = Math.round(vector[i] * scale);
    out[at + i] = q;
    norm += q * q;
  }
  return norm > 0 ? 1 / Math.sqrt(norm) : 0;
}

export class WordVectors {
  private readonly decoder = new TextDecoder();
  private readonly encoder = new TextEncoder();

  constructor(readonly data: WordVectorData) {}

  get size(): number {
    return this.data.inverseNorm.length;
  }

  get dimensions(): number {
    return this.data.dimensions;
  }

  word(row: number): string {
    const { wordOffsets, wordBytes } = this.data;
    return this.decoder.decode(wordBytes.subarray(wordOffsets[row], wordOffsets[row + 1]));
  }

  /** Row of the word, or -1. */
  row(word: string): number {
    const { table, wordOffsets, wordBytes } = this.data;
    const bytes = this.encoder.encode(word);
    return findRow(table, fnv1a(word), (row) => {
      const from = wordOffsets[row];
      if (wordOffsets[row + 1] - from !== bytes.length) return false;
      for (let i = 0; i < bytes.length; i++) if (wordBytes[from + i] !== bytes[i]) return false;
      return true;
    });
  }

  /** Adds the row's unit vector times `weight` into `out` (float). */
  addInto(row: number, weight: number, out: Float32Array | Float64Array): void {
    const { vectors, inverseNorm, dimensions } = this.data;
    const scale = weight * inverseNorm[row];
    const at = row * dimensions;
    for (let i = 0; i < dimensions; i++) out[i] += vectors[at + i] * scale;
  }

  /**
   * Builds a table from words and their float vectors (any scale; stored as unit vectors).
   * Words repeated keep their first row.
   */
  static from(words: readonly string[], vectorOf: (row: number, out: Float64Array) => void, dimensions: number): WordVectors {
    const count = words.length;
    const vectors = new Int8Array(count * dimensions);
    const inverseNorm = new Float32Array(count);
    const scratch = new Float64Array(dimensions);
    for (let r = 0; r < count; r++) {
      scratch.fill(0);
      vectorOf(r, scratch);
      inverseNorm[r] = quantizeInto(scratch, vectors, r * dimensions);
    }
    return new WordVectors({ dimensions, vectors, inverseNorm, ...packWords(words) });
  }

  /** Binary form: a Uint32 header, then the arrays, each padded to 4 bytes. */
  encode(): Uint8Array {
    return packParts(this.header(), this.parts());
  }

  /** Bytes of {@link encode}. */
  encodedLength(): number {
    return packedSize(this.header(), this.parts());
  }

  /** Writes {@link encode} into `out` at `at` (no intermediate buffer). */
  encodeInto(out: Uint8Array, at: number): void {
    writeParts(out, at, this.header(), this.parts());
  }

  private header(): Uint32Array {
    const { dimensions, inverseNorm, wordBytes, table } = this.data;
    return new Uint32Array([MAGIC, inverseNorm.length, dimensions, table.length, wordBytes.length, 0, 0, 0]);
  }

  /** In the order of {@link layoutOf}. */
  private parts(): Uint8Array[] {
    const { vectors, inverseNorm, wordOffsets, wordBytes, table } = this.data;
    return [bytesOf(inverseNorm), bytesOf(wordOffsets), bytesOf(table), bytesOf(vectors), wordBytes];
  }


  /** Views over `bytes` (copied first when not 4-byte aligned); throws on a malformed table. */
  static decode(bytes: Uint8Array): WordVectors {
    let source = bytes;
    if (source.byteOffset % 4 !== 0) source = source.slice();
    const { buffer, byteOffset, byteLength } = source;
    if (byteLength < HEADER_WORDS * 4) throw new Error('word vectors are truncated');
    const { count, dimensions, tableSize, wordByteCount, layout } = checkedLayout(new Uint32Array(buffer, byteOffset, HEADER_WORDS), byteLength);
    const inverseNorm = new Float32Array(buffer, byteOffset + layout.normsAt, count);
    const wordOffsets = new Uint32Array(buffer, byteOffset + layout.offsetsAt, count + 1);
    const table = new Uint32Array(buffer, byteOffset + layout.tableAt, tableSize);
    const vectors = new Int8Array(buffer, byteOffset + layout.vectorsAt, count * dimensions);
    const wordBytes = new Uint8Array(buffer, byteOffset + layout.wordsAt, wordByteCount);
    checkWords(wordOffsets, count, wordByteCount);
    return new WordVectors({ dimensions, vectors, inverseNorm, wordOffsets, wordBytes, table });
  }

  /**
   * The rows that `select` picks from a table file (the {@link encode} layout), as
   * {@link subset} would give them, reading only those rows' vectors from the file: `select`
   * gets the table without vectors (words and lookups only). The vectors are most of the file.
   */
  static async readRows(file: string, select: (lookup: WordVectors) => readonly number[]): Promise<WordVectors> {
    const handle = await fs.open(file, 'r');
    try {
      const { size } = await handle.stat();
      const read = async (position: number, length: number, into?: Uint8Array): Promise<Uint8Array> => {
        const out = into ?? new Uint8Array(length);
        if (position + length > size) throw new Error('word vectors are truncated');
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(out, done, length - done, position + done);
          if (bytesRead === 0) throw new Error('word vectors are truncated');
          done += bytesRead;
        }
        return out;
      };
      const headerBytes = await read(0, HEADER_WORDS * 4);
      const { count, dimensions, tableSize, wordByteCount, layout } = checkedLayout(new Uint32Array(headerBytes.buffer, headerBytes.byteOffset, HEADER_WORDS), size);
      const { normsAt, offsetsAt, tableAt, vectorsAt, wordsAt } = layout;
      const front = await read(normsAt, vectorsAt - normsAt);
      const inverseNorm = new Float32Array(front.buffer, 0, count);
      const wordOffsets = new Uint32Array(front.buffer, offsetsAt - normsAt, count + 1);
      const table = new Uint32Array(front.buffer, tableAt - normsAt, tableSize);
      const wordBytes = await read(wordsAt, wordByteCount);
      checkWords(wordOffsets, count, wordByteCount);
      const lookup = new WordVectors({ dimensions, vectors: new Int8Array(0), inverseNorm, wordOffsets, wordBytes, table });
      const rows = select(lookup);
      const vectors = new Int8Array(rows.length * dimensions);
      const bytes = new Uint8Array(vectors.buffer);
      // Runs of consecutive rows straight into place; scattered rows through a window of the file
      // (a few reads of a window rather than one small read per row).
      const windowRows = Math.max(1, Math.floor(WINDOW_BYTES / Math.max(1, dimensions)));
      let windowBuffer: Uint8Array | undefined;
      let window: Uint8Array = new Uint8Array(0);
      let windowStart = 0;
      let windowEnd = 0;
      for (let i = 0; i < rows.length; ) {
        if (!(rows[i] >= 0 && rows[i] < count)) throw new Error(`no row ${rows[i]} in the word vectors`);
        let j = i + 1;
        while (j < rows.length && rows[j] === rows[j - 1] + 1 && rows[j] < count) j++;
        if (j - i >= windowRows / 4) {
          await read(vectorsAt + rows[i] * dimensions, (j - i) * dimensions, bytes.subarray(i * dimensions, j * dimensions));
          i = j;
          continue;
        }
        const row = rows[i];
        if (row < windowStart || row >= windowEnd) {
          windowBuffer ??= new Uint8Array(windowRows * dimensions);
          windowStart = row;
          windowEnd = Math.min(row + windowRows, count);
          window = await read(vectorsAt + row * dimensions, (windowEnd - row) * dimensions, windowBuffer.subarray(0, (windowEnd - row) * dimensions));
        }
        const from = (row - windowStart) * dimensions;
        bytes.set(window.subarray(from, from + dimensions), i * dimensions);
        i++;
      }
      return lookup.subset(rows, vectors);
    } finally {
      await handle.close();
    }
  }

  /**
   * The rows kept, as a new table (rows renumbered in the given order). `rowVectors` holds their
   * vectors in that order when this table has none (see {@link WordVectors.readRows}).
   */
  subset(rows: readonly number[], rowVectors?: Int8Array): WordVectors {
    const { dimensions, vectors, inverseNorm, wordOffsets: fromOffsets, wordBytes: fromBytes } = this.data;
    const count = rows.length;
    const out = rowVectors ?? new Int8Array(count * dimensions);
    const norms = new Float32Array(count);
    const wordOffsets = new Uint32Array(count + 1);
    for (let i = 0; i < count; i++) {
      const r = rows[i];
      if (!rowVectors) out.set(vectors.subarray(r * dimensions, (r + 1) * dimensions), i * dimensions);
      norms[i] = inverseNorm[r];
      wordOffsets[i + 1] = wordOffsets[i] + fromOffsets[r + 1] - fromOffsets[r];
    }
    // The words' UTF-8 bytes copied as they are: no strings in between.
    const wordBytes = new Uint8Array(wordOffsets[count]);
    for (let i = 0; i < count; i++) {
      let at = wordOffsets[i];
      for (let b = fromOffsets[rows[i]]; b < fromOffsets[rows[i] + 1]; b++) wordBytes[at++] = fromBytes[b];
    }
    // The table of buildTable(words), with the words compared as bytes.
    const same = (a: number, b: number): boolean => {
      const length = wordOffsets[a + 1] - wordOffsets[a];
      if (wordOffsets[b + 1] - wordOffsets[b] !== length) return false;
      for (let k = 0; k < length; k++) if (wordBytes[wordOffsets[a] + k] !== wordBytes[wordOffsets[b] + k]) return false;
      return true;
    };
    const table = buildRowTable(count, (i) => fnv1a(this.word(rows[i])), same);
    return new WordVectors({ dimensions, vectors: out, inverseNorm: norms, wordOffsets, wordBytes, table });
  }

}

/** Cosine of row a of `x` and row b of `y` (both quantized tables of the same dimensions). */
export function cosineRows(x: WordVectorData, a: number, y: { vectors: Int8Array; inverseNorm: Float32Array; dimensions: number }, b: number): number {
  const d = x.dimensions;
  const va = x.vectors;
  const vb = y.vectors;
  const ia = a * d;
  const ib = b * d;
  let dot = 0;
  for (let i = 0; i < d; i++) dot += va[ia + i] * vb[ib + i];
  return dot * x.inverseNorm[a] * y.inverseNorm[b];
}
