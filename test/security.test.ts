import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Faults, startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import { NodeProcess, REPO_ROOT } from './fakeDiscord/nodeProcess.js';
import { storybotEnv, TEST_TOKEN, startReadyStorybot } from './fakeDiscord/storybot.js';
import { writeNoNetworkPreload } from './support/preloads.js';

const QUESTION = 'Who ordered the hacking attack on Sony Pictures?';

/** The token, and the parts of it that are secret (the first part is only the bot's id in base64). */
const [, TOKEN_TIMESTAMP, TOKEN_HMAC] = TEST_TOKEN.split('.');
const SECRET_FORMS = [TEST_TOKEN, TOKEN_HMAC, `${TOKEN_TIMESTAMP}.${TOKEN_HMAC}`, Buffer.from(TEST_TOKEN).toString('base64'), encodeURIComponent(TEST_TOKEN)];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-security-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function buttons(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) => ('components' in row ? row.components.flatMap((c) => ('custom_id' in c ? [c.custom_id] : [])) : []));
}

describe('a whole bot run at LOG_LEVEL=debug', () => {
  let fake: FakeDiscord;
  let bot: NodeProcess;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TEST_TOKEN });
    const runDir = path.join(dir, 'run');
    await mkdir(runDir);
    env = storybotEnv(fake, runDir, { LOG_LEVEL: 'debug', RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1' });
    bot = await startReadyStorybot(fake, env, runDir);
  });
  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await fake?.close();
  });

  test('the feedback file holds keyed hashes of user ids only: no id, name or plain hash of one; the same user always maps to the same value', async () => {
    const asker = fake.newUser();
    const voters = [fake.newUser(), fake.newUser(), fake.newUser()];
    const answer = await fake.waitForReply(fake.sendCommand('ask', { question: QUESTION }, { user: asker }));
    const [up, down] = ['up', 'down'].map((action) => buttons(answer.message).find((id) => id.startsWith(`answer:${action}:`))!);
    // The first voter votes twice; the asker votes too.
    for (const [user, id] of [[voters[0], up], [voters[1], down], [voters[2], up], [voters[0], down], [asker, up]] as const) {
      const reply = await fake.waitForReply(fake.clickButton(answer.message, id, { user }));
      expect(reply.message.content).toMatch(/^Thanks, your/);
    }

    const raw = await readFile(env.FEEDBACK_FILE, 'utf8');
    const entries = raw.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toHaveLength(5);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['lines', 'question', 'time', 'user', 'vote']);
      expect(entry.user).toMatch(/^[0-9a-f]{32}$/);
    }
    const users = entries.map((e) => e.user);
    expect(users[0]).toBe(users[3]);
    expect(new Set(users).size).toBe(4);
    for (const person of [asker, ...voters]) {
      for (const form of [person.id, person.username, createHash('sha256').update(person.id).digest('hex').slice(0, 32), createHash('md5').update(person.id).digest('hex')]) {
        expect(raw).not.toContain(form);
      }
    }
    // Nothing that looks like a Discord id (a snowflake) anywhere in the file.
    expect(raw).not.toMatch(/(?<![0-9a-f])\d{17,20}(?![0-9a-f])/);
  });

  test('never writes the token to any output, through everyday use, failures, reconnects and shutdown', async () => {
    const user = fake.newUser();
    // Everyday use: answers, quotes, suggestions, buttons.
    const answer = await fake.waitForReply(fake.sendCommand('ask', { question: QUESTION }, { user }));
    await fake.waitForReply(fake.sendCommand('quote', { lines: '27-29' }, { user }));
    await fake.waitForChoices(fake.sendAutocomplete('quote', { text: 'sony' }, 'text'));
    await fake.waitForReply(fake.sendCommand('about'));
    for (const id of buttons(answer.message)) await fake.waitForReply(fake.clickButton(answer.message, id));
    // The rate limit, and every kind of failure that logs an error with its details.
    await fake.waitForReply(fake.sendCommand('ask', { question: QUESTION }, { user }));
    await fake.waitForReply(fake.sendCommand('ask', { question: QUESTION }, { user }));
    fake.failNext('callback', Faults.unknownInteraction());
    const expired = fake.sendCommand('ask', { question: QUESTION });
    await bot.waitForOutput(new RegExp(`interaction expired[^\\n]*interaction=${expired.id}`));
    fake.failNext('callback', Faults.serverError(), 4);
    await fake.waitForReply(fake.sendCommand('ask', { question: QUESTION }));
    fake.failNext('webhook', Faults.rateLimited(0.2));
    await fake.waitForReply(fake.sendCommand('ask', { question: QUESTION }));
    // Gateway trouble: a resume, then a new session (IDENTIFY sends the token again).
    await fake.dropConnection();
    await fake.invalidateSession();
    await fake.waitForReply(fake.sendCommand('ask', { question: QUESTION }));

    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    // The run really logged all of that.
    for (const line of [/Building the index/, /Ready/, /Answered \/ask/, /interaction expired/, /Handler failed/, /session resumed/, /session ready/, /Shutting down/]) {
      expect(bot.output).toMatch(line);
    }
    for (const secret of SECRET_FORMS) expect(bot.output).not.toContain(secret);
    // So do user ids, and interaction tokens (each lets its holder answer as the bot for 15 minutes).
    expect(bot.output).not.toContain(user.id);
    expect(bot.output).not.toMatch(/interaction\.[\w-]{20,}/);
    const feedback = await readFile(env.FEEDBACK_FILE, 'utf8');
    for (const secret of SECRET_FORMS) expect(feedback).not.toContain(secret);
  });
});

describe('secrets at rest', () => {
  test('a malformed token is refused with a message that does not repeat it', async () => {
    const badToken = `${TEST_TOKEN} extra`;
    const run = new NodeProcess('dist/src/main.js', [], { cwd: dir, env: { DISCORD_TOKEN: badToken, EMBEDDER: 'lexical' } });

    expect((await run.waitForExit()).code).toBe(1);
    expect(run.stderr.trim()).toBe('Configuration error: DISCORD_TOKEN must not contain spaces; paste the bot token exactly.');
    expect(run.output).not.toContain(TOKEN_HMAC);
  });

  test('.env (and data/, where feedback is kept) is ignored by git; .env.example is not', () => {
    const ignored = (file: string): boolean => spawnSync('git', ['check-ignore', '--quiet', '--no-index', file], { cwd: REPO_ROOT }).status === 0;
    expect(ignored('.env')).toBe(true);
    expect(ignored('data/feedback.jsonl')).toBe(true);
    expect(ignored('data/index/manifest.json')).toBe(true);
    expect(ignored('.env.example')).toBe(false);
    expect(execFileSync('git', ['ls-files', '--', '.env', 'data'], { cwd: REPO_ROOT, encoding: 'utf8' })).toBe('');
  });
});

describe('ALLOW_REMOTE_MODELS=false', () => {
  let preload: string;
  let modelsDir: string;
  beforeAll(async () => {
    preload = await writeNoNetworkPreload(dir);
    modelsDir = path.join(dir, 'models');
    await mkdir(modelsDir, { recursive: true });
  });

  /** `npm run ask` with the network watched: every fetch, DNS lookup or socket is recorded and refused. */
  async function askWatched(name: string, settings: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; network: string[] }> {
    const networkLog = path.join(dir, `${name}.network.log`);
    const run = new NodeProcess('dist/src/cli/ask.js', ['--json', QUESTION], {
      cwd: dir,
      env: {
        NODE_OPTIONS: `--import=${preload}`,
        NETWORK_LOG: networkLog,
        CORPUS_DIR: path.join(REPO_ROOT, 'corpus'),
        INDEX_DIR: path.join(dir, `${name}-index`),
        MODELS_DIR: modelsDir,
        LOG_LEVEL: 'info',
        ...settings,
      },
    });
    const exit = await run.waitForExit(60_000);
    const network = (await readFile(networkLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    return { code: exit.code, stdout: run.stdout, stderr: run.stderr, network };
  }

  test('EMBEDDER=auto falls back to the lexical embedder without a single network attempt', async () => {
    const result = await askWatched('auto-offline', { EMBEDDER: 'auto', ALLOW_REMOTE_MODELS: 'false' });

    expect(result.network).toEqual([]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ abstained: false, embedder: 'lexical' });
    expect(result.stderr).toMatch(/EMBEDDER=auto: Could not load embedding model "Xenova\/multi-qa-MiniLM-L6-cos-v1" \(remote download not allowed\)/);
  });

  test('EMBEDDER=transformers fails with the model named and MODELS_DIR to fill, without a single network attempt', async () => {
    const result = await askWatched('transformers-offline', { EMBEDDER: 'transformers', ALLOW_REMOTE_MODELS: 'false' });

    expect(result.network).toEqual([]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Could not load embedding model "Xenova\/multi-qa-MiniLM-L6-cos-v1" \(remote download not allowed\)[^\n]*MODELS_DIR/);
  });

  test('the watch works: with ALLOW_REMOTE_MODELS=true the same run does reach for the Hub (and is refused)', async () => {
    const result = await askWatched('auto-online', { EMBEDDER: 'auto', ALLOW_REMOTE_MODELS: 'true' });

    expect(result.network.length).toBeGreaterThan(0);
    expect(result.network[0]).toMatch(/^fetch https:\/\/huggingface\.co\/Xenova\/multi-qa-MiniLM-L6-cos-v1\//);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ embedder: 'lexical' });
  });
});
