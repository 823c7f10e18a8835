import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { commandPayloads } from '../src/discord/commands/index.js';
import { startFakeDiscord, type FakeDiscord } from './fakeDiscord/index.js';
import { NodeProcess } from './fakeDiscord/nodeProcess.js';
import { TEST_TOKEN } from './fakeDiscord/storybot.js';

let fake: FakeDiscord;
let dir: string;

beforeEach(async () => {
  fake = await startFakeDiscord({ token: TEST_TOKEN });
  dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-register-'));
});

afterEach(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

/** `npm run register`, i.e. `node dist/scripts/register.js`, with only these settings. */
async function register(env: Record<string, string>): Promise<NodeProcess> {
  const run = new NodeProcess('dist/scripts/register.js', [], {
    env: { DISCORD_API_BASE: fake.apiBase, LOG_LEVEL: 'info', ...env },
    cwd: dir,
  });
  await run.waitForExit(30_000);
  return run;
}

describe('npm run register', () => {
  test('puts the command set in the guild of DISCORD_GUILD_ID, asking the API for the application id', async () => {
    const guildId = fake.world.guilds[0].id;
    const run = await register({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_GUILD_ID: guildId });

    expect(run.child.exitCode).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /applications/@me',
      `PUT /applications/${fake.world.applicationId}/guilds/${guildId}/commands`,
    ]);
    expect(fake.registrations).toEqual([{ scope: 'guild', guildId, body: commandPayloads() }]);
    expect(run.stdout).toContain(`Registered 3 commands in guild ${guildId}`);
    for (const name of ['/ask', '/quote', '/about']) expect(run.stdout).toContain(name);
    expect(run.output).not.toContain(TEST_TOKEN);
  });

  test('the payload: /ask question (required, at most 300) and private; /quote lines and text with autocomplete; /about', async () => {
    await register({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_GUILD_ID: fake.world.guilds[0].id });

    const [ask, quote, about] = fake.registrations[0].body;
    expect(ask).toMatchObject({
      name: 'ask',
      options: [
        { name: 'question', type: ApplicationCommandOptionType.String, required: true, max_length: 300 },
        { name: 'private', type: ApplicationCommandOptionType.Boolean, required: false },
      ],
    });
    expect(quote).toMatchObject({
      name: 'quote',
      options: [
        { name: 'lines', type: ApplicationCommandOptionType.String, required: false },
        { name: 'text', type: ApplicationCommandOptionType.String, required: false, autocomplete: true },
      ],
    });
    expect(about).toMatchObject({ name: 'about' });
    expect('options' in about ? about.options ?? [] : []).toEqual([]);
  });

  test('runs again safely: the same PUT replaces the set with itself', async () => {
    const env = { DISCORD_TOKEN: TEST_TOKEN, DISCORD_GUILD_ID: fake.world.guilds[0].id };
    const first = await register(env);
    const second = await register(env);

    expect([first.child.exitCode, second.child.exitCode]).toEqual([0, 0]);
    expect(fake.registrations).toHaveLength(2);
    expect(fake.registrations[1]).toEqual(fake.registrations[0]);
    expect(second.stdout).toBe(first.stdout);
  });

  test('without DISCORD_GUILD_ID registers globally, with DISCORD_CLIENT_ID as the application id', async () => {
    const clientId = fake.world.applicationId;
    const run = await register({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_CLIENT_ID: clientId });

    expect(run.child.exitCode).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`PUT /applications/${clientId}/commands`]);
    expect(fake.registrations).toEqual([{ scope: 'global', guildId: undefined, body: commandPayloads() }]);
    expect(run.stdout).toContain('Registered 3 commands globally');
  });

  test('without DISCORD_TOKEN says what is missing and exits 1', async () => {
    const run = await register({});

    expect(run.child.exitCode).toBe(1);
    expect(run.stderr).toContain('DISCORD_TOKEN is not set');
    expect(fake.requests).toEqual([]);
  });
});
