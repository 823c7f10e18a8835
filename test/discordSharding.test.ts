import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import type { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { startStorybot, storybotEnv, TEST_TOKEN } from './fakeDiscord/storybot.js';

let fake: FakeDiscord;
let dir: string;
let manager: NodeProcess | undefined;

beforeEach(async () => {
  // Two guilds that Discord's shard formula puts on different shards, and a recommendation of two shards.
  fake = await startFakeDiscord({ token: TEST_TOKEN, guilds: 2, recommendedShards: 2 });
  dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-shards-'));
});

afterEach(async () => {
  await manager?.stop('SIGKILL');
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SHARDS', () => {
  test('auto asks the API for the shard count, runs one process per shard, each answering its guilds; SIGTERM stops all', async () => {
    manager = startStorybot(storybotEnv(fake, dir, { SHARDS: 'auto' }), dir);

    const sessions = await fake.waitForReady({ shards: 2, timeoutMs: 45_000 });

    expect(sessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const guild of fake.world.guilds) {
      const reply = await fake.waitForReply(fake.sendCommand('about', {}, { guildId: guild.id }));
      expect(reply.message.embeds[0].title).toBe('About storybot');
    }
    await manager.waitForOutput(/\[shard 1\] Ready/);
    const exit = await manager.stop('SIGTERM', 20_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(fake.clientCloseCodes).toEqual([1000, 1000]);
    expect(manager.output).not.toContain('Handles still open');
    expect(manager.output).not.toContain(TEST_TOKEN);
  }, 90_000);
});
