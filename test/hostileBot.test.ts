import path from 'node:path';
import { InteractionResponseType, MessageFlags, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import { lineChoices } from '../src/discord/render/lineChoices.js';
import { quoteMessage } from '../src/discord/render/quoteMessage.js';
import { DISCORD_LIMITS, type FakeDiscord, type FakeInteraction } from './fakeDiscord/index.js';
import { expectCleanTraffic, expectCoreAnswer } from './fakeDiscord/expectations.js';
import { wire } from './fakeDiscord/replies.js';
import { REPO_ROOT, type NodeProcess } from './fakeDiscord/nodeProcess.js';
import { startStorybotRun, stopStorybotRun, TEST_TOKEN, type StorybotRun } from './fakeDiscord/storybot.js';
import { isInside } from './support/fileAccess.js';
import { seededRandom } from '../scripts/lib/seededRandom.js';
import { BAD_LINE_RANGES, hostileQuestions, hostileQuestion, QUESTION_CATEGORIES } from './support/hostileInput.js';
import { accessedSince, writeFileAccessPreload } from './support/preloads.js';

/** A sample of the core fuzz, through the real bot: 200 interactions in all. */
const ASKS = 110;
const PHRASES = 28;
const AUTOCOMPLETES = 25;
const BATCH = 25;

let run: StorybotRun | undefined;
let fake: FakeDiscord;
let bot: NodeProcess;
let dir: string;
let env: Record<string, string>;
let core: KnowledgeBase;
let fileLog: string;
let sampleStarted: number;
let answered: { interaction: FakeInteraction; message: APIMessage }[] = [];

beforeAll(async () => {
  run = await startStorybotRun('hostile', async (folder) => {
    fileLog = path.join(folder, 'file-access.log');
    return { NODE_OPTIONS: `--import=${await writeFileAccessPreload(folder)}`, FILE_ACCESS_LOG: fileLog, LOG_LEVEL: 'info' };
  });
  ({ fake, bot, dir, env } = run);
  core = await KnowledgeBase.open(loadConfig({ ...env, LOG_LEVEL: 'warn' }, dir));
  sampleStarted = Date.now();
});

afterAll(async () => {
  core?.close();
  await stopStorybotRun(run);
});

/** Sends in batches, waiting for each batch's replies, as a busy guild would. */
async function inBatches<T, R>(items: readonly T[], send: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) results.push(...(await Promise.all(items.slice(i, i + BATCH).map(send))));
  return results;
}

describe('hostile input through the bot (a seeded sample of 200 interactions)', () => {
  test(`${ASKS} hostile /ask questions of every category get the core's answer, within limits, pinging nobody`, async () => {
    const questions = hostileQuestions(4_242, ASKS);
    expect(questions.some((q) => q.text.length >= 6000)).toBe(true);
    answered = await inBatches(questions, async ({ text }) => {
      const interaction = fake.sendCommand('ask', { question: text });
      const { reply, expected } = await expectCoreAnswer(fake, core, text, { interaction, timeoutMs: 20_000, label: JSON.stringify(text).slice(0, 200) });
      expect(wire(reply.message.components)).toEqual(wire(expected.components));
      return { interaction, message: reply.message };
    });
    expectCleanTraffic(fake);
  });

  test('every bad line range the issue names, and hostile phrases, get a friendly private message from /quote', async () => {
    const random = seededRandom(77);
    const phrases = Array.from({ length: PHRASES }, (_, i) => hostileQuestion(random, QUESTION_CATEGORIES[i % QUESTION_CATEGORIES.length]));
    const requests = [...BAD_LINE_RANGES.map((lines) => ({ lines })), ...phrases.map((text) => ({ text }))];
    await inBatches(requests, async (request) => {
      const reply = await fake.waitForReply(fake.sendCommand('quote', request), 20_000);
      const result = core.quote(request);
      expect(wire(reply.message.embeds.length > 0 ? { embeds: reply.message.embeds } : { content: reply.message.content })).toEqual(
        wire(quoteMessage(result, core.summary())),
      );
      expect(reply.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
      // A refusal is private; exact lines (a phrase that happens to match) are public.
      expect(reply.ephemeral, JSON.stringify(request)).toBe(!result.ok);
      if (!result.ok) expect(reply.message.content.length).toBeGreaterThan(10);
    });
    // No option at all (Discord lets a user send /quote bare): told what to give.
    const bare = await fake.waitForReply(fake.sendCommand('quote', {}), 20_000);
    expect(bare.ephemeral).toBe(true);
    expect(bare.message.content).toMatch(/^Tell me what to quote: `lines:` such as `27-29`, or `text:` with a phrase from the story\.$/);
    expectCleanTraffic(fake);
  });

  test(`${AUTOCOMPLETES} hostile partial phrases get suggestions within Discord's limits`, async () => {
    const texts = hostileQuestions(515, AUTOCOMPLETES).map((q) => q.text);
    await inBatches(texts, async (text) => {
      const choices = await fake.waitForChoices(fake.sendAutocomplete('quote', { text }, 'text'), 20_000);
      expect(choices).toEqual(lineChoices(core.suggest(text, DISCORD_LIMITS.choices)));
    });
    expect(fake.rejectedRequests).toEqual([]);
  });

  test('forged button ids are refused kindly; a real one still works', async () => {
    expect(answered.length).toBeGreaterThan(0);
    const withSources = answered.find((a) => a.message.embeds[0]?.fields?.length);
    expect(withSources).toBeDefined();
    const message = withSources!.message;
    const forged = [
      '../../etc/passwd',
      'answer:sources:../../etc/passwd',
      'answer:up:' + '9'.repeat(22),
      'answer:sources:1',
      'answer:rm:' + withSources!.interaction.id,
      'x'.repeat(100),
      'answer:sources:' + withSources!.interaction.id + '\n',
    ];
    for (const customId of forged) {
      const reply = await fake.waitForReply(fake.clickButton(message, customId), 20_000);
      expect(reply.ephemeral, customId).toBe(true);
      expect(reply.message.content, customId).toMatch(/^(That button is not one I know\.|I no longer have that answer at hand)/);
    }
    const real = await fake.waitForReply(fake.clickButton(message, `answer:sources:${withSources!.interaction.id}`), 20_000);
    expect(real.ephemeral).toBe(true);
    expect((real.message.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(real.message.embeds[0].description).toMatch(/^`\d+` /);
    expectCleanTraffic(fake);
  });

  test('the bot is still up, logged no error, and read no file outside the corpus and data folders', async () => {
    expect(bot.child.exitCode).toBeNull();
    expect(bot.output).not.toMatch(/ERROR|Unhandled promise rejection|Handler failed/);
    expect(bot.output).not.toContain(TEST_TOKEN);
    const allowed = [env.CORPUS_DIR, env.INDEX_DIR, path.dirname(env.FEEDBACK_FILE)];
    // The recorder works: the bot read the story and the index through it while starting.
    const everything = await accessedSince(fileLog, 0);
    expect(everything).toContain(path.join(REPO_ROOT, 'corpus', 'sony-hack.txt'));
    const whileAnswering = await accessedSince(fileLog, sampleStarted);
    const outside = [...new Set(whileAnswering)].filter((file) => !allowed.some((folder) => isInside(file, folder)) && file !== fileLog);
    expect(outside).toEqual([]);
  });
});
