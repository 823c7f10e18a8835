import type { Config } from '../config.js';
import { runBot } from './bot.js';
import { runShardManager } from './sharding.js';

/** The bot, as one process, or through ShardingManager when `SHARDS` is set. */
export function runDiscord(config: Config, token: string): Promise<void> {
  const { shards } = config.discord;
  return shards === undefined ? runBot(config, token) : runShardManager(config, token, shards);
}
