import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FakeDiscord } from './fakeDiscord/index.js';
import { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { storiesInAbout } from './fakeDiscord/replies.js';
import { copyCorpus, startStorybotRun, stopStorybotRun, type StorybotRun } from './fakeDiscord/storybot.js';

const VOLCANO_STORY = `Volcano Erupts Near Harbour Town
The Mount Ember volcano erupted on Tuesday morning, sending ash three kilometres into the sky.
About 2,000 residents of Port Calder were evacuated by ferry before noon.
`;

let run: StorybotRun | undefined;
let fake: FakeDiscord;
let dir: string;
let env: Record<string, string>;
let bot: NodeProcess;

beforeAll(async () => {
  run = await startStorybotRun('reload', async (folder) => ({ CORPUS_DIR: await copyCorpus(folder) }));
  ({ fake, dir, env, bot } = run);
});

afterAll(() => stopStorybotRun(run));

describe('index hot reload', () => {
  test('after npm run reindex, the running bot answers from the new index without a restart', async () => {
    expect(await storiesInAbout(fake)).toBe('Stories (1)');

    await writeFile(path.join(env.CORPUS_DIR, 'volcano.txt'), VOLCANO_STORY);
    const reindex = new NodeProcess('dist/scripts/reindex.js', [], { env, cwd: dir });
    expect((await reindex.waitForExit(60_000)).code).toBe(0);
    await bot.waitForOutput(/Switched to the new index/, 30_000);

    expect(await storiesInAbout(fake)).toBe('Stories (2)');
    const reply = await fake.waitForReply(fake.sendCommand('ask', { question: 'How many residents were evacuated by ferry?' }));
    expect(reply.message.embeds[0].fields?.[0].name).toMatch(/^\[1\] Volcano Erupts Near Harbour Town · line 3$/);
    expect(bot.output).not.toMatch(/Could not load the new index/);
  });
});
