import path from 'node:path';
import { writeFileAtomic } from './index/atomicFile.js';

/**
 * `node_modules/.cache/storybot`, beside the installed package at `packageDir`: where one-time
 * conversions of package data (WordNet, GloVe) are kept, once per package version.
 */
export function toolCacheDirectory(packageDir: string): string {
  return path.join(path.dirname(packageDir), '.cache', 'storybot');
}

/**
 * Keeps a conversion for the next build, atomically. A read-only install cannot: it still builds,
 * converting again each time, so a failed write is not an error.
 */
export async function keepInToolCache(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, bytes);
  } catch {
    // Read-only: converted again next time.
  }
}
