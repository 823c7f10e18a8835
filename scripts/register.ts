import { Routes, type RESTGetCurrentApplicationResult, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { configForCli, runEntryPoint } from '../src/cli/bootstrap.js';
import { redact } from '../src/log.js';
import { commandPayloads } from '../src/discord/commands/index.js';
import { createRest } from '../src/discord/discordRest.js';

// `npm run register`: puts the command set in one guild (DISCORD_GUILD_ID, instant) or globally.
// A PUT replaces the whole set, so running it again is safe.
await runEntryPoint(async () => {
  const config = configForCli();
  const { token, guildId, clientId } = config.discord;
  if (!token) {
    process.stderr.write('DISCORD_TOKEN is not set; put the bot token in .env (see .env.example).\n');
    process.exit(1);
  }
  const rest = createRest(config, token);
  try {
    const applicationId = clientId ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    const registered = (await rest.put(route, { body: commandPayloads() })) as RESTPutAPIApplicationCommandsResult;
    const scope = guildId ? `in guild ${guildId}` : 'globally (may take up to an hour to appear everywhere)';
    process.stdout.write(`Registered ${registered.length} commands ${scope} for application ${applicationId}:\n`);
    for (const command of registered) process.stdout.write(`  /${command.name}  ${command.description}\n`);
  } catch (error) {
    process.stderr.write(redact(`Registration failed: ${(error as Error).message}\n`));
    process.exitCode = 1;
  }
});
