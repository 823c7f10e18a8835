import { REST } from '@discordjs/rest';
import type { Config } from '../config.js';

/** REST options for both the gateway client and the standalone REST client: `DISCORD_API_BASE` when set. */
export function restOptions(config: Config): { api?: string } {
  return config.discord.apiBase === undefined ? {} : { api: config.discord.apiBase };
}

/** A REST client with the bot token, for registration and shard counts. */
export function createRest(config: Config, token: string): REST {
  return new REST(restOptions(config)).setToken(token);
}
