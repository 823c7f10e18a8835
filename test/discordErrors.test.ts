import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Faults, type FakeDiscord } from './fakeDiscord/index.js';
import type { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { startStorybotRun, stopStorybotRun, type StorybotRun } from './fakeDiscord/storybot.js';

const QUESTION = 'Who ordered the hacking attack on Sony Pictures?';

let run: StorybotRun | undefined;
let fake: FakeDiscord;
let bot: NodeProcess;

beforeAll(async () => {
  run = await startStorybotRun('errors', async (dir) => {
    // A fault from the real world: FEEDBACK_FILE names a folder, so recording a vote fails.
    const feedbackFolder = path.join(dir, 'feedback-is-a-folder');
    await mkdir(feedbackFolder);
    return { FEEDBACK_FILE: feedbackFolder };
  });
  ({ fake, bot } = run);
});

afterAll(() => stopStorybotRun(run));

async function answerMessage(): Promise<APIMessage> {
  const reply = await fake.waitForReply(fake.sendCommand('ask', { question: QUESTION }));
  expect(reply.message.embeds).toHaveLength(1);
  return reply.message;
}

function voteButton(message: APIMessage): string {
  const ids = (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])) : [],
  );
  return ids.find((id) => id.startsWith('answer:up:'))!;
}

describe('storybot when things go wrong', () => {
  test('a handler that throws tells the user privately and logs the stack; the bot keeps answering', async () => {
    const message = await answerMessage();

    const reply = await fake.waitForReply(fake.clickButton(message, voteButton(message)));

    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/^Something went wrong/);
    const logged = await bot.waitForOutput(/ERROR \[discord\] Handler failed [^\n]*\n(Error: EISDIR[^\n]*\n\s+at .+)/);
    expect(logged[1]).toContain('feedback-is-a-folder');
    await answerMessage();
  });

  test('an interaction Discord no longer knows (error 10062) is logged, and the bot carries on', async () => {
    fake.failNext('callback', Faults.unknownInteraction());
    const expired = fake.sendCommand('ask', { question: QUESTION });

    await bot.waitForOutput(new RegExp(`WARN  \\[discord\\] The interaction expired[^\\n]*interaction=${expired.id}`));

    expect(expired.callback).toBeUndefined();
    expect(bot.child.exitCode).toBeNull();
    await answerMessage();
  });

  test('a 429 with retry_after on the response is waited out, and the reply arrives', async () => {
    fake.failNext('callback', Faults.rateLimited(0.3));

    const reply = await fake.waitForReply(fake.sendCommand('quote', { lines: '27-29' }));

    expect(reply.callbackMs).toBeGreaterThanOrEqual(300);
    expect(reply.message.embeds).toHaveLength(1);
  });

  test('a 500 on the edit is retried, and the answer arrives', async () => {
    fake.failNext('webhook', Faults.serverError());

    const message = await answerMessage();

    expect(message.embeds[0].fields?.length).toBeGreaterThan(0);
    expect(fake.rejectedRequests.some((r) => r.status === 500)).toBe(true);
  });
});
