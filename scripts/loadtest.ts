import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { InteractionResponseType } from 'discord-api-types/v10';
import { loadConfig } from '../src/config.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import type { Answer } from '../src/core/types.js';
import { answerMessage } from '../src/discord/render/answerMessage.js';
import { setLogLevel } from '../src/log.js';
import { startFakeDiscord, type FakeDiscord, type FakeInteraction, type InteractionReply } from '../test/fakeDiscord/index.js';
import { wire } from '../test/fakeDiscord/replies.js';
import type { NodeProcess } from '../test/fakeDiscord/nodeProcess.js';
import { startReadyStorybot, storybotEnv, TEST_TOKEN } from '../test/fakeDiscord/storybot.js';
import { parseCommandLine, usageError } from '../src/cli/bootstrap.js';
import { percentile, round } from '../src/core/stats.js';

const USAGE = `Usage: npm run --silent loadtest -- [--json] [--users N] [--requests N] [--seconds S]

  Starts a fake Discord on 127.0.0.1 and the bot as npm start does (node dist/src/main.js),
  sends /ask interactions from simulated users, and checks every reply against the core's answer.
  A second phase floods from one user while the others keep asking.

  --json       print one JSON object instead of the table
  --users      simulated users (default 50)
  --requests   /ask interactions in all (default 500)
  --seconds    spread over this many seconds (default 10)
  Run npm run build first.`;

const P95_TARGET_MS = 500;
const REPLY_TIMEOUT_MS = 20_000;
const FLOOD_REQUESTS = 60;
/** The flood user sends one /ask every this many ms (so 60 in about 1.2 s). */
const FLOOD_SPACING_MS = 20;
const FLOOD_OTHER_QUESTIONS = 2;
const RATE_LIMITED = /^You're asking faster than I can keep up with\. Try again in \d+ seconds?\.$/;

/** Natural questions over the story, most answerable, some not; every reply must equal the core's answer. */
export const QUESTIONS: readonly string[] = [
  'Who ordered the hacking attack on Sony Pictures?',
  'Which theater chains said they would not show the film?',
  'Who stars in The Interview?',
  'What group claimed it hacked Sony?',
  'When was The Interview supposed to be released?',
  'What did the White House National Security Council say?',
  'Why did Sony cancel the release of The Interview?',
  'What is The Interview about?',
  'Where did the hacking attack originate?',
  'What did a U.S. official tell NBC News?',
  'Is the U.S. planning a response to the hack?',
  'Which film starring Steve Carell will not be moving forward?',
  'What did Sony say in its statement on Wednesday?',
  'What threats were made against cinemas showing the movie?',
  'What links the attack to the North Korean government?',
  'Who is the North Korean dictator?',
  'What security concerns did the cinema chains cite?',
  'How did the breach affect Sony executives?',
  'What does the United States say about freedom of speech?',
  'What is the recipe for banana bread?',
  'Who won the World Cup in 2014?',
  'How much money did Sony lose because of the hack?',
  'What is the capital of France?',
  'What will the weather be like in Pyongyang tomorrow?',
  'Did the hackers publish employee salaries?',
];

interface Sent {
  interaction: FakeInteraction;
  question: string;
  user: string;
}

interface Outcome {
  sent: Sent;
  reply?: InteractionReply;
  /** Why this one failed, when it did. */
  problem?: string;
}

export interface FloodResult {
  /** Every reply to the flooding user: the allowance (burst + refill), then a private "slow down". */
  flooder: { sent: number; answered: number; rate_limited: number; allowance: number; lost: number };
  /** The other users asking at the same time: all must be answered correctly. */
  others: { users: number; sent: number; answered: number; correct: number; rate_limited: number };
  limit_held: boolean;
  others_served: boolean;
}

export interface LoadResult {
  sent: number;
  answered: number;
  correct: number;
  errors: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  throughput_per_s: number;
  flood: FloodResult;
  settings: { users: number; seconds: number; rate_limit_burst: number; rate_limit_per_minute: number; embedder: string };
  /** Edits discord.js held back for its own 50-requests-a-second global limit (not errors). */
  rest_global_limit_waits: number;
  problems: string[];
  target: { p95_ms: number; met: boolean };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function option(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) usageError(`--${name} must be a positive number (got "${value}").`, USAGE);
  return n;
}

/** Sends `count` /ask evenly over `seconds`; `pick(i)` says who asks what. */
async function paced(
  fake: FakeDiscord,
  count: number,
  spacingMs: number,
  pick: (i: number) => { question: string; user: ReturnType<FakeDiscord['newUser']> },
): Promise<Sent[]> {
  const sent: Sent[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + i * spacingMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const { question, user } = pick(i);
    sent.push({ interaction: fake.sendCommand('ask', { question }, { user }), question, user: user.id });
  }
  return sent;
}

/** Whether the reply is exactly the message the bot's renderer makes of the core's answer, citing the same lines. */
function matchesCore(reply: InteractionReply, expected: Answer, interactionId: string): string | undefined {
  if (reply.callbackType !== InteractionResponseType.DeferredChannelMessageWithSource) {
    return `callback type ${reply.callbackType}: ${reply.message.content}`;
  }
  const rendered = answerMessage(expected, interactionId);
  if (!isDeepStrictEqual(wire(reply.message.embeds), wire(rendered.embeds))) return 'the embed differs from the core answer';
  if (!isDeepStrictEqual(wire(reply.message.components), wire(rendered.components))) return 'the buttons differ';
  // Independently of the renderer: the cited line spans are the core's.
  const spans = (reply.message.embeds[0]?.fields ?? []).map((f) => {
    const match = /· lines? (\d+)(?:–(\d+))?$/.exec(f.name);
    return match ? `${match[1]}-${match[2] ?? match[1]}` : `? (${f.name})`;
  });
  const wanted = expected.citations.map((c) => `${c.lines[0]}-${c.lines[1]}`);
  if (spans.join(',') !== wanted.join(',')) return `cites ${spans.join(',')} instead of ${wanted.join(',')}`;
  return undefined;
}

async function collect(fake: FakeDiscord, sent: readonly Sent[]): Promise<Outcome[]> {
  return Promise.all(
    sent.map(async (s): Promise<Outcome> => {
      try {
        return { sent: s, reply: await fake.waitForReply(s.interaction, REPLY_TIMEOUT_MS) };
      } catch (error) {
        return { sent: s, problem: `no reply: ${(error as Error).message.split('\n')[0]}` };
      }
    }),
  );
}

function isRateLimitReply(reply: InteractionReply | undefined): boolean {
  return (
    reply !== undefined &&
    reply.callbackType === InteractionResponseType.ChannelMessageWithSource &&
    reply.ephemeral &&
    RATE_LIMITED.test(reply.message.content)
  );
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(
    { json: { type: 'boolean' }, users: { type: 'string' }, requests: { type: 'string' }, seconds: { type: 'string' } } as const,
    USAGE,
    { positionals: false },
  );
  const users = Math.round(option(values.users, 'users', 50));
  const requests = Math.round(option(values.requests, 'requests', 500));
  const seconds = option(values.seconds, 'seconds', 10);
  const perUser = Math.ceil(requests / users);
  // Inside the limit: every user may ask all of their questions at once, and regains one a second.
  const burst = Math.max(perUser, 5);
  const perMinute = 60;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-loadtest-'));
  const fake = await startFakeDiscord({ token: TEST_TOKEN });
  const env = storybotEnv(fake, dir, { RATE_LIMIT_BURST: String(burst), RATE_LIMIT_PER_MINUTE: String(perMinute) });
  let bot: NodeProcess | undefined;
  let core: KnowledgeBase | undefined;
  try {
    // What npm start runs, from a folder of its own so that no developer .env leaks in.
    bot = await startReadyStorybot(fake, env, dir, 120_000);

    // The core on the same corpus, index and settings says what each reply must be.
    const config = loadConfig(env, dir);
    setLogLevel('warn');
    core = await KnowledgeBase.open(config);
    const expected = new Map<string, Answer>();
    for (const question of QUESTIONS) expected.set(question, await core.ask(question));

    const problems: string[] = [];

    // Phase 1: `requests` /ask from `users` users, evenly over `seconds`.
    const people = Array.from({ length: users }, () => fake.newUser());
    const spacing = (seconds * 1000) / requests;
    const started = performance.now();
    const sent = await paced(fake, requests, spacing, (i) => ({
      user: people[i % users],
      // Each user works through the list from their own place in it.
      question: QUESTIONS[(Math.floor(i / users) + (i % users)) % QUESTIONS.length],
    }));
    const sendSeconds = (performance.now() - started) / 1000;
    const outcomes = await collect(fake, sent);
    const finished = Math.max(...outcomes.map((o) => (o.reply ? o.sent.interaction.sentAt + o.reply.replyMs : 0)));
    const firstSent = Math.min(...sent.map((s) => s.interaction.sentAt));

    let correct = 0;
    for (const outcome of outcomes) {
      if (!outcome.reply) continue;
      const problem = matchesCore(outcome.reply, expected.get(outcome.sent.question)!, outcome.sent.interaction.id);
      if (problem) outcome.problem = problem;
      else correct++;
    }
    const answered = outcomes.filter((o) => o.reply).length;
    const latencies = outcomes.filter((o) => o.reply).map((o) => o.reply!.replyMs);
    for (const o of outcomes.filter((x) => x.problem).slice(0, 10)) problems.push(`phase 1, "${o.sent.question}": ${o.problem}`);
    const rejectedPhase1 = fake.rejectedRequests.length;
    for (const r of fake.rejectedRequests.slice(0, 5)) problems.push(`Discord refused ${r.method} ${r.path}: ${r.status} ${JSON.stringify(r.response)}`);

    // Phase 2: one user floods while everybody else keeps asking.
    await sleep(500);
    const flooder = fake.newUser();
    const others = Array.from({ length: users - 1 }, () => fake.newUser());
    const floodStarted = performance.now();
    const otherSpacing = (FLOOD_REQUESTS * FLOOD_SPACING_MS) / (others.length * FLOOD_OTHER_QUESTIONS);
    const [floodSent, otherSent] = await Promise.all([
      paced(fake, FLOOD_REQUESTS, FLOOD_SPACING_MS, (i) => ({ user: flooder, question: QUESTIONS[i % QUESTIONS.length] })),
      paced(fake, others.length * FLOOD_OTHER_QUESTIONS, otherSpacing, (i) => ({
        user: others[i % others.length],
        question: QUESTIONS[(i * 7) % QUESTIONS.length],
      })),
    ]);
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    const [floodOutcomes, otherOutcomes] = await Promise.all([collect(fake, floodSent), collect(fake, otherSent)]);
    // The flooder may ask `burst` at once and regains perMinute/60 a second while flooding.
    const allowance = burst + Math.ceil((perMinute * (floodSeconds + 1)) / 60);
    const floodAnswered = floodOutcomes.filter((o) => o.reply && !matchesCore(o.reply, expected.get(o.sent.question)!, o.sent.interaction.id)).length;
    const floodLimited = floodOutcomes.filter((o) => isRateLimitReply(o.reply)).length;
    const floodLost = floodOutcomes.filter((o) => !o.reply).length;
    const otherCorrect = otherOutcomes.filter((o) => o.reply && !matchesCore(o.reply, expected.get(o.sent.question)!, o.sent.interaction.id)).length;
    const flood: FloodResult = {
      flooder: { sent: floodSent.length, answered: floodAnswered, rate_limited: floodLimited, allowance, lost: floodLost },
      others: {
        users: others.length,
        sent: otherSent.length,
        answered: otherOutcomes.filter((o) => o.reply).length,
        correct: otherCorrect,
        rate_limited: otherOutcomes.filter((o) => isRateLimitReply(o.reply)).length,
      },
      limit_held: floodAnswered >= burst && floodAnswered <= allowance && floodAnswered + floodLimited === floodSent.length,
      others_served: otherCorrect === otherSent.length,
    };
    for (const o of [...floodOutcomes, ...otherOutcomes].filter((x) => !x.reply).slice(0, 5)) problems.push(`phase 2: ${o.problem}`);
    const rejectedPhase2 = fake.rejectedRequests.length - rejectedPhase1;
    if (rejectedPhase2 > 0) problems.push(`phase 2: Discord refused ${rejectedPhase2} requests`);

    // discord.js holds every bot to 50 REST requests a second, interaction edits included (Discord itself
    // exempts those); at 50 answers a second it makes some edits wait a few ms and says so. A wait, not an error.
    const warnings = bot.output.split('\n').filter((line) => /^\S+ (ERROR|WARN )/.test(line));
    const restWaits = warnings.filter((line) => /Rate limited by Discord .*global=true/.test(line)).length;
    const logErrors = warnings.length - restWaits;
    if (logErrors > 0) {
      const shown = warnings.filter((line) => !/Rate limited by Discord .*global=true/.test(line)).slice(0, 5);
      problems.push(`the bot logged ${logErrors} warnings or errors, such as:\n    ${shown.join('\n    ')}`);
    }
    if (bot.output.includes(TEST_TOKEN)) problems.push('the token appeared in the bot output');
    if (!flood.limit_held) problems.push('the rate limit did not hold for the flooding user');
    if (!flood.others_served) problems.push('other users were not all served during the flood');

    const p95 = percentile(latencies, 95);
    const result: LoadResult = {
      sent: sent.length,
      answered,
      correct,
      errors: outcomes.filter((o) => o.problem).length + rejectedPhase1 + logErrors,
      p50_ms: round(percentile(latencies, 50), 1),
      p95_ms: round(p95, 1),
      max_ms: round(Math.max(...latencies), 1),
      throughput_per_s: round(answered / Math.max(0.001, (finished - firstSent) / 1000), 1),
      flood,
      settings: { users, seconds: round(sendSeconds, 2), rate_limit_burst: burst, rate_limit_per_minute: perMinute, embedder: 'lexical' },
      rest_global_limit_waits: restWaits,
      problems,
      target: { p95_ms: P95_TARGET_MS, met: p95 <= P95_TARGET_MS },
    };
    print(result, Boolean(values.json));
    const ok = result.answered === result.sent && result.correct === result.sent && result.errors === 0 && flood.limit_held && flood.others_served;
    process.exitCode = ok && result.target.met ? 0 : 1;
  } finally {
    core?.close();
    await bot?.stop('SIGTERM', 15_000).catch(() => undefined);
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

function print(result: LoadResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const { flood } = result;
  const rows: [string, string][] = [
    ['sent', `${result.sent} /ask from ${result.settings.users} users in ${result.settings.seconds} s`],
    ['answered', String(result.answered)],
    ['correct (= core answer)', String(result.correct)],
    ['errors', String(result.errors)],
    ['p50', `${result.p50_ms} ms`],
    ['p95', `${result.p95_ms} ms (target ≤ ${result.target.p95_ms} ms: ${result.target.met ? 'met' : 'MISSED'})`],
    ['max', `${result.max_ms} ms`],
    ['throughput', `${result.throughput_per_s} replies/s`],
    ['REST waits', `${result.rest_global_limit_waits} edits held back by discord.js's 50 requests/s global limit`],
    ['rate limit', `burst ${result.settings.rate_limit_burst}, ${result.settings.rate_limit_per_minute}/min per user`],
    [
      'flood: one user',
      `${flood.flooder.sent} sent, ${flood.flooder.answered} answered (allowance ≤ ${flood.flooder.allowance}), ${flood.flooder.rate_limited} told to slow down privately, ${flood.flooder.lost} lost`,
    ],
    [
      'flood: everyone else',
      `${flood.others.users} users, ${flood.others.sent} sent, ${flood.others.correct} answered correctly, ${flood.others.rate_limited} rate-limited`,
    ],
    ['limit held / others served', `${flood.limit_held ? 'yes' : 'NO'} / ${flood.others_served ? 'yes' : 'NO'}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  if (result.problems.length > 0) lines.push('', 'Problems:', ...result.problems.map((p) => `  - ${p}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();
