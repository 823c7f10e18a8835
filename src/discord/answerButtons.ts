import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';

/** What a button under an answer does. */
export type AnswerAction = 'sources' | 'up' | 'down';

const PREFIX = 'answer';
const PATTERN = new RegExp(`^${PREFIX}:(sources|up|down):(\\d{15,22})$`);

/** The custom id names the answer (the id of the /ask interaction); the answer itself is in RecentAnswers. */
function customId(action: AnswerAction, answerId: string): string {
  return `${PREFIX}:${action}:${answerId}`;
}

export function parseAnswerButton(id: string): { action: AnswerAction; answerId: string } | undefined {
  const match = PATTERN.exec(id);
  return match ? { action: match[1] as AnswerAction, answerId: match[2] } : undefined;
}

/** "Show source lines" (when there are citations), 👍 and 👎. */
export function answerButtonRow(answerId: string, hasSources: boolean): APIActionRowComponent<APIButtonComponent> {
  const buttons = [
    ...(hasSources
      ? [new ButtonBuilder().setCustomId(customId('sources', answerId)).setLabel('Show source lines').setStyle(ButtonStyle.Secondary)]
      : []),
    new ButtonBuilder().setCustomId(customId('up', answerId)).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(customId('down', answerId)).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  ];
  return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON();
}
