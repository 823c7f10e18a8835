import { readFile } from 'node:fs/promises';
import { escapeMarkdown } from 'discord.js';
import { InteractionResponseType, MessageFlags, type APIEmbed, type APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import type { QuoteLine } from '../src/core/types.js';
import { DISCORD_LIMITS, type FakeDiscord, type FakeInteraction, type InteractionReply } from './fakeDiscord/index.js';
import { expectCleanTraffic } from './fakeDiscord/expectations.js';
import type { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { startStorybotRun, stopStorybotRun, TEST_TOKEN, type StorybotRun } from './fakeDiscord/storybot.js';

const SONY_QUESTION = 'Who ordered the hacking attack on Sony Pictures?';
const OFF_TOPIC_QUESTION = 'What is the recipe for banana bread?';
const RATE_LIMIT_BURST = 3;

let run: StorybotRun | undefined;
let fake: FakeDiscord;
let bot: NodeProcess;
let core: KnowledgeBase;
let feedbackFile: string;

beforeAll(async () => {
  run = await startStorybotRun('discord', () => ({ RATE_LIMIT_BURST: String(RATE_LIMIT_BURST), RATE_LIMIT_PER_MINUTE: '1' }));
  ({ fake, bot } = run);
  feedbackFile = run.env.FEEDBACK_FILE;
  // The core, opened on the index the bot built, says what every reply must show.
  core = await KnowledgeBase.open(loadConfig(run.env, run.dir));
});

afterAll(async () => {
  core?.close();
  await stopStorybotRun(run);
});

/** The reply, after checking that it and everything before it pinged nobody and broke no limit. */
async function replyTo(interaction: FakeInteraction): Promise<InteractionReply> {
  const reply = await fake.waitForReply(interaction);
  expectCleanTraffic(fake);
  return reply;
}

function onlyEmbed(message: APIMessage): APIEmbed {
  expect(message.embeds).toHaveLength(1);
  return message.embeds[0];
}

function buttonIds(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])) : [],
  );
}

function buttonId(message: APIMessage, action: 'sources' | 'up' | 'down'): string {
  const id = buttonIds(message).find((customId) => customId.startsWith(`answer:${action}:`));
  if (!id) throw new Error(`No ${action} button under the answer`);
  return id;
}

/** `[n] title · lines a–b` → {n, title, lines}. */
function sourceOf(fieldName: string): { n: number; title: string; lines: [number, number] } {
  const match = /^\[(\d+)\] (.+) · lines? (\d+)(?:–(\d+))?$/.exec(fieldName);
  if (!match) throw new Error(`Not a source field name: ${fieldName}`);
  const start = Number(match[3]);
  return { n: Number(match[1]), title: match[2], lines: [start, Number(match[4] ?? start)] };
}

/** The quoted lines in an embed description: "`27` text" per line. */
function quotedLines(embed: APIEmbed): { n: number; text: string }[] {
  return (embed.description ?? '').split('\n').map((line) => {
    const match = /^`(\d+)` ?(.*)$/.exec(line);
    if (!match) throw new Error(`Not a quoted line: ${line}`);
    return { n: Number(match[1]), text: match[2] };
  });
}

function expectQuoteOf(embed: APIEmbed, lines: readonly QuoteLine[]): void {
  expect(quotedLines(embed)).toEqual(lines.map((line) => ({ n: line.n, text: escapeMarkdown(line.text) })));
}

function coreLines(request: { lines?: string; text?: string }): QuoteLine[] {
  const result = core.quote(request);
  if (!result.ok) throw new Error(result.message);
  return result.lines;
}

describe('storybot on a fake Discord, through the real entry point', () => {
  test('logs in with the token, identifies and becomes ready', () => {
    const [session] = fake.sessions;
    expect(session.identify.token).toBe(TEST_TOKEN);
    expect(session.ready).toBe(true);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/gateway/bot' && r.status === 200)).toBe(true);
    expect(bot.output).toMatch(/Ready user=storybot guilds=1/);
  });

  test('/ask defers, then edits in an embed whose citations and lines are the core answer', async () => {
    const expected = await core.ask(SONY_QUESTION);
    expect(expected.abstained).toBe(false);

    const interaction = fake.sendCommand('ask', { question: SONY_QUESTION });
    const reply = await replyTo(interaction);

    expect(reply.callbackType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(reply.deferred).toBe(true);
    expect(reply.ephemeral).toBe(false);
    const embed = onlyEmbed(reply.message);
    expect(embed.title).toBe(SONY_QUESTION);
    expect(embed.description).toBe(escapeMarkdown(expected.answer));
    expect(embed.fields?.map((f) => sourceOf(f.name))).toEqual(
      expected.citations.map((c) => ({ n: c.n, title: c.docTitle, lines: c.lines })),
    );
    expect(embed.fields?.map((f) => f.value)).toEqual(expected.citations.map((c) => `> ${escapeMarkdown(c.text)}`));
    expect(embed.footer?.text).toContain(`Embedder: ${expected.embedder} (${expected.model})`);
    // The acceptance check: the story says it in lines 3–5.
    expect(embed.fields?.map((f) => f.name)).toContainEqual(expect.stringMatching(/· lines 3–5$/));
    expect(buttonIds(reply.message)).toEqual([
      `answer:sources:${interaction.id}`,
      `answer:up:${interaction.id}`,
      `answer:down:${interaction.id}`,
    ]);
    await bot.waitForOutput(new RegExp(`Answered /ask interaction=${interaction.id} ms=\\d+`), 5_000);
  });

  test('/ask private:true answers ephemerally (flag 64 from the deferral on)', async () => {
    const interaction = fake.sendCommand('ask', { question: SONY_QUESTION, private: true });
    const reply = await replyTo(interaction);

    expect(reply.deferred).toBe(true);
    expect((interaction.callback?.data as { flags?: number }).flags).toBe(MessageFlags.Ephemeral);
    expect(reply.ephemeral).toBe(true);
    expect(onlyEmbed(reply.message).fields?.length).toBeGreaterThan(0);
  });

  test('an abstention is friendly, suggests rephrasing or /quote, and offers no sources', async () => {
    const expected = await core.ask(OFF_TOPIC_QUESTION);
    expect(expected.abstained).toBe(true);

    const reply = await replyTo(fake.sendCommand('ask', { question: OFF_TOPIC_QUESTION }));

    const embed = onlyEmbed(reply.message);
    expect(embed.description).toBe(escapeMarkdown(expected.answer));
    expect(embed.description).toMatch(/rephras/i);
    expect(embed.description).toContain('/quote');
    expect(embed.fields ?? []).toEqual([]);
    expect(buttonIds(reply.message).some((id) => id.startsWith('answer:sources:'))).toBe(false);
  });

  test('/quote lines:27-29 returns exactly those lines', async () => {
    const reply = await replyTo(fake.sendCommand('quote', { lines: '27-29' }));

    expect(reply.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    const embed = onlyEmbed(reply.message);
    expect(quotedLines(embed).map((l) => l.n)).toEqual([27, 28, 29]);
    expectQuoteOf(embed, coreLines({ lines: '27-29' }));
    expect(embed.title).toBe(core.summary().documents[0].title);
  });

  test('/quote text: returns every line containing the phrase', async () => {
    const reply = await replyTo(fake.sendCommand('quote', { text: 'theater chains' }));

    const embed = onlyEmbed(reply.message);
    expectQuoteOf(embed, coreLines({ text: 'theater chains' }));
    expect(quotedLines(embed).length).toBeGreaterThan(0);
  });

  test('/quote with a bad range explains privately', async () => {
    const reply = await replyTo(fake.sendCommand('quote', { lines: '900-901' }));

    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/past the end/);
  });

  test('autocomplete for /quote text: suggests matching lines within Discord limits, and a choice quotes its line', async () => {
    const choices = await fake.waitForChoices(fake.sendAutocomplete('quote', { text: 'sony' }, 'text'));

    const expected = core.suggest('sony', DISCORD_LIMITS.choices);
    expect(choices.length).toBe(expected.filter((l) => l.text.trim() !== '').length);
    expect(choices.length).toBeGreaterThan(1);
    for (const [i, choice] of choices.entries()) {
      expect(choice.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceName);
      expect(String(choice.value).length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceValue);
      expect(choice.name.startsWith(`${expected[i].n}: `)).toBe(true);
    }
    const picked = choices.find((c) => c.name.startsWith('4: '));
    expect(picked).toBeDefined();
    const reply = await replyTo(fake.sendCommand('quote', { text: String(picked!.value) }));
    expect(quotedLines(onlyEmbed(reply.message)).map((l) => l.n)).toContain(4);
  });

  test('autocomplete with nothing typed yet suggests nothing', async () => {
    expect(await fake.waitForChoices(fake.sendAutocomplete('quote', { text: '' }, 'text'))).toEqual([]);
  });

  test('"Show source lines" replies privately with the cited lines, as /quote would', async () => {
    const answer = await replyTo(fake.sendCommand('ask', { question: SONY_QUESTION }));
    const citations = (await core.ask(SONY_QUESTION)).citations;

    const reply = await replyTo(fake.clickButton(answer.message, buttonId(answer.message, 'sources')));

    expect(reply.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply.ephemeral).toBe(true);
    const cited = citations
      .flatMap((c) => coreLines({ lines: `${c.lines[0]}-${c.lines[1]}` }))
      .sort((a, b) => a.n - b.n);
    expectQuoteOf(onlyEmbed(reply.message), cited);
  });

  test('👍 and 👎 append JSONL feedback with the question, cited lines, vote and a hashed user id', async () => {
    const asker = fake.newUser();
    const fan = fake.newUser();
    const critic = fake.newUser();
    const answer = await replyTo(fake.sendCommand('ask', { question: SONY_QUESTION }, { user: asker }));

    const up = await replyTo(fake.clickButton(answer.message, buttonId(answer.message, 'up'), { user: fan }));
    const down = await replyTo(fake.clickButton(answer.message, buttonId(answer.message, 'down'), { user: critic }));

    expect(up.ephemeral && down.ephemeral).toBe(true);
    expect(up.message.content).toContain('👍');
    expect(down.message.content).toContain('👎');
    const raw = await readFile(feedbackFile, 'utf8');
    expect(raw).not.toContain(fan.id);
    expect(raw).not.toContain(critic.id);
    const entries = raw.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const expectedLines = (await core.ask(SONY_QUESTION)).citations.map((c) => ({ doc: c.doc, lines: c.lines }));
    expect(entries.slice(-2)).toEqual([
      { time: expect.any(String), question: SONY_QUESTION, lines: expectedLines, vote: 'up', user: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { time: expect.any(String), question: SONY_QUESTION, lines: expectedLines, vote: 'down', user: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ]);
    const [fanEntry, criticEntry] = entries.slice(-2);
    expect(fanEntry.user).not.toBe(criticEntry.user);
    expect(Date.parse(String(fanEntry.time))).not.toBeNaN();
  });

  test('/about tells the stories, sentence count, embedder and model, build time, and usage', async () => {
    const summary = core.summary();
    const reply = await replyTo(fake.sendCommand('about'));

    const embed = onlyEmbed(reply.message);
    const text = JSON.stringify(embed);
    for (const document of summary.documents) expect(text).toContain(document.title);
    expect(text).toContain(`${summary.sentences} sentences`);
    expect(text).toContain(`Embedder: ${summary.embedder} (${summary.model})`);
    expect(text).toContain(`<t:${Math.floor(Date.parse(summary.builtAt) / 1000)}:`);
    for (const command of ['/ask', '/quote']) expect(embed.description).toContain(command);
  });

  test('echoed user text is markdown-escaped, clipped with "…", and pings nobody', async () => {
    const question = ('@everyone <@123456789012345678> **look** _here_ # now ').repeat(6).slice(0, 300);
    const reply = await replyTo(fake.sendCommand('ask', { question }));

    const title = onlyEmbed(reply.message).title ?? '';
    expect(title.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(title.endsWith('…')).toBe(true);
    expect(title).toContain('\\*\\*look\\*\\*');
    expect(title).toContain('\\_here\\_');
    expect(reply.message.mentions).toEqual([]);
  });

  test(`the rate limit lets a user ask ${RATE_LIMIT_BURST} at once, then answers privately and kindly`, async () => {
    const user = fake.newUser();
    for (let i = 0; i < RATE_LIMIT_BURST; i++) {
      const reply = await replyTo(fake.sendCommand('ask', { question: SONY_QUESTION }, { user }));
      expect(reply.message.embeds).toHaveLength(1);
    }

    const limited = await replyTo(fake.sendCommand('ask', { question: SONY_QUESTION }, { user }));

    expect(limited.callbackType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(limited.ephemeral).toBe(true);
    expect(limited.message.content).toMatch(/faster than I can keep up with\. Try again in \d+ seconds?\./);
    const someoneElse = await replyTo(fake.sendCommand('ask', { question: SONY_QUESTION }));
    expect(someoneElse.message.embeds).toHaveLength(1);
  });

  test('the token appears in no log line', () => {
    expect(bot.output.length).toBeGreaterThan(0);
    expect(bot.output).not.toContain(TEST_TOKEN);
  });
});
