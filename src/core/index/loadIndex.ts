import { promises as fs } from 'node:fs';
import path from 'node:path';
import { embedderForBuilt } from '../embed/createEmbedder.js';
import type { Document } from '../types.js';
import { assembleCorpus, decodeSentences, decodeTermIds, type TermsFile } from './storyFiles.js';
import {
  FEATURES_FILE,
  LEXICON_FILE,
  LEXICON_KEYS_FILE,
  SENTENCES_FILE,
  SENTENCE_TERMS_FILE,
  TERMS_FILE,
  type BuiltIndex,
  type IndexSettings,
} from './buildIndex.js';
import { decodeLexicon, Lexicon } from '../lexicon/lexicon.js';
import { decodeFeatures } from '../text/features.js';
import { buildChunks } from './chunks.js';
import { buildDir, fingerprint, fingerprintFile, type FileFingerprint, type IndexManifest } from './manifest.js';
import { shardFile, VectorIndex } from './vectorIndex.js';
import { lexicalVocabularyOf } from './vocabulary.js';
import { decodeSemanticIndex, GLOVE_FILE } from '../glove/semanticIndex.js';

/** A build's files are missing, truncated or altered. */
export class CorruptIndexError extends Error {
  override name = 'CorruptIndexError';
}

/** Reads `name` with `read` and checks what it found against the manifest's size and checksum of it. */
async function checked<T>(
  directory: string,
  name: string,
  manifest: IndexManifest,
  read: (file: string) => Promise<{ value: T; actual: FileFingerprint }>,
): Promise<T> {
  const expected = manifest.files[name];
  if (!expected) throw new CorruptIndexError(`the manifest does not list ${name}`);
  let result;
  try {
    result = await read(path.join(directory, name));
  } catch {
    throw new CorruptIndexError(`${name} is missing`);
  }
  const { actual } = result;
  if (actual.bytes !== expected.bytes) throw new CorruptIndexError(`${name} has ${actual.bytes} bytes, expected ${expected.bytes} (truncated?)`);
  if (actual.sha256 !== expected.sha256) throw new CorruptIndexError(`${name} does not match its checksum`);
  return result.value;
}

function readVerified(directory: string, name: string, manifest: IndexManifest): Promise<Buffer> {
  return checked(directory, name, manifest, async (file) => {
    const data = await fs.readFile(file);
    return { value: data, actual: fingerprint(data) };
  });
}

/** The same check for a file the caller does not need in memory (an HNSW shard, which hnswlib reads itself). */
function verifyFile(directory: string, name: string, manifest: IndexManifest): Promise<void> {
  return checked(directory, name, manifest, async (file) => ({ value: undefined, actual: await fingerprintFile(file) }));
}

/**
 * Loads the build a manifest points to, for the given documents (whose hash the caller checked).
 * Every file is verified against its checksum first: the native HNSW reader must never see a torn file.
 */
export async function loadIndex(settings: IndexSettings, manifest: IndexManifest, documents: Document[]): Promise<BuiltIndex> {
  const directory = buildDir(settings.indexDir, manifest.buildId);
  const shardSizes = manifest.hnsw.shards ?? [manifest.counts.chunks];
  const [sentenceBytes, termBytes, termsJson, lexiconBytes, lexiconKeys, featureBytes, semanticBytes] = await Promise.all([
    readVerified(directory, SENTENCES_FILE, manifest),
    readVerified(directory, SENTENCE_TERMS_FILE, manifest),
    readVerified(directory, TERMS_FILE, manifest),
    readVerified(directory, LEXICON_FILE, manifest),
    readVerified(directory, LEXICON_KEYS_FILE, manifest),
    readVerified(directory, FEATURES_FILE, manifest),
    readVerified(directory, GLOVE_FILE, manifest),
    // Checked, then dropped: hnswlib reads the files itself.
    ...shardSizes.map((_, s) => verifyFile(directory, shardFile(s), manifest)),
  ]);
  let corpus;
  let lexicon;
  let features;
  let semantic;
  try {
    corpus = assembleCorpus(documents, decodeSentences(sentenceBytes), JSON.parse(termsJson.toString('utf8')) as TermsFile, decodeTermIds(termBytes));
    const lexiconData = decodeLexicon(lexiconBytes, lexiconKeys.toString('utf8'));
    if (lexiconData.termCount !== corpus.terms.length) throw new Error('lexicon.bin does not match the corpus terms');
    lexicon = new Lexicon(lexiconData);
    features = decodeFeatures(featureBytes, corpus.terms.length, corpus.sentences.length, corpus.termIds.length);
    semantic = decodeSemanticIndex(semanticBytes, corpus.terms.length);
  } catch (error) {
    throw new CorruptIndexError((error as Error).message);
  }
  const chunks = buildChunks(corpus.sentences, manifest.chunking.size, manifest.chunking.overlap);
  if (chunks.length !== manifest.counts.chunks) throw new CorruptIndexError('the chunk count does not match the manifest');
  if (shardSizes.reduce((sum, size) => sum + size, 0) !== chunks.length) throw new CorruptIndexError('the vector count does not match the chunks');
  let vectors: VectorIndex;
  try {
    vectors = await VectorIndex.read(directory, manifest.dimensions, shardSizes, settings.hnsw.efSearch);
  } catch (error) {
    throw new CorruptIndexError((error as Error).message);
  }
  const embedder = await embedderForBuilt(settings, manifest.embedder, manifest.model, lexicalVocabularyOf(corpus));
  if (embedder.dimensions !== manifest.dimensions) {
    throw new CorruptIndexError(`the embedder makes ${embedder.dimensions}-dimensional vectors, the index holds ${manifest.dimensions}`);
  }
  return { manifest, corpus, chunks, vectors, embedder, lexicon, features, semantic };
}
