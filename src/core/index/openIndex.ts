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
  /** Never build: fail with the reason when the stored index does not fit (a running bot picking up another process's build). */
  loadOnly?: boolean;
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

/** Why the stored index cannot be used; `damaged` when its files are broken rather than just out of date. */
interface Unusable {
  reason: string;
  damaged: boolean;
}

/** Loads the current build, or says why it cannot be used. */
async function tryLoad(settings: OpenSettings, documents: Document[]): Promise<BuiltIndex | Unusable> {
  let manifest;
  try {
    manifest = await readManifest(settings.indexDir);
  } catch (error) {
    return { reason: `the manifest is unreadable (${(error as Error).message})`, damaged: true };
  }
  if (!manifest) return { reason: 'there is no index yet', damaged: false };
  const stale = staleReason(manifest, expectationFor(settings, documents));
  if (stale) return { reason: stale, damaged: false };
  try {
    return await loadIndex(settings, manifest, documents);
  } catch (error) {
    return { reason: `the index files are unusable (${(error as Error).message})`, damaged: true };
  }
}

const isUnusable = (loaded: BuiltIndex | Unusable): loaded is Unusable => 'reason' in loaded;

/**
 * The index for the current corpus and settings: loaded when current, otherwise rebuilt
 * (with one log line saying why) under the index lock.
 */
export async function openIndex(settings: OpenSettings, log: Logger, options: OpenOptions = {}): Promise<BuiltIndex> {
  const documents = await readDocuments(settings.corpusDir, log);
  if (!options.rebuild) {
    const loaded = await tryLoad(settings, documents);
    if (!isUnusable(loaded)) return loaded;
    if (options.loadOnly) throw new Error(`The stored index cannot be used: ${loaded.reason}.`);
    // Damaged files are worth a warning (disk trouble, a copy gone wrong); a stale index is routine.
    const message = `Building the index: ${loaded.reason}.`;
    if (loaded.damaged) log.warn(message);
    else log.info(message);
  }
  return withIndexLock(
    settings.indexDir,
    async () => {
      if (!options.rebuild) {
        // Another process may have built it while we waited for the lock.
        const loaded = await tryLoad(settings, documents);
        if (!isUnusable(loaded)) return loaded;
      }
      return buildIndex(settings, documents, log, options.onProgress);
    },
    (pid) => log.info(`Waiting for another index build to finish (process ${pid}).`),
  );
}
