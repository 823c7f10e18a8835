import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { storybotEnv, TEST_TOKEN, startReadyStorybot, copyCorpus } from './fakeDiscord/storybot.js';

const VOLCANO_STORY = `Volcano Erupts Near Harbour Town
The Mount Ember volcano erupted on Tuesday morning, sending ash three kilometres into the sky.
About 2,000 residents of Port Calder were evacuated by ferry before noon.
`;

let fake: FakeDiscord;
let dir: string;
let env: Record<string, string>;
let bot: NodeProcess;

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TEST_TOKEN });
  dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-reload-'));
  const corpusDir = await copyCorpus(dir);
  env = storybotEnv(fake, dir, { CORPUS_DIR: corpusDir });
  bot = await startReadyStorybot(fake, env, dir);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function storiesInAbout(): Promise<string> {
  const reply = await fake.waitForReply(fake.sendCommand('about'));
  return reply.message.embeds[0].fields?.find((f) => f.name.startsWith('Stories'))?.name ?? '';
}

describe('index hot reload', () => {
  test('after npm run reindex, the running bot answers from the new index without a restart', async () => {
    expect(await storiesInAbout()).toBe('Stories (1)');

    await writeFile(path.join(env.CORPUS_DIR, 'volcano.txt'), VOLCANO_STORY);
    const reindex = new NodeProcess('dist/scripts/reindex.js', [], { env, cwd: dir });
    expect((await reindex.waitForExit(60_000)).code).toBe(0);
    await bot.waitForOutput(/Switched to the new index/, 30_000);

    expect(await storiesInAbout()).toBe('Stories (2)');
    const reply = await fake.waitForReply(fake.sendCommand('ask', { question: 'How many residents were evacuated by ferry?' }));
    expect(reply.message.embeds[0].fields?.[0].name).toMatch(/^\[1\] Volcano Erupts Near Harbour Town · line 3$/);
    expect(bot.output).not.toMatch(/Could not load the new index/);
  });
});
