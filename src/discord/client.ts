import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { restOptions } from './discordRest.js';

/** The discord.js client: guild events only (interactions need no intent), and replies that never ping. */
export function createClient(config: Config, log: Logger): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: restOptions(config),
  });
  client.once(Events.ClientReady, (ready) => {
    log.info('Ready', { user: ready.user.tag, guilds: ready.guilds.cache.size, shards: ready.ws.shards.size });
  });
  // discord.js reconnects by itself (RESUME, or IDENTIFY when the session is gone) except after the close
  // codes it cannot recover from (token reset, sharding required, …): only those emit ShardDisconnect.
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.error('Gateway connection closed for good; Discord will not send this shard any more interactions', { shard, code: event.code }),
  );
  // Also emitted when the bot itself closes the connection on shutdown, hence no "reconnecting" here.
  client.on(Events.ShardReconnecting, (shard) => log.info('Gateway connection closed', { shard }));
  client.on(Events.ShardReady, (shard) => log.info('Gateway session ready', { shard }));
  client.on(Events.ShardResume, (shard, replayed) => log.info('Gateway session resumed', { shard, replayed }));
  client.on(Events.ShardError, (error, shard) => log.warn('Gateway connection error', { shard, error }));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.Error, (error) => log.error('Discord client error', { error }));
  // `global`: discord.js's own cap of 50 requests a second for the whole bot; otherwise a per-route limit.
  client.rest.on('rateLimited', (info) =>
    log.warn('Rate limited by Discord', { route: info.route, retryAfterMs: info.retryAfter, global: info.global, limit: info.limit }),
  );
  return client;
}
