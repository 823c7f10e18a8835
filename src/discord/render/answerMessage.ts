import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, Citation } from '../../core/types.js';
import { answerButtonRow } from '../answerButtons.js';
import { fitEmbed } from './fitEmbed.js';
import { DiscordLimits, escapeStoryText, escapeUserText, lineSpan } from './text.js';

const ANSWER_COLOR = 0x5865f2;
const ABSTAIN_COLOR = 0x99aab5;

export interface AnswerMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

function footer(answer: Answer): string {
  const embedder = `Embedder: ${answer.embedder} (${answer.model})`;
  return answer.abstained ? embedder : `${embedder} · confidence ${Math.round(answer.confidence * 100)}%`;
}

/** `[1] Title · lines 3–5` over the quoted sentence; a long title gives way so that the lines stay visible. */
function sourceField(citation: Citation): APIEmbedField {
  const marker = `[${citation.n}] `;
  const where = ` · ${lineSpan(citation.lines)}`;
  const title = escapeStoryText(citation.docTitle, DiscordLimits.fieldName - marker.length - where.length);
  return { name: `${marker}${title}${where}`, value: `> ${escapeStoryText(citation.text, DiscordLimits.fieldValue - 2)}` };
}

/**
 * An answer as Discord shows it: the question as title, the cited sentences with their markers,
 * one source field per citation (document title, lines, exact sentence), the embedder in the footer,
 * and the buttons underneath.
 */
export function answerMessage(answer: Answer, answerId: string): AnswerMessage {
  const embed = fitEmbed({
    title: escapeUserText(answer.question.trim(), DiscordLimits.embedTitle) || 'Your question',
    description: escapeStoryText(answer.answer, DiscordLimits.embedDescription),
    color: answer.abstained ? ABSTAIN_COLOR : ANSWER_COLOR,
    fields: answer.citations.map(sourceField),
    footer: { text: footer(answer) },
  });
  return { embeds: [embed], components: [answerButtonRow(answerId, answer.citations.length > 0)] };
}
