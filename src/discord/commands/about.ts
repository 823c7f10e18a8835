import { SlashCommandBuilder } from 'discord.js';
import { aboutMessage } from '../render/aboutMessage.js';
import type { SlashCommand } from './slashCommand.js';

export const aboutCommand: SlashCommand = {
  definition: new SlashCommandBuilder().setName('about').setDescription('What the bot knows, and how to use it.'),
  rateLimited: false,

  async execute(interaction, { knowledge }) {
    await interaction.reply(aboutMessage(await knowledge.use((kb) => kb.summary())));
  },
};
