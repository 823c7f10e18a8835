import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_EMBED_MODEL, loadConfig } from '../src/config.js';

describe('config', () => {
  it('has working defaults relative to the working directory', () => {
    const config = loadConfig({}, '/srv/bot');
    expect(config).toMatchObject({
      corpusDir: '/srv/bot/corpus',
      indexDir: path.join('/srv/bot', 'data/index'),
      embedder: 'auto',
      embedModel: DEFAULT_EMBED_MODEL,
      allowRemoteModels: true,
      modelsDir: '/srv/bot/data/models',
      discord: { token: undefined, guildId: undefined, apiBase: undefined },
    });
  });

  it('reads and normalizes every kind of setting', () => {
    const config = loadConfig(
      { EMBEDDER: 'Lexical', ALLOW_REMOTE_MODELS: 'false', MODELS_DIR: 'models', CHUNK_SIZE: '4', CHUNK_OVERLAP: '2', DISCORD_API_BASE: 'http://127.0.0.1:9/api/', DISCORD_GUILD_ID: '123456789012345678', SHARDS: 'auto' },
      '/srv/bot',
    );
    expect(config.embedder).toBe('lexical');
    expect(config.allowRemoteModels).toBe(false);
    expect(config.modelsDir).toBe('/srv/bot/models');
    expect(config.retrieval).toMatchObject({ chunkSize: 4, chunkOverlap: 2 });
    expect(config.discord).toMatchObject({ apiBase: 'http://127.0.0.1:9/api', guildId: '123456789012345678', shards: 'auto' });
  });

  it.each([
    [{ EMBEDDER: 'gpt' }, 'EMBEDDER must be one of auto, lexical, transformers (got "gpt").'],
    [{ CHUNK_SIZE: '0' }, 'CHUNK_SIZE must be between 1 and 50 (got 0).'],
    [{ CHUNK_SIZE: '3', CHUNK_OVERLAP: '3' }, 'CHUNK_OVERLAP must be smaller than CHUNK_SIZE (3).'],
    [{ ALLOW_REMOTE_MODELS: 'maybe' }, 'ALLOW_REMOTE_MODELS must be true or false (got "maybe").'],
    [{ ABSTAIN_THRESHOLD: 'high' }, 'ABSTAIN_THRESHOLD must be a number (got "high").'],
    [{ DISCORD_GUILD_ID: 'my-server' }, 'DISCORD_GUILD_ID must be a Discord id: 15 to 22 digits.'],
    [{ DISCORD_API_BASE: 'discord' }, 'DISCORD_API_BASE must be a URL such as https://discord.com/api (got "discord").'],
    [{ DISCORD_TOKEN: 'two words' }, 'DISCORD_TOKEN must not contain spaces; paste the bot token exactly.'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error, silent (got "loud").'],
  ])('rejects %j naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`Configuration error: ${message}`);
    expect((error as ConfigError).variable).toBe(Object.keys(env).at(-1));
  });
});
