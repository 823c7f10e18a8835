import { cp } from 'node:fs/promises';
import path from 'node:path';
import type { FakeDiscord } from './index.js';
import { NodeProcess, REPO_ROOT } from './nodeProcess.js';

/** A bot token shaped like a real one; tests check that it never shows up in any output. */
export const TEST_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GfakeX.test-token-for-the-fake-discord';

/**
 * The environment `npm start` needs to run storybot against `fake`: the token, the API base and
 * every writable path inside `dir`. `extra` adds or overrides settings.
 */
export function storybotEnv(fake: FakeDiscord, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_BASE: fake.apiBase,
    EMBEDDER: 'lexical',
    CORPUS_DIR: path.join(REPO_ROOT, 'corpus'),
    INDEX_DIR: path.join(dir, 'index'),
    FEEDBACK_FILE: path.join(dir, 'feedback.jsonl'),
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Runs the real entry point (`node dist/src/main.js`, what `npm start` runs) with `env`, from `dir`. */
export function startStorybot(env: Record<string, string>, dir: string): NodeProcess {
  return new NodeProcess('dist/src/main.js', [], { env, cwd: dir });
}

/** Starts the bot and resolves once it has connected to `fake` and logged that it is ready. */
export async function startReadyStorybot(fake: FakeDiscord, env: Record<string, string>, dir: string): Promise<NodeProcess> {
  const bot = startStorybot(env, dir);
  await fake.waitForReady();
  await bot.waitForOutput(/\[discord\] Ready/);
  return bot;
}

/** A copy of the repository's corpus inside `dir`, for tests that change or reindex it. */
export async function copyCorpus(dir: string): Promise<string> {
  const corpusDir = path.join(dir, 'corpus');
  await cp(path.join(REPO_ROOT, 'corpus'), corpusDir, { recursive: true });
  return corpusDir;
}
