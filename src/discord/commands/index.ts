import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { aboutCommand } from './about.js';
import { askCommand } from './ask.js';
import { quoteCommand } from './quote.js';
import type { SlashCommand } from './slashCommand.js';

export type { SlashCommand } from './slashCommand.js';

/** The bot's command set: registered as is by `npm run register`, and dispatched by name. */
export const slashCommands: readonly SlashCommand[] = [askCommand, quoteCommand, aboutCommand];

export function commandPayloads(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return slashCommands.map((command) => command.definition.toJSON());
}
