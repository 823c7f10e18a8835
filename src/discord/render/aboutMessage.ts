import { time, TimestampStyles, type APIEmbed } from 'discord.js';
import type { CorpusSummary } from '../../core/types.js';
import { fitEmbed } from './fitEmbed.js';
import { DiscordLimits, escapeStoryText } from './text.js';

const HOW_TO = [
  '**/ask** `question:` — I answer from the story and cite its sentences with line numbers. Add `private: True` to see the answer alone.',
  '**/quote** `lines:` — exact lines by number or range, such as `9` or `27-29`.',
  '**/quote** `text:` — every line containing a phrase; suggestions appear as you type.',
  'Under an answer: **Show source lines** quotes the cited lines; 👍 / 👎 tell the maintainers how it went.',
].join('\n');

/** What the bot knows (stories, sentences, embedder, build time) and how to use it. */
export function aboutMessage(summary: CorpusSummary): { embeds: APIEmbed[] } {
  const stories = summary.documents.map(
    (d) => `**${escapeStoryText(d.title, DiscordLimits.embedTitle)}** (\`${d.id}\`): ${d.sentences} sentences, ${d.lines} lines`,
  );
  const builtAt = new Date(summary.builtAt);
  const index = [
    `${summary.sentences} sentences in ${summary.chunks} chunks`,
    `Embedder: ${summary.embedder} (${summary.model})`,
    `Index built ${Number.isNaN(builtAt.getTime()) ? summary.builtAt : time(builtAt, TimestampStyles.LongDateTime)}`,
  ];
  return {
    embeds: [
      fitEmbed({
        title: 'About storybot',
        description: HOW_TO,
        fields: [
          { name: `Stories (${summary.documents.length})`, value: stories.join('\n') || 'No stories are indexed yet.' },
          { name: 'Index', value: index.join('\n') },
        ],
      }),
    ],
  };
}
