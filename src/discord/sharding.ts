import { Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import type { Config } from '../config.js';
import { KnowledgeBase } from '../core/knowledgeBase.js';
import { createLogger } from '../log.js';
import { createRest } from './discordRest.js';
import { handleProcessEvents } from './processLifecycle.js';

/** A shard loads a prepared index, so it is ready within seconds unless Discord is slow. */
const SHARD_READY_TIMEOUT_MS = 120_000;

async function recommendedShardCount(config: Config, token: string): Promise<number> {
  // discord.js's own 'auto' asks discord.com directly; this honours DISCORD_API_BASE.
  const gateway = (await createRest(config, token).get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}

/** Kills every shard process and resolves when all have exited (each shuts down cleanly on SIGTERM). */
function stopShards(manager: ShardingManager): Promise<void> {
  const exits = [...manager.shards.values()].map((shard) => {
    const child = shard.process;
    if (!child || child.exitCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    shard.kill(); // kill(), not child.kill(): it keeps the manager from respawning the shard
    return exited;
  });
  return Promise.all(exits).then(() => undefined);
}

/**
 * Runs the bot as several processes through discord.js's ShardingManager, each spawned from this
 * same entry point. The index is prepared first so that the shards do not all build it at once.
 */
export async function runShardManager(config: Config, token: string, shards: number | 'auto'): Promise<void> {
  const log = createLogger('shards');
  (await KnowledgeBase.open(config)).close();
  const totalShards = shards === 'auto' ? await recommendedShardCount(config, token) : shards;
  const manager = new ShardingManager(process.argv[1], { token, totalShards, mode: 'process', respawn: true });
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    log.info('Shard launched', { shard: shard.id, of: totalShards });
    shard.on('death', () => {
      if (!stopping) log.warn('Shard process died; respawning it', { shard: shard.id });
    });
  });
  const stop = handleProcessEvents(() => {
    stopping = true;
    return stopShards(manager);
  }, log);
  try {
    await manager.spawn({ timeout: SHARD_READY_TIMEOUT_MS });
    log.info('All shards ready', { shards: totalShards });
  } catch (error) {
    if (stopping) return;
    log.error('Could not start the shards', { error });
    await stop(1);
  }
}
