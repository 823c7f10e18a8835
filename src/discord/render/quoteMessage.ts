import type { APIEmbed } from 'discord.js';
import type { CorpusSummary, QuoteLine, QuoteResult } from '../../core/types.js';
import { fitEmbed } from './fitEmbed.js';
import { DiscordLimits, escapeStoryText } from './text.js';

const QUOTE_COLOR = 0x57f287;

export type QuoteMessage = { embeds: APIEmbed[] } | { content: string };

function renderLine(line: QuoteLine): string {
  return `\`${line.n}\` ${escapeStoryText(line.text, DiscordLimits.embedDescription)}`;
}

/** As many whole lines as fit in `max` characters, then how many were left out. */
function joinWithin(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const rest = `… and ${lines.length - i} more lines`;
    const needed = length + line.length + 1;
    const lastOne = i === lines.length - 1;
    if (needed + (lastOne ? 0 : rest.length + 1) > max) return [...kept, rest].join('\n');
    kept.push(line);
    length = needed;
  }
  return kept.join('\n');
}

/**
 * Exact source lines with their numbers, under the story's title (each story its own
 * heading when the lines come from several); a failed quote is the core's explanation.
 */
export function quoteMessage(result: QuoteResult, summary: CorpusSummary): QuoteMessage {
  if (!result.ok) return { content: escapeStoryText(result.message, DiscordLimits.content) };
  const documents = summary.documents.filter((d) => result.lines.some((line) => line.doc === d.id));
  const several = documents.length > 1;
  const rendered = documents.flatMap((document) => [
    ...(several ? [`**${escapeStoryText(document.title, DiscordLimits.embedTitle)}**`] : []),
    ...result.lines.filter((line) => line.doc === document.id).map(renderLine),
  ]);
  const count = result.lines.length;
  return {
    embeds: [
      fitEmbed({
        title: several ? `Quoted from ${documents.length} stories` : escapeStoryText(documents[0].title, DiscordLimits.embedTitle),
        description: joinWithin(rendered, DiscordLimits.embedDescription),
        color: QUOTE_COLOR,
        footer: { text: `${count} ${count === 1 ? 'line' : 'lines'} quoted exactly from the source` },
      }),
    ],
  };
}
