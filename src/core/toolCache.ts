import path from 'node:path';

/**
 * `node_modules/.cache/storybot`, beside the installed package at `packageDir`: where one-time
 * conversions of package data (WordNet, GloVe) are kept, once per package version.
 */
export function toolCacheDirectory(packageDir: string): string {
  return path.join(path.dirname(packageDir), '.cache', 'storybot');
}
