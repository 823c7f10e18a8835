import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import { Faults, type FakeDiscord, type FakeInteraction, type InteractionReply } from './fakeDiscord/index.js';
import { expectCleanTraffic, expectCoreAnswer } from './fakeDiscord/expectations.js';
import type { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { startStorybotRun, stopStorybotRun, TEST_TOKEN, type StorybotRun } from './fakeDiscord/storybot.js';

// Faults the Discord tests in discordLifecycle/discordErrors do not cover yet: a gateway close with a
// close frame, a session Discord forgot, 5xx on the callback (once and for good), 5xx and 429 on the edit,
// and a 429 that outlasts the interaction.

const QUESTION = 'Which theater chains said they would not show the film?';
const SOMETHING_WENT_WRONG = /^Something went wrong while answering that\./;
/** discord.js tries a request once and retries a 5xx three times. */
const ATTEMPTS = 4;

let run: StorybotRun | undefined;
let fake: FakeDiscord;
let bot: NodeProcess;
let core: KnowledgeBase;

beforeAll(async () => {
  run = await startStorybotRun('faults', () => ({ RATE_LIMIT_BURST: '1000' }));
  ({ fake, bot } = run);
  core = await KnowledgeBase.open(loadConfig({ ...run.env, LOG_LEVEL: 'warn' }, run.dir));
});

afterAll(async () => {
  core?.close();
  await stopStorybotRun(run);
});

/** Asks and checks that the reply is exactly the core's answer. */
async function expectAnswered(interaction?: FakeInteraction): Promise<InteractionReply> {
  return (await expectCoreAnswer(fake, core, QUESTION, { interaction, timeoutMs: 20_000 })).reply;
}

function rejected(status: number): number {
  return fake.rejectedRequests.filter((r) => r.status === status).length;
}

describe('storybot through Discord faults', () => {
  test('the gateway closes mid-session with a close frame: the bot resumes, and an /ask in flight is answered', async () => {
    const inFlight = fake.sendCommand('ask', { question: QUESTION });
    await fake.dropConnection({ closeCode: 4000 });

    await expectAnswered(inFlight);
    await expectAnswered();
    expect(fake.sessions.filter((s) => s.ready)).toHaveLength(1);
    await bot.waitForOutput(/Gateway connection closed shard=0\n[^]*Gateway session resumed shard=0/, 5_000);
  });

  test('Discord forgets the session (close 4009): the bot identifies again and answers the next interactions', async () => {
    const before = fake.sessions.length;

    const fresh = await fake.invalidateSession({ closeCode: 4009 });

    expect(fake.sessions.length).toBe(before + 1);
    expect(fresh.identify.token).toBe(TEST_TOKEN);
    expect(fresh.resumes).toBe(0);
    for (let i = 0; i < 3; i++) await expectAnswered();
    expect((await fake.waitForReply(fake.sendCommand('quote', { lines: '9' }))).message.embeds[0].description).toMatch(/^`9` /);
    // The second "ready" of shard 0: a new session, not a resumed one.
    await bot.waitForOutput(/Gateway session ready shard=0[^]*Gateway session ready shard=0/, 5_000);
  });

  test('a 500 on the interaction callback is retried, and the answer arrives', async () => {
    const before = rejected(500);
    fake.failNext('callback', Faults.serverError());

    const reply = await expectAnswered();

    expect(reply.callbackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(rejected(500)).toBe(before + 1);
  });

  test('a callback that fails with 500 on every retry fails cleanly: logged, the user told privately, the bot carries on', async () => {
    fake.failNext('callback', Faults.serverError(), ATTEMPTS);
    const interaction = fake.sendCommand('ask', { question: QUESTION });

    const reply = await fake.waitForReply(interaction, 20_000);

    expect(reply.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(SOMETHING_WENT_WRONG);
    await bot.waitForOutput(new RegExp(`ERROR \\[discord\\] Handler failed interaction=${interaction.id} handler=/ask`), 5_000);
    await expectAnswered();
  });

  test('an edit that fails with 500 on every retry turns the "thinking…" message into an apology, and the bot carries on', async () => {
    fake.failNext('webhook', Faults.serverError(), ATTEMPTS);
    const interaction = fake.sendCommand('ask', { question: QUESTION });

    const reply = await fake.waitForReply(interaction, 20_000);

    expect(reply.deferred).toBe(true);
    expect(reply.message.content).toMatch(SOMETHING_WENT_WRONG);
    expect(reply.message.embeds).toEqual([]);
    await bot.waitForOutput(new RegExp(`Handler failed interaction=${interaction.id}`), 5_000);
    await expectAnswered();
  });

  test('a 429 with retry_after on the edit, and a global 429 on the callback, are waited out and the answers arrive', async () => {
    const before = rejected(429);
    fake.failNext('webhook', Faults.rateLimited(0.2));
    await expectAnswered();
    fake.failNext('callback', Faults.rateLimited(0.2, true));
    await expectAnswered();
    expect(rejected(429)).toBe(before + 2);
  });

  test('a 429 that outlasts the interaction ends in a logged expiry, not a crash, and the bot carries on', async () => {
    fake.failNext('callback', Faults.rateLimited(3.5));
    const expired = fake.sendCommand('ask', { question: QUESTION });

    await bot.waitForOutput(new RegExp(`WARN  \\[discord\\] The interaction expired[^\\n]*interaction=${expired.id}`), 15_000);

    expect(expired.callback).toBeUndefined();
    await expectAnswered();
  });

  test('after all of that: still running, no unhandled rejection, nothing refused as invalid, nobody pinged', () => {
    expect(bot.child.exitCode).toBeNull();
    expect(bot.output).not.toMatch(/Unhandled promise rejection/);
    expect(bot.output).not.toContain(TEST_TOKEN);
    expectCleanTraffic(fake);
  });

  test('a gateway close that cannot be recovered from (4004: token reset) ends the process with code 1 and says why', async () => {
    fake.closeForGood({ closeCode: 4004 });

    const exit = await bot.waitForExit(20_000);

    expect(exit).toEqual({ code: 1, signal: null });
    expect(bot.output).toMatch(/ERROR \[discord\] Gateway connection closed for good[^\n]*code=4004/);
    expect(bot.output).not.toMatch(/Handles still open|Unhandled promise rejection/);
  });
});
