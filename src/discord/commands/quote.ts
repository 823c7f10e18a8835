import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { lineChoices } from '../render/lineChoices.js';
import { quoteMessage } from '../render/quoteMessage.js';
import { DiscordLimits } from '../render/text.js';
import type { SlashCommand } from './slashCommand.js';

const MISSING_OPTION = 'Tell me what to quote: `lines:` such as `27-29`, or `text:` with a phrase from the story.';

export const quoteCommand: SlashCommand = {
  definition: new SlashCommandBuilder()
    .setName('quote')
    .setDescription('Quote exact lines of the story, by number or by phrase.')
    .addStringOption((option) =>
      option.setName('lines').setDescription('A line or a range, such as 9 or 27-29').setMaxLength(20),
    )
    .addStringOption((option) =>
      option.setName('text').setDescription('A phrase to find in the story').setAutocomplete(true).setMaxLength(200),
    ),
  rateLimited: true,

  async execute(interaction, { knowledge }) {
    const lines = interaction.options.getString('lines') ?? undefined;
    const text = interaction.options.getString('text') ?? undefined;
    if (lines === undefined && text === undefined) {
      await interaction.reply({ content: MISSING_OPTION, flags: MessageFlags.Ephemeral });
      return;
    }
    const { result, summary } = await knowledge.use((kb) => ({ result: kb.quote({ lines, text }), summary: kb.summary() }));
    await interaction.reply({ ...quoteMessage(result, summary), flags: result.ok ? undefined : MessageFlags.Ephemeral });
  },

  async autocomplete(interaction, { knowledge }) {
    const focused = interaction.options.getFocused(true);
    const lines = focused.name === 'text' ? await knowledge.use((kb) => kb.suggest(focused.value, DiscordLimits.choices)) : [];
    await interaction.respond(lineChoices(lines));
  },
};
