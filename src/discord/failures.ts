import { DiscordAPIError, MessageFlags, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import type { Logger } from '../log.js';

const SOMETHING_WENT_WRONG = 'Something went wrong while answering that. The maintainers can find the details in the log; please try again.';

/** Discord no longer accepts a response: the three seconds passed, or the interaction was answered elsewhere. */
function isExpiredInteraction(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;
}

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent()) return `component ${interaction.customId}`;
  return `interaction type ${interaction.type}`;
}

/**
 * After a handler threw: logs it with its stack and, when Discord still accepts a response,
 * tells the user privately that something went wrong. Never throws.
 */
export async function reportFailure(interaction: Interaction, error: unknown, log: Logger): Promise<void> {
  const fields = { interaction: interaction.id, handler: describe(interaction), error };
  if (isExpiredInteraction(error)) {
    log.warn('The interaction expired before the bot answered (Discord error 10062)', fields);
    return;
  }
  log.error('Handler failed', fields);
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      if (interaction.deferred && !interaction.replied) await interaction.editReply({ content: SOMETHING_WENT_WRONG, embeds: [], components: [] });
      else if (interaction.replied) await interaction.followUp({ content: SOMETHING_WENT_WRONG, flags: MessageFlags.Ephemeral });
      else await interaction.reply({ content: SOMETHING_WENT_WRONG, flags: MessageFlags.Ephemeral });
    }
  } catch (replyError) {
    log.warn('Could not tell the user that the handler failed', { interaction: interaction.id, error: replyError });
  }
}
