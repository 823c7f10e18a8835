import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotServices } from '../botServices.js';

/** A slash command: its definition (registered with Discord, and the key for dispatch) and its handlers. */
export interface SlashCommand {
  definition: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Whether each use spends one of the user's rate-limit tokens. */
  rateLimited: boolean;
  execute(interaction: ChatInputCommandInteraction, services: BotServices): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, services: BotServices): Promise<void>;
}
