import { configForCli, runEntryPoint } from './cli/bootstrap.js';
import { runRepl } from './cli/repl.js';
import { runDiscord } from './discord/runDiscord.js';

// `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the terminal session.
await runEntryPoint(async () => {
  const config = configForCli();
  const token = config.discord.token;
  if (token) await runDiscord(config, token);
  else await runRepl(config);
});
