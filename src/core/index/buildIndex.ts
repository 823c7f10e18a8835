import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { embedderForBuild } from '../embed/createEmbedder.js';
import type { Embedder } from '../embed/embedder.js';
import type { LexicalEmbedder } from '../embed/lexicalEmbedder.js';
import { sentenceText } from '../text/sentences.js';
import type { Document } from '../types.js';
import { analyzeCorpus, type AnalyzedCorpus } from './analyzeCorpus.js';
import { buildChunks, type Chunk } from './chunks.js';
import {
  INDEX_FORMAT_VERSION,
  buildDir,
  fingerprint,
  fingerprintFile,
  hashCorpus,
  readManifest,
  writeManifest,
  type IndexManifest,
} from './manifest.js';
import { encodeSentences, encodeTermIds, type TermsFile } from './storyFiles.js';
import { buildLexicon } from '../lexicon/buildLexicon.js';
import { encodeLexicon, Lexicon } from '../lexicon/lexicon.js';
import { loadWordNet } from '../lexicon/wordnet.js';
import { computeFeatures, encodeFeatures, scanCorpus, type CorpusFeatures, type CorpusScan } from '../text/features.js';
import { buildVectorIndex, shardFile, type VectorIndex } from './vectorIndex.js';
import { lexicalVocabularyOf } from './vocabulary.js';
import { encodeSemanticIndex, GLOVE_FILE, semanticIndexFor, type SemanticIndex } from '../glove/semanticIndex.js';
import { growingIds } from '../growingArray.js';
import { round } from '../stats.js';

/** The first (often only) HNSW shard. */
export const VECTORS_FILE = shardFile(0);
export const SENTENCES_FILE = 'sentences.bin';
export const TERMS_FILE = 'terms.json';
export const SENTENCE_TERMS_FILE = 'sentence-terms.bin';
export const LEXICON_FILE = 'lexicon.bin';
export const LEXICON_KEYS_FILE = 'lexicon-keys.txt';
export const FEATURES_FILE = 'features.bin';

export type IndexSettings = Pick<Config, 'indexDir' | 'embedder' | 'embedModel' | 'modelsDir' | 'allowRemoteModels' | 'retrieval' | 'hnsw'>;

export interface BuildProgress {
  phase: 'sentences' | 'embedding' | 'indexing' | 'writing';
  done: number;
  total: number;
}

export interface BuiltIndex {
  manifest: IndexManifest;
  corpus: AnalyzedCorpus;
  chunks: Chunk[];
  /** The chunk vectors (label = chunk number), in one or more HNSW graphs. */
  vectors: VectorIndex;
  embedder: Embedder;
  /** WordNet relations restricted to the corpus vocabulary, and general-English word rarity. */
  lexicon: Lexicon;
  /** Names, dates and numbers per term and sentence, for answer types. */
  features: CorpusFeatures;
  /** GloVe vectors of the corpus terms and of the question vocabulary (empty without GloVe). */
  semantic: SemanticIndex;
}

/** The lexicon for a corpus; without WordNet (files missing) an empty one, with a warning. */
async function lexiconFor(corpus: AnalyzedCorpus, scan: CorpusScan, log: Logger): Promise<Lexicon> {
  try {
    return new Lexicon(buildLexicon(corpus, await loadWordNet(), scan));
  } catch (error) {
    log.warn(`WordNet is unavailable (${(error as Error).message}); answering without synonyms.`);
    return Lexicon.empty(corpus.terms.length);
  }
}

let gc: (() => void) | undefined | null;

/**
 * A full garbage collection. Node offers `gc` only under `--expose-gc`; turning the flag on just
 * long enough to fetch the function from a fresh context gives it to this process without a
 * command-line flag. Where that fails, builds simply go on without it.
 */
async function collectGarbage(): Promise<void> {
  // A turn of the event loop first, so that weakly held objects (WordNet) can go too.
  await new Promise((resolve) => setImmediate(resolve));
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
      setFlagsFromString('--no-expose-gc');
    } catch {
      gc = null;
    }
  }
  gc?.();
}

export function chunkText(corpus: AnalyzedCorpus, chunk: Chunk): string {
  return chunk.sentenceIndexes
    .map((index) => sentenceText(corpus.documents[corpus.sentences[index].docIndex].text, corpus.sentences[index]))
    .join(' ');
}

/**
 * Writes the vectors of `chunks[start .. end)` into `out`. The lexical embedder reads the chunks'
 * terms straight from the analysed corpus (the same vectors as embedding the text, without
 * splitting and stemming every sentence again); other embedders get the chunk texts.
 */
function chunkEmbedding(embedder: Embedder, corpus: AnalyzedCorpus, chunks: readonly Chunk[]): (start: number, end: number, out: Float32Array) => Promise<void> | void {
  const { dimensions } = embedder;
  const lexical = embedder.kind === 'lexical' && 'embedTermIdsInto' in embedder ? (embedder as LexicalEmbedder) : undefined;
  if (lexical) {
    const ids = growingIds(256);
    return (start, end, out) => {
      for (let c = start; c < end; c++) {
        ids.clear();
        for (const s of chunks[c].sentenceIndexes) ids.append(corpus.termIds.subarray(corpus.termOffsets[s], corpus.termOffsets[s + 1]));
        lexical.embedTermIdsInto(corpus.terms, ids.values, ids.length, out.subarray((c - start) * dimensions, (c - start + 1) * dimensions));
      }
    };
  }
  return async (start, end, out) => {
    const vectors = await embedder.embedPassages(chunks.slice(start, end).map((chunk) => chunkText(corpus, chunk)));
    vectors.forEach((vector, i) => out.set(vector, i * dimensions));
  };
}

/** Removes builds other than the new one and the one it replaces (which a running bot may still be reading). */
async function pruneBuilds(indexDir: string, keep: readonly string[]): Promise<void> {
  const root = path.join(indexDir, 'builds');
  for (const name of await fs.readdir(root)) {
    if (!keep.includes(name)) await fs.rm(path.join(root, name), { recursive: true, force: true });
  }
}

/**
 * Splits, embeds and indexes the documents, writes the build into its own folder, then
 * switches the manifest to it in one atomic rename. Callers hold the index lock.
 */
export async function buildIndex(
  settings: IndexSettings,
  documents: Document[],
  log: Logger,
  onProgress: (progress: BuildProgress) => void = () => {},
): Promise<BuiltIndex> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const lap = (phase: string): void => {
    const now = performance.now();
    phases[phase] = round((now - mark) / 1000, 3);
    mark = now;
  };
  const corpus = analyzeCorpus(documents);
  lap('analyze');
  onProgress({ phase: 'sentences', done: corpus.sentences.length, total: corpus.sentences.length });
  const embedder = await embedderForBuild(settings, lexicalVocabularyOf(corpus), log);
  const chunks = buildChunks(corpus.sentences, settings.retrieval.chunkSize, settings.retrieval.chunkOverlap);

  const previous = await readManifest(settings.indexDir).catch(() => undefined);
  const buildId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const directory = buildDir(settings.indexDir, buildId);
  await fs.mkdir(directory, { recursive: true });
  lap('prepare');
  // The lexicon, features and semantic index are derived first, before the HNSW workers allocate
  // their graphs: the two memory-heavy parts of a build never overlap (peak RSS), and WordNet,
  // which only the lexicon needs, is garbage by the time the graphs grow.
  let scan: CorpusScan | undefined = scanCorpus(corpus);
  const lexicon = await lexiconFor(corpus, scan, log);
  // WordNet and the lexicon's working memory are garbage now: collected before GloVe is read, so
  // that the two never add up (the lexicon step is the peak of a small build).
  await collectGarbage();
  const features = computeFeatures(corpus, lexicon, scan);
  const semantic = await semanticIndexFor(corpus, log, {}, scan);
  scan = undefined;
  // What the steps above discarded (the GloVe rows read, the scan, tokens) is garbage, and nothing
  // on this thread allocates enough during the vector build to collect it: collect it now, before
  // the graphs grow, so that the two never add up.
  await collectGarbage();
  lap('lexicon');
  const built = await buildVectorIndex({
    count: chunks.length,
    dimensions: embedder.dimensions,
    hnsw: settings.hnsw,
    directory,
    embed: chunkEmbedding(embedder, corpus, chunks),
    onEmbedded: (done) => onProgress({ phase: 'embedding', done, total: chunks.length }),
    onIndexed: (done) => onProgress({ phase: 'indexing', done, total: chunks.length }),
  });
  const vectors = built.index;
  lap('vectors');

  onProgress({ phase: 'writing', done: 0, total: 1 });
  const lexiconFiles = encodeLexicon(lexicon.data);
  const termsFile = (): TermsFile => ({ terms: corpus.terms, documentFrequency: Array.from(corpus.documentFrequency) });
  // Encoded one at a time and dropped once written, so the build never holds all of them at once.
  const payloads: Record<string, () => Uint8Array> = {
    [SENTENCES_FILE]: () => encodeSentences(corpus.sentences),
    [SENTENCE_TERMS_FILE]: () => encodeTermIds(corpus),
    [TERMS_FILE]: () => Buffer.from(JSON.stringify(termsFile())),
    [LEXICON_FILE]: () => lexiconFiles.binary,
    [LEXICON_KEYS_FILE]: () => lexiconFiles.keys,
    [FEATURES_FILE]: () => encodeFeatures(features),
    [GLOVE_FILE]: () => encodeSemanticIndex(semantic),
  };
  const files: IndexManifest['files'] = {};
  for (const [name, encode] of Object.entries(payloads)) {
    const data = encode();
    await fs.writeFile(path.join(directory, name), data);
    files[name] = fingerprint(data);
    // A big payload is external memory that V8 frees only on a collection: freed before the next.
    if (data.byteLength >= 1 << 20) await collectGarbage();
  }
  for (const name of built.files) files[name] = await fingerprintFile(path.join(directory, name));
  lap('write');

  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    buildId,
    requestedEmbedder: settings.embedder,
    embedder: embedder.kind,
    model: embedder.model,
    dimensions: embedder.dimensions,
    chunking: { size: settings.retrieval.chunkSize, overlap: settings.retrieval.chunkOverlap },
    hnsw: { m: settings.hnsw.m, efConstruction: settings.hnsw.efConstruction, efSearch: settings.hnsw.efSearch, shards: built.shards },
    corpusHash: hashCorpus(documents),
    counts: { documents: documents.length, sentences: corpus.sentences.length, chunks: chunks.length, terms: corpus.terms.length },
    documents: documents.map(({ id, title, file }) => ({ id, title, file })),
    builtAt: new Date().toISOString(),
    buildSeconds: round((performance.now() - started) / 1000, 3),
    buildPhases: phases,
    files,
  };
  await writeManifest(settings.indexDir, manifest);
  onProgress({ phase: 'writing', done: 1, total: 1 });
  await pruneBuilds(settings.indexDir, previous ? [buildId, previous.buildId] : [buildId]);
  return { manifest, corpus, chunks, vectors, embedder, lexicon, features, semantic };
}
