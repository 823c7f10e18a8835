import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFakeDiscord, type FakeDiscord } from './index.js';
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

/** Starts the bot and resolves once it has connected to `fake` and logged that it is ready (within `timeoutMs` each, if given). */
export async function startReadyStorybot(fake: FakeDiscord, env: Record<string, string>, dir: string, timeoutMs?: number): Promise<NodeProcess> {
  const bot = startStorybot(env, dir);
  try {
    await fake.waitForReady({ timeoutMs });
    await bot.waitForOutput(/\[discord\] Ready/, timeoutMs);
  } catch (error) {
    // Never ready: stopped here, since the caller never gets it.
    await bot.stop();
    throw error;
  }
  return bot;
}

/** A copy of the repository's corpus inside `dir`, for tests that change or reindex it. */
export async function copyCorpus(dir: string): Promise<string> {
  const corpusDir = path.join(dir, 'corpus');
  await cp(path.join(REPO_ROOT, 'corpus'), corpusDir, { recursive: true });
  return corpusDir;
}

/** A fake Discord, a temporary folder, and the bot running against them: one test file's world. */
export interface StorybotRun {
  fake: FakeDiscord;
  dir: string;
  env: Record<string, string>;
  bot: NodeProcess;
}

/**
 * Starts a fake Discord and, in a new temporary folder (`storybot-<name>-…`), the bot, and resolves
 * once it is ready. `settings(dir)` may prepare files in the folder and returns settings to add.
 */
export async function startStorybotRun(
  name: string,
  settings: (dir: string) => Record<string, string> | Promise<Record<string, string>> = () => ({}),
): Promise<StorybotRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `storybot-${name}-`));
  const fake = await startFakeDiscord({ token: TEST_TOKEN });
  try {
    const env = storybotEnv(fake, dir, await settings(dir));
    return { fake, dir, env, bot: await startReadyStorybot(fake, env, dir) };
  } catch (error) {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops the bot and the fake Discord of a run, and removes its folder. */
export async function stopStorybotRun(run: StorybotRun | undefined): Promise<void> {
  if (!run) return;
  await run.bot.stop();
  await run.fake.close();
  await rm(run.dir, { recursive: true, force: true });
}
