import { MessageFlags, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { handleAnswerButton } from './answerButtonHandler.js';
import type { BotServices } from './botServices.js';
import { slashCommands, type SlashCommand } from './commands/index.js';
import { reportFailure } from './failures.js';
import type { RateLimiter } from './rateLimiter.js';

const commandsByName = new Map(slashCommands.map((command) => [command.definition.name, command]));

function slowDown(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're asking faster than I can keep up with. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

async function runCommand(command: SlashCommand, interaction: ChatInputCommandInteraction, services: BotServices, limiter: RateLimiter): Promise<void> {
  if (command.rateLimited) {
    const decision = limiter.take(interaction.user.id);
    if (!decision.allowed) {
      await interaction.reply({ content: slowDown(decision.retryAfterMs), flags: MessageFlags.Ephemeral });
      return;
    }
  }
  await command.execute(interaction, services);
}

async function route(interaction: Interaction, services: BotServices, limiter: RateLimiter): Promise<void> {
  if (interaction.isChatInputCommand()) {
    const command = commandsByName.get(interaction.commandName);
    if (command) {
      await runCommand(command, interaction, services, limiter);
      return;
    }
    services.log.warn('Unknown command; run npm run register to update the registered set', { command: interaction.commandName });
    await interaction.reply({ content: "I don't know that command.", flags: MessageFlags.Ephemeral });
  } else if (interaction.isAutocomplete()) {
    await commandsByName.get(interaction.commandName)?.autocomplete?.(interaction, services);
  } else if (interaction.isButton()) {
    await handleAnswerButton(interaction, services);
  }
}

/** The INTERACTION_CREATE listener: dispatches by command name or button, and never lets a failure escape. */
export function createInteractionRouter(services: BotServices, limiter: RateLimiter): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    try {
      await route(interaction, services, limiter);
    } catch (error) {
      await reportFailure(interaction, error, services.log);
    }
  };
}
