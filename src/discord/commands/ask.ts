import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { answerMessage } from '../render/answerMessage.js';
import type { SlashCommand } from './slashCommand.js';

const MAX_QUESTION_LENGTH = 300;

export const askCommand: SlashCommand = {
  definition: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the story; the answer cites its sentences and line numbers.')
    .addStringOption((option) =>
      option.setName('question').setDescription('Your question').setRequired(true).setMaxLength(MAX_QUESTION_LENGTH),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Only you see the answer')),
  rateLimited: true,

  async execute(interaction, { knowledge, recentAnswers, log }) {
    const started = performance.now();
    const question = interaction.options.getString('question', true);
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    // Answering can outlast Discord's three seconds (the first model load, a busy machine).
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const answer = await knowledge.use((kb) => kb.ask(question));
    recentAnswers.remember(interaction.id, answer);
    await interaction.editReply(answerMessage(answer, interaction.id));
    log.info('Answered /ask', {
      interaction: interaction.id,
      ms: Math.round(performance.now() - started),
      abstained: answer.abstained,
      citations: answer.citations.length,
    });
  },
};
