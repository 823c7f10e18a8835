import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildDir, fingerprint, readManifest, type IndexManifest } from '../src/core/index/manifest.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import type { FakeDiscord } from './fakeDiscord/index.js';
import { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { storiesInAbout } from './fakeDiscord/replies.js';
import { copyCorpus, startStorybotRun, stopStorybotRun, type StorybotRun } from './fakeDiscord/storybot.js';
import { expectCoreAnswer } from './fakeDiscord/expectations.js';
import { seededRandom } from '../scripts/lib/seededRandom.js';

// `npm run reindex` (node dist/scripts/reindex.js) as real processes next to a running bot:
// killed with SIGKILL halfway, and two runs at once.

const QUESTION = 'Who ordered the hacking attack on Sony Pictures?';
/** A story long enough that a build takes seconds, so that "halfway" is a wide window. */
const ARCHIVE_SENTENCES = 5_000;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

let world: StorybotRun | undefined;
let fake: FakeDiscord;
let bot: NodeProcess;
let dir: string;
let env: Record<string, string>;
let core: KnowledgeBase;

function archiveStory(seed: number): string {
  const random = seededRandom(seed);
  const words = 'police court city river market film studio government report minister company bank school harbour airport council storm border village factory museum bridge'.split(' ');
  const verbs = 'said announced denied confirmed reported claimed approved rejected opened closed visited delayed'.split(' ');
  const pick = (items: string[]): string => items[Math.floor(random() * items.length)];
  const lines = [`Regional Archive ${seed}`];
  for (let i = 0; i < ARCHIVE_SENTENCES; i++) {
    lines.push(`The ${pick(words)} ${pick(verbs)} on day ${i} that the ${pick(words)} near the ${pick(words)} had ${pick(verbs)} plan ${Math.floor(random() * 1e6)}.`);
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  world = await startStorybotRun('reindex', async (folder) => ({ CORPUS_DIR: await copyCorpus(folder) }));
  ({ fake, bot, dir, env } = world);
  core = await KnowledgeBase.open(loadConfig(env, dir), { log: quiet });
});

afterAll(async () => {
  // A failed test may leave a reindex running.
  await Promise.all(runs.map((run) => run.stop('SIGKILL')));
  core?.close();
  await stopStorybotRun(world);
});

const runs: NodeProcess[] = [];
function reindex(): NodeProcess {
  const run = new NodeProcess('dist/scripts/reindex.js', [], { env, cwd: dir });
  runs.push(run);
  return run;
}

/** Every file the manifest lists is there with its recorded size and checksum. */
async function expectIntact(manifest: IndexManifest): Promise<void> {
  const build = buildDir(env.INDEX_DIR, manifest.buildId);
  expect(Object.keys(manifest.files).length).toBeGreaterThan(3);
  for (const [name, expected] of Object.entries(manifest.files)) {
    expect(fingerprint(await readFile(path.join(build, name))), name).toEqual(expected);
  }
}

/** Asks the bot and checks the reply against the core opened on the current index (the bot's, if it switched). */
async function expectSonyAnswer(): Promise<void> {
  const manifest = await readManifest(env.INDEX_DIR);
  if (manifest?.buildId !== core.buildId) {
    core.close();
    core = await KnowledgeBase.open(loadConfig(env, dir), { log: quiet });
    expect(core.buildId).toBe(manifest?.buildId);
  }
  await expectCoreAnswer(fake, core, QUESTION);
}

/** Resolves with the name of the first folder under builds/ that is not in `known` and has a file written into it. */
async function halfWrittenBuild(known: readonly string[], timeoutMs = 60_000): Promise<string> {
  const builds = path.join(env.INDEX_DIR, 'builds');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const name of await readdir(builds).catch(() => [])) {
      if (!known.includes(name) && (await readdir(path.join(builds, name)).catch(() => [])).length > 0) return name;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('No new build started writing its files');
}

describe('reindex as separate processes next to a running bot', () => {
  test('killed with SIGKILL halfway: the previous index stays intact and in use; the next run takes over the stale lock', async () => {
    const before = (await readManifest(env.INDEX_DIR))!;
    await writeFile(path.join(env.CORPUS_DIR, 'archive.txt'), archiveStory(1));

    const run = reindex();
    const half = await halfWrittenBuild([before.buildId]);
    run.child.kill('SIGKILL');
    expect((await run.waitForExit()).signal).toBe('SIGKILL');

    // Nothing switched: the manifest, the old build's files and the bot's answers are as before.
    const after = (await readManifest(env.INDEX_DIR))!;
    expect(after).toEqual(before);
    await expectIntact(after);
    expect(await storiesInAbout(fake)).toBe('Stories (1)');
    await expectSonyAnswer();
    expect(bot.output).not.toMatch(/Switched to the new index|Could not load the new index/);
    // The killed run left its half-built folder and its lock behind.
    expect(await readdir(path.join(env.INDEX_DIR, 'builds'))).toContain(half);
    expect(Number(await readFile(path.join(env.INDEX_DIR, '.lock'), 'utf8'))).toBe(run.child.pid);

    const next = reindex();
    expect((await next.waitForExit(120_000)).code).toBe(0);
    expect(next.stdout).toContain('documents: 2 (archive, sony-hack)');
    await bot.waitForOutput(/Switched to the new index/, 60_000);
    expect(await storiesInAbout(fake)).toBe('Stories (2)');
    await expectSonyAnswer();
    const rebuilt = (await readManifest(env.INDEX_DIR))!;
    await expectIntact(rebuilt);
    // The half-built folder is gone; the new build and the one it replaced remain.
    expect((await readdir(path.join(env.INDEX_DIR, 'builds'))).sort()).toEqual([before.buildId, rebuilt.buildId].sort());
  });

  test('two runs at once: the lock makes one wait for the other, and the result is one consistent index that the bot uses', async () => {
    await writeFile(path.join(env.CORPUS_DIR, 'archive.txt'), archiveStory(2));
    const switchesBefore = bot.output.match(/Switched to the new index/g)?.length ?? 0;

    const [first, second] = [reindex(), reindex()];
    const exits = await Promise.all([first.waitForExit(120_000), second.waitForExit(120_000)]);

    expect(exits.map((e) => e.code)).toEqual([0, 0]);
    // Exactly one waited, naming the other process.
    const waited = [first, second].filter((run) => /Waiting for another index build to finish/.test(run.stderr));
    expect(waited).toHaveLength(1);
    const other = waited[0] === first ? second : first;
    expect(waited[0].stderr).toContain(`(process ${other.child.pid})`);
    const manifest = (await readManifest(env.INDEX_DIR))!;
    await expectIntact(manifest);
    expect(manifest.documents.map((d) => d.id)).toEqual(['archive', 'sony-hack']);
    // Both builds are complete and kept (the last one and the one it replaced); no lock is left.
    const builds = await readdir(path.join(env.INDEX_DIR, 'builds'));
    expect(builds).toHaveLength(2);
    expect(builds).toContain(manifest.buildId);
    await expect(readFile(path.join(env.INDEX_DIR, '.lock'))).rejects.toThrow(/ENOENT/);
    // The bot ends up on the final build.
    await bot.waitForOutput(new RegExp(`Switched to the new index build=${manifest.buildId}`), 60_000);
    expect(bot.output.match(/Switched to the new index/g)!.length).toBeGreaterThan(switchesBefore);
    await expectSonyAnswer();
    expect(bot.output).not.toMatch(/ERROR|Could not load the new index/);
  });
});
