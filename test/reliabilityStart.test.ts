import { cp, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.js';
import { FEATURES_FILE, SENTENCES_FILE, VECTORS_FILE } from '../src/core/index/buildIndex.js';
import { buildDir, readManifest } from '../src/core/index/manifest.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import { NodeProcess, REPO_ROOT } from './fakeDiscord/nodeProcess.js';
import { startReadyStorybot, storybotEnv, TEST_TOKEN } from './fakeDiscord/storybot.js';
import { expectCoreAnswer } from './fakeDiscord/expectations.js';

// What the bot does when it starts on a damaged index or a corpus holding files that are not text.
// (test/index.test.ts and test/corpus.test.ts show the same at the core level.)

const QUESTION = 'Who ordered the hacking attack on Sony Pictures?';
const VOLCANO_STORY = `Volcano Erupts Near Harbour Town
The Mount Ember volcano erupted on Tuesday morning, sending ash three kilometres into the sky.
About 2,000 residents of Port Calder were evacuated by ferry before noon.
`;

let root: string;
let pristineIndex: string;
let pristineBuild: string;
let core: KnowledgeBase;
let fake: FakeDiscord | undefined;
let bot: NodeProcess | undefined;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'storybot-start-'));
  pristineIndex = path.join(root, 'pristine-index');
  const config = loadConfig({ EMBEDDER: 'lexical', CORPUS_DIR: path.join(REPO_ROOT, 'corpus'), INDEX_DIR: pristineIndex, LOG_LEVEL: 'warn' }, root);
  core = await KnowledgeBase.open(config);
  pristineBuild = core.buildId;
});

afterEach(async () => {
  await bot?.stop('SIGKILL');
  bot = undefined;
  await fake?.close();
  fake = undefined;
});

afterAll(async () => {
  core?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A fresh folder for one bot, with a copy of the pristine index in `index/`. */
async function caseDir(name: string): Promise<{ dir: string; indexDir: string; build: string }> {
  const dir = path.join(root, name);
  const indexDir = path.join(dir, 'index');
  await mkdir(dir, { recursive: true });
  await cp(pristineIndex, indexDir, { recursive: true });
  return { dir, indexDir, build: buildDir(indexDir, pristineBuild) };
}

async function startBot(dir: string, extra: Record<string, string> = {}): Promise<NodeProcess> {
  fake = await startFakeDiscord({ token: TEST_TOKEN });
  bot = await startReadyStorybot(fake, storybotEnv(fake, dir, extra), dir, 60_000);
  return bot;
}

const flipMiddleByte = async (file: string): Promise<void> => {
  const data = await readFile(file);
  data[data.length >> 1] ^= 0xff;
  await writeFile(file, data);
};

describe('the bot starting on a damaged index', () => {
  test.each([
    ['missing', VECTORS_FILE, (file: string) => rm(file), /vectors\.hnsw is missing/],
    ['truncated', SENTENCES_FILE, (file: string) => truncate(file, 10), /sentences\.bin has 10 bytes, expected \d+ \(truncated\?\)/],
    ['corrupt', FEATURES_FILE, flipMiddleByte, /features\.bin does not match its checksum/],
  ])('an index file %s (%s): one clear warning naming it, a rebuild, then correct answers', async (name, file, damage, reason) => {
    const { dir, indexDir, build } = await caseDir(name);
    await damage(path.join(build, file));

    const running = await startBot(dir, { INDEX_DIR: indexDir });

    const said = running.output.split('\n').filter((line) => line.includes('Building the index'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/WARN  \[index\] Building the index: the index files are unusable/);
    expect(said[0]).toMatch(reason);
    // Rebuilt before logging in.
    expect(running.output.indexOf('Building the index')).toBeLessThan(running.output.indexOf('Ready'));
    expect((await readManifest(indexDir))?.buildId).not.toBe(pristineBuild);
    await expectCoreAnswer(fake!, core, QUESTION);
    expect(running.child.exitCode).toBeNull();
    expect(running.output).not.toMatch(/ERROR/);
  });

  test('a manifest that is not JSON: one clear warning, a rebuild, then correct answers', async () => {
    const { dir, indexDir } = await caseDir('manifest');
    await writeFile(path.join(indexDir, 'manifest.json'), '{"buildId": "half-writ');

    const running = await startBot(dir, { INDEX_DIR: indexDir });

    expect(running.output).toMatch(/WARN  \[index\] Building the index: the manifest is unreadable \([^)]*JSON/);
    await expectCoreAnswer(fake!, core, QUESTION);
    expect(running.output).not.toMatch(/ERROR/);
  });
});

describe('a corpus holding files that are not text', () => {
  test('binary and non-UTF-8 files are skipped with a warning naming each; the other stories are indexed and answered', async () => {
    const dir = path.join(root, 'binary');
    const corpusDir = path.join(dir, 'corpus');
    await mkdir(corpusDir, { recursive: true });
    await cp(path.join(REPO_ROOT, 'corpus', 'sony-hack.txt'), path.join(corpusDir, 'sony-hack.txt'));
    await writeFile(path.join(corpusDir, 'volcano.txt'), VOLCANO_STORY);
    await writeFile(path.join(corpusDir, 'latin1.txt'), Buffer.from('Caf\xe9 Society\nThe caf\xe9 opened.\n', 'latin1'));
    await writeFile(path.join(corpusDir, 'photo.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    await writeFile(path.join(corpusDir, 'utf16.txt'), Buffer.from('\ufeffHello\nWorld\n', 'utf16le'));
    const env = { CORPUS_DIR: corpusDir, INDEX_DIR: path.join(dir, 'index') };

    const running = await startBot(dir, env);

    for (const file of ['latin1.txt', 'photo.md', 'utf16.txt']) {
      expect(running.output).toMatch(new RegExp(`WARN  \\[index\\] Skipping ${file.replace('.', '\\.')}: not valid UTF-8 text\\.`));
    }
    // A first build is routine: an info line, and no warning besides the skipped files.
    expect(running.output).toMatch(/INFO  \[index\] Building the index: there is no index yet\./);
    expect(running.output.match(/WARN/g)).toHaveLength(3);
    const about = await fake!.waitForReply(fake!.sendCommand('about'));
    const stories = about.message.embeds[0].fields?.find((f) => f.name.startsWith('Stories'));
    expect(stories?.name).toBe('Stories (2)');
    expect(stories?.value).toMatch(/`sony-hack`[^]*`volcano`/);
    const answer = await fake!.waitForReply(fake!.sendCommand('ask', { question: 'How many residents were evacuated by ferry?' }));
    expect(answer.message.embeds[0].fields?.[0].name).toBe('[1] Volcano Erupts Near Harbour Town · line 3');
    const quote = await fake!.waitForReply(fake!.sendCommand('quote', { text: 'opened' }));
    expect(quote.message.content).toMatch(/^No line of the story contains "opened"\.$/);

    // npm run reindex says the same and indexes the rest.
    const reindex = new NodeProcess('dist/scripts/reindex.js', [], { env: storybotEnv(fake!, dir, env), cwd: dir });
    expect((await reindex.waitForExit(60_000)).code).toBe(0);
    expect(reindex.stderr).toMatch(/Skipping latin1\.txt: not valid UTF-8 text\.[^]*Skipping photo\.md[^]*Skipping utf16\.txt/);
    expect(reindex.stdout).toContain('documents: 2 (sony-hack, volcano)');
  });
});
