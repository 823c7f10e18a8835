import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { KnowledgeBase } from '../core/knowledgeBase.js';
import type { Answer, QuoteLine, QuoteResult } from '../core/types.js';
import { parseAnswerButton } from './answerButtons.js';
import type { BotServices } from './botServices.js';
import { quoteMessage } from './render/quoteMessage.js';

const FORGOTTEN = 'I no longer have that answer at hand (I keep the recent ones only). Ask again with `/ask`.';
const NOT_MINE = 'That button is not one I know.';

/** The lines an answer cites, each once, in story order, quoted as `/quote` would. */
function citedLines(knowledge: KnowledgeBase, answer: Answer): QuoteResult {
  const byKey = new Map<string, QuoteLine>();
  for (const citation of answer.citations) {
    const [first, last] = citation.lines;
    const result = knowledge.quote({ doc: citation.doc, lines: `${first}-${last}` });
    if (!result.ok) return result;
    for (const line of result.lines) byKey.set(`${line.doc}\0${line.n}`, line);
  }
  const lines = [...byKey.values()].sort((a, b) => a.doc.localeCompare(b.doc) || a.n - b.n);
  return { ok: true, lines };
}

/** "Show source lines" answers privately with the cited lines; 👍/👎 appends to the feedback file. */
export async function handleAnswerButton(interaction: ButtonInteraction, { knowledge, recentAnswers, feedback }: BotServices): Promise<void> {
  const button = parseAnswerButton(interaction.customId);
  const answer = button && recentAnswers.get(button.answerId);
  if (!button || !answer) {
    await interaction.reply({ content: button ? FORGOTTEN : NOT_MINE, flags: MessageFlags.Ephemeral });
    return;
  }
  if (button.action === 'sources') {
    const { result, summary } = await knowledge.use((kb) => ({ result: citedLines(kb, answer), summary: kb.summary() }));
    await interaction.reply({ ...quoteMessage(result, summary), flags: MessageFlags.Ephemeral });
    return;
  }
  await feedback.record(button.action, answer, interaction.user.id);
  await interaction.reply({
    content: `Thanks, your ${button.action === 'up' ? '👍' : '👎'} is noted.`,
    flags: MessageFlags.Ephemeral,
  });
}
