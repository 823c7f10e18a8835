import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import type { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { startStorybot, storybotEnv, TEST_TOKEN, startReadyStorybot } from './fakeDiscord/storybot.js';

let fake: FakeDiscord;
let dir: string;
let bot: NodeProcess | undefined;

beforeEach(async () => {
  fake = await startFakeDiscord({ token: TEST_TOKEN });
  dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-lifecycle-'));
});

afterEach(async () => {
  await bot?.stop('SIGKILL');
  bot = undefined;
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

async function startReadyBot(extra: Record<string, string> = {}): Promise<NodeProcess> {
  bot = await startReadyStorybot(fake, storybotEnv(fake, dir, extra), dir);
  return bot;
}

describe('storybot process lifecycle', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s closes the gateway connection cleanly and the process ends by itself with exit code 0',
    async (signal) => {
      const running = await startReadyBot();
      const answered = await fake.waitForReply(fake.sendCommand('about'));
      expect(answered.message.embeds).toHaveLength(1);

      const exit = await running.stop(signal, 15_000);

      expect(exit).toEqual({ code: 0, signal: null });
      expect(fake.clientCloseCodes).toEqual([1000]);
      expect(running.output).toContain(`Shutting down signal=${signal}`);
      // The forced exit is a backstop; reaching it would mean a handle was left open.
      expect(running.output).not.toContain('Handles still open');
      expect(running.output).not.toContain(TEST_TOKEN);
    },
  );

  test('a dropped gateway connection is resumed, and interactions sent meanwhile are answered', async () => {
    const running = await startReadyBot();

    const resumed = fake.dropConnection();
    const sentWhileDown = fake.sendCommand('quote', { lines: '9' });
    await resumed;
    const reply = await fake.waitForReply(sentWhileDown);

    expect(reply.message.embeds[0].description).toMatch(/^`9` /);
    expect(fake.sessions).toHaveLength(1);
    expect(fake.sessions[0].resumes).toBe(1);
    // The replayed interaction comes before RESUMED, so its reply can arrive before that log line.
    await running.waitForOutput(/Gateway session resumed/, 5_000);
  });

  test('a token Discord rejects ends the process with exit code 1 and a log line, never the token', async () => {
    const wrongToken = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gwrong.not-the-token-the-fake-accepts';
    const rejected = startStorybot(storybotEnv(fake, dir, { DISCORD_TOKEN: wrongToken }), dir);

    const exit = await rejected.waitForExit(30_000);

    expect(exit.code).toBe(1);
    expect(rejected.output).toMatch(/Could not log in to Discord/);
    expect(rejected.output).not.toContain(wrongToken);
  });
});
