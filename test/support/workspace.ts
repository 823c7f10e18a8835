import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { REPO_ROOT as ROOT } from '../fakeDiscord/nodeProcess.js';

export { ROOT };
export const SEED_ARTICLE = path.join(ROOT, 'corpus', 'sony-hack.txt');

export interface Workspace {
  dir: string;
  corpusDir: string;
  indexDir: string;
  env: Record<string, string>;
  config(overrides?: Record<string, string>): Config;
  remove(): Promise<void>;
}

/** A temporary folder with its own corpus (the seed article unless told otherwise) and index folder. */
export async function createWorkspace(files: Record<string, string | Uint8Array> = {}, withSeed = true): Promise<Workspace> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'storybot-test-'));
  const corpusDir = path.join(dir, 'corpus');
  const indexDir = path.join(dir, 'data', 'index');
  await fs.mkdir(corpusDir, { recursive: true });
  if (withSeed) await fs.copyFile(SEED_ARTICLE, path.join(corpusDir, 'sony-hack.txt'));
  for (const [name, content] of Object.entries(files)) await fs.writeFile(path.join(corpusDir, name), content);
  const env = {
    CORPUS_DIR: corpusDir,
    INDEX_DIR: indexDir,
    EMBEDDER: 'lexical',
    LOG_LEVEL: 'info',
    FEEDBACK_FILE: path.join(dir, 'data', 'feedback.jsonl'),
  };
  return {
    dir,
    corpusDir,
    indexDir,
    env,
    config: (overrides = {}) => loadConfig({ ...env, ...overrides }, dir),
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}
