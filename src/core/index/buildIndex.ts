import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import hnswlib from 'hnswlib-node';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { embedderForBuild } from '../embed/createEmbedder.js';
import type { Embedder } from '../embed/embedder.js';
import { sentenceText } from '../text/sentences.js';
import type { Document } from '../types.js';
import { analyzeCorpus, type AnalyzedCorpus } from './analyzeCorpus.js';
import { buildChunks, type Chunk } from './chunks.js';
import {
  INDEX_FORMAT_VERSION,
  buildDir,
  fingerprint,
  hashCorpus,
  readManifest,
  writeManifest,
  type IndexManifest,
} from './manifest.js';
import { encodeSentences, encodeTermIds, type TermsFile } from './storyFiles.js';
import { lexicalVocabularyOf } from './vocabulary.js';

export const VECTORS_FILE = 'vectors.hnsw';
export const SENTENCES_FILE = 'sentences.bin';
export const TERMS_FILE = 'terms.json';
export const SENTENCE_TERMS_FILE = 'sentence-terms.bin';

const EMBED_BATCH = 64;

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
  vectors: hnswlib.HierarchicalNSW;
  embedder: Embedder;
}

export function chunkText(corpus: AnalyzedCorpus, chunk: Chunk): string {
  return chunk.sentenceIndexes
    .map((index) => sentenceText(corpus.documents[corpus.sentences[index].docIndex].text, corpus.sentences[index]))
    .join(' ');
}

async function embedChunks(
  embedder: Embedder,
  corpus: AnalyzedCorpus,
  chunks: readonly Chunk[],
  onProgress: (progress: BuildProgress) => void,
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH).map((chunk) => chunkText(corpus, chunk));
    vectors.push(...(await embedder.embedPassages(batch)));
    onProgress({ phase: 'embedding', done: vectors.length, total: chunks.length });
  }
  return vectors;
}

function indexVectors(
  vectors: readonly Float32Array[],
  dimensions: number,
  settings: IndexSettings['hnsw'],
  onProgress: (progress: BuildProgress) => void,
): hnswlib.HierarchicalNSW {
  const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
  index.initIndex({ maxElements: Math.max(1, vectors.length), m: settings.m, efConstruction: settings.efConstruction, randomSeed: 100 });
  vectors.forEach((vector, label) => {
    index.addPoint(Array.from(vector), label);
    if ((label + 1) % 1000 === 0 || label + 1 === vectors.length) {
      onProgress({ phase: 'indexing', done: label + 1, total: vectors.length });
    }
  });
  index.setEf(settings.efSearch);
  return index;
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
  const corpus = analyzeCorpus(documents);
  onProgress({ phase: 'sentences', done: corpus.sentences.length, total: corpus.sentences.length });
  const embedder = await embedderForBuild(settings, lexicalVocabularyOf(corpus), log);
  const chunks = buildChunks(corpus.sentences, settings.retrieval.chunkSize, settings.retrieval.chunkOverlap);
  const vectors = indexVectors(await embedChunks(embedder, corpus, chunks, onProgress), embedder.dimensions, settings.hnsw, onProgress);

  onProgress({ phase: 'writing', done: 0, total: 1 });
  const previous = await readManifest(settings.indexDir).catch(() => undefined);
  const buildId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const directory = buildDir(settings.indexDir, buildId);
  await fs.mkdir(directory, { recursive: true });
  const termsFile: TermsFile = { terms: corpus.terms, documentFrequency: Array.from(corpus.documentFrequency) };
  const payloads: Record<string, Uint8Array> = {
    [SENTENCES_FILE]: encodeSentences(corpus.sentences),
    [SENTENCE_TERMS_FILE]: encodeTermIds(corpus),
    [TERMS_FILE]: Buffer.from(JSON.stringify(termsFile)),
  };
  for (const [name, data] of Object.entries(payloads)) await fs.writeFile(path.join(directory, name), data);
  await vectors.writeIndex(path.join(directory, VECTORS_FILE));
  const files: IndexManifest['files'] = {};
  for (const name of [...Object.keys(payloads), VECTORS_FILE]) {
    files[name] = fingerprint(await fs.readFile(path.join(directory, name)));
  }

  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    buildId,
    requestedEmbedder: settings.embedder,
    embedder: embedder.kind,
    model: embedder.model,
    dimensions: embedder.dimensions,
    chunking: { size: settings.retrieval.chunkSize, overlap: settings.retrieval.chunkOverlap },
    hnsw: { ...settings.hnsw },
    corpusHash: hashCorpus(documents),
    counts: { documents: documents.length, sentences: corpus.sentences.length, chunks: chunks.length, terms: corpus.terms.length },
    documents: documents.map(({ id, title, file }) => ({ id, title, file })),
    builtAt: new Date().toISOString(),
    buildSeconds: Number(((performance.now() - started) / 1000).toFixed(3)),
    files,
  };
  await writeManifest(settings.indexDir, manifest);
  onProgress({ phase: 'writing', done: 1, total: 1 });
  await pruneBuilds(settings.indexDir, previous ? [buildId, previous.buildId] : [buildId]);
  return { manifest, corpus, chunks, vectors, embedder };
}
