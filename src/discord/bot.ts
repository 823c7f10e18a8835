import { Events } from 'discord.js';
import type { Config } from '../config.js';
import { KnowledgeBase } from '../core/knowledgeBase.js';
import { createLogger } from '../log.js';
import type { BotServices } from './botServices.js';
import { createClient } from './client.js';
import { FeedbackLog } from './feedbackLog.js';
import { watchForNewIndex } from './hotReload.js';
import { createInteractionRouter } from './interactionRouter.js';
import { LiveKnowledgeBase } from './liveKnowledgeBase.js';
import { handleProcessEvents } from './processLifecycle.js';
import { RateLimiter } from './rateLimiter.js';
import { RecentAnswers } from './recentAnswers.js';

/** `shard 2` in a process that ShardingManager spawned, else `discord`. */
function logScope(): string {
  return process.env.SHARDING_MANAGER && process.env.SHARDS !== undefined ? `shard ${process.env.SHARDS}` : 'discord';
}

/** Runs one bot process: loads the index, logs in, answers interactions until SIGINT or SIGTERM. */
export async function runBot(config: Config, token: string): Promise<void> {
  const log = createLogger(logScope());
  const knowledge = new LiveKnowledgeBase(await KnowledgeBase.open(config));
  const services: BotServices = {
    knowledge,
    recentAnswers: new RecentAnswers(),
    // Keyed with the bot token: stable pseudonyms that nobody without the token can link back to users.
    feedback: new FeedbackLog(config.feedbackFile, token),
    log,
  };
  const client = createClient(config, log);
  const route = createInteractionRouter(services, new RateLimiter(config.rateLimit));
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  const indexWatcher = watchForNewIndex(config, knowledge, log);

  const stop = handleProcessEvents(async () => {
    indexWatcher.close();
    await client.destroy();
    knowledge.close();
    // A shard's IPC channel to its ShardingManager would keep the process alive.
    if (process.connected) process.disconnect();
  }, log);
  // After a close discord.js cannot recover from (the token was reset, sharding became required, …)
  // the process would live on without receiving anything; end it with an error so that a process
  // manager restarts it and the failure shows.
  client.once(Events.ShardDisconnect, () => void stop(1));
  try {
    await client.login(token);
  } catch (error) {
    log.error('Could not log in to Discord', { error });
    await stop(1);
  }
}
