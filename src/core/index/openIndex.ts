import type { Logger } from '../../log.js';
import { loadCorpus } from '../corpus/loadCorpus.js';
import type { Document } from '../types.js';
import { buildIndex, type BuildProgress, type BuiltIndex, type IndexSettings } from './buildIndex.js';
import { withIndexLock } from './indexLock.js';
import { loadIndex } from './loadIndex.js';
import { hashCorpus, readManifest, staleReason, type IndexExpectation } from './manifest.js';

export type OpenSettings = IndexSettings & { corpusDir: string };

export interface OpenOptions {
  onProgress?: (progress: BuildProgress) => void;
  /** Build anew even when the index is current (the reindex script). */
  rebuild?: boolean;
}

export async function readDocuments(corpusDir: string, log: Logger): Promise<Document[]> {
  const { documents, skipped } = await loadCorpus(corpusDir);
  for (const { file, reason } of skipped) log.warn(`Skipping ${file}: ${reason}.`);
  return documents;
}

function expectationFor(settings: OpenSettings, documents: readonly Document[]): IndexExpectation {
  return {
    corpusHash: hashCorpus(documents),
    embedder: settings.embedder,
    model: settings.embedModel,
    chunking: { size: settings.retrieval.chunkSize, overlap: settings.retrieval.chunkOverlap },
    hnsw: { m: settings.hnsw.m, efConstruction: settings.hnsw.efConstruction },
  };
}

/** Loads the current build, or says why it cannot be used. */
async function tryLoad(settings: OpenSettings, documents: Document[]): Promise<BuiltIndex | string> {
  let manifest;
  try {
    manifest = await readManifest(settings.indexDir);
  } catch (error) {
    return `the manifest is unreadable (${(error as Error).message})`;
  }
  if (!manifest) return 'there is no index yet';
  const stale = staleReason(manifest, expectationFor(settings, documents));
  if (stale) return stale;
  try {
    return await loadIndex(settings, manifest, documents);
  } catch (error) {
    return `the index files are unusable (${(error as Error).message})`;
  }
}

/**
 * The index for the current corpus and settings: loaded when current, otherwise rebuilt
 * (with one log line saying why) under the index lock.
 */
export async function openIndex(settings: OpenSettings, log: Logger, options: OpenOptions = {}): Promise<BuiltIndex> {
  const documents = await readDocuments(settings.corpusDir, log);
  if (!options.rebuild) {
    const loaded = await tryLoad(settings, documents);
    if (typeof loaded !== 'string') return loaded;
    log.info(`Building the index: ${loaded}.`);
  }
  return withIndexLock(
    settings.indexDir,
    async () => {
      if (!options.rebuild) {
        // Another process may have built it while we waited for the lock.
        const loaded = await tryLoad(settings, documents);
        if (typeof loaded !== 'string') return loaded;
      }
      return buildIndex(settings, documents, log, options.onProgress);
    },
    (pid) => log.info(`Waiting for another index build to finish (process ${pid}).`),
  );
}
