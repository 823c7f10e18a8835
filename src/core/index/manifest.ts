import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { EmbedderChoice } from '../../config.js';
import type { EmbedderKind } from '../embed/embedder.js';
import { LEXICAL_MODEL } from '../embed/lexicalEmbedder.js';
import type { Document } from '../types.js';
import { writeFileAtomic } from './atomicFile.js';

/** Bump when the files of a build change shape or what they hold (the lexicon's relations); older builds are then rebuilt. */
export const INDEX_FORMAT_VERSION = 17;

export interface FileFingerprint {
  bytes: number;
  sha256: string;
}

export interface IndexManifest {
  formatVersion: number;
  /** Folder under `builds/` that holds this build's files. */
  buildId: string;
  requestedEmbedder: EmbedderChoice;
  embedder: EmbedderKind;
  model: string;
  dimensions: number;
  chunking: { size: number; overlap: number };
  /**
   * HNSW graph parameters (`efSearch` as at build time; the running setting wins at load) and the
   * number of vectors in each shard (`vectors.hnsw`, `vectors.1.hnsw`, …), chunk order.
   * Builds made before shards have no `shards`: one graph of all chunks.
   */
  hnsw: { m: number; efConstruction: number; efSearch: number; shards?: number[] };
  corpusHash: string;
  counts: { documents: number; sentences: number; chunks: number; terms: number };
  documents: { id: string; title: string; file: string }[];
  builtAt: string;
  buildSeconds: number;
  /**
   * Seconds per build step, for performance work, one after the other: `analyze` (sentences and
   * terms), `prepare` (embedder, chunks), `lexicon` (lexicon, features, word vectors), `vectors`
   * (embedding the chunks and inserting them into the graphs, by worker threads above one shard)
   * and `write`.
   */
  buildPhases?: Record<string, number>;
  files: Record<string, FileFingerprint>;
}

/** What the current corpus and settings call for; compared with a manifest on load. */
export interface IndexExpectation {
  corpusHash: string;
  embedder: EmbedderChoice;
  model: string;
  chunking: { size: number; overlap: number };
  hnsw: { m: number; efConstruction: number };
}

export const MANIFEST_FILE = 'manifest.json';

export function manifestPath(indexDir: string): string {
  return path.join(indexDir, MANIFEST_FILE);
}

export function buildDir(indexDir: string, buildId: string): string {
  return path.join(indexDir, 'builds', buildId);
}

export function hashCorpus(documents: readonly Document[]): string {
  const hash = createHash('sha256');
  for (const document of documents) hash.update(document.file).update('\0').update(document.text).update('\0');
  return hash.digest('hex');
}

export function fingerprint(data: Uint8Array): FileFingerprint {
  return { bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
}

/** The fingerprint of a file, read in pieces (a big vector file is never held whole just to hash it). */
export async function fingerprintFile(file: string): Promise<FileFingerprint> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const piece of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(piece);
    bytes += piece.byteLength;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** The manifest, or undefined when there is none; throws when it exists but is unreadable. */
export async function readManifest(indexDir: string): Promise<IndexManifest | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(manifestPath(indexDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const manifest = JSON.parse(raw) as IndexManifest;
  if (typeof manifest !== 'object' || manifest === null || typeof manifest.buildId !== 'string' || !/^[\w-]+$/.test(manifest.buildId)) {
    throw new Error('manifest.json is not an index manifest');
  }
  return manifest;
}

export async function writeManifest(indexDir: string, manifest: IndexManifest): Promise<void> {
  await writeFileAtomic(manifestPath(indexDir), JSON.stringify(manifest, null, 2) + '\n');
}

/** Why the manifest does not fit the corpus and settings, or undefined when it does. */
export function staleReason(manifest: IndexManifest, expected: IndexExpectation): string | undefined {
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    return `index format ${manifest.formatVersion} is not the current ${INDEX_FORMAT_VERSION}`;
  }
  if (manifest.corpusHash !== expected.corpusHash) return 'the corpus has changed since the last build';
  if (expected.embedder !== 'auto' && manifest.embedder !== expected.embedder) {
    return `the index was built with the ${manifest.embedder} embedder, EMBEDDER is ${expected.embedder}`;
  }
  if (manifest.embedder === 'lexical' && manifest.model !== LEXICAL_MODEL) {
    return `the built-in embedder changed (${manifest.model} → ${LEXICAL_MODEL})`;
  }
  if (manifest.embedder === 'transformers' && manifest.model !== expected.model) {
    return `the index was built with model ${manifest.model}, EMBED_MODEL is ${expected.model}`;
  }
  const { chunking, hnsw } = expected;
  if (manifest.chunking.size !== chunking.size || manifest.chunking.overlap !== chunking.overlap) {
    return 'CHUNK_SIZE or CHUNK_OVERLAP changed';
  }
  if (manifest.hnsw.m !== hnsw.m || manifest.hnsw.efConstruction !== hnsw.efConstruction) {
    return 'HNSW_M or HNSW_EF_CONSTRUCTION changed';
  }
  return undefined;
}
