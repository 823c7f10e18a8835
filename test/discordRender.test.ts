import { describe, expect, test } from 'vitest';
import type { Answer, CorpusSummary, QuoteLine } from '../src/core/types.js';
import { answerMessage } from '../src/discord/render/answerMessage.js';
import { fitEmbed } from '../src/discord/render/fitEmbed.js';
import { lineChoices } from '../src/discord/render/lineChoices.js';
import { quoteMessage } from '../src/discord/render/quoteMessage.js';
import { clip } from '../src/discord/render/text.js';
import { choiceViolations, DISCORD_LIMITS, messageViolations } from './fakeDiscord/limits.js';

const words = (count: number, word = 'sentence'): string => Array.from({ length: count }, (_, i) => `${word}${i}`).join(' ');

const summary: CorpusSummary = {
  documents: [{ id: 'long', title: words(80, 'Title'), sentences: 10, lines: 500 }],
  sentences: 10,
  chunks: 4,
  embedder: 'lexical',
  model: 'hashed-tfidf-v1-256',
  builtAt: '2025-01-01T00:00:00.000Z',
};

function hugeAnswer(): Answer {
  const citations = Array.from({ length: 10 }, (_, i) => ({
    n: i + 1,
    doc: 'long',
    docTitle: words(80, 'Title'),
    sentence: i + 1,
    lines: [i * 10 + 1, i * 10 + 9] as [number, number],
    text: words(400),
    score: 0.9,
  }));
  return {
    question: `**${words(100, 'why')}**`,
    abstained: false,
    answer: citations.map((c) => `${c.text} [${c.n}]`).join(' '),
    citations,
    confidence: 0.9,
    embedder: 'lexical',
    model: 'hashed-tfidf-v1-256',
  };
}

describe('Discord limits in rendering', () => {
  test('an answer far past every limit still makes a valid message, shortened with "…"', () => {
    const message = answerMessage(hugeAnswer(), '123456789012345678');
    const [embed] = message.embeds;

    expect(messageViolations(message)).toEqual([]);
    expect(embed.title?.endsWith('…')).toBe(true);
    expect(embed.description?.endsWith('…')).toBe(true);
    expect(embed.fields).toHaveLength(10);
    for (const field of embed.fields ?? []) expect(field.value.length).toBeGreaterThan(20);
  });

  test('fitEmbed holds the 6000 total even with 25 full fields', () => {
    const embed = fitEmbed({
      title: words(100),
      description: words(1000),
      fields: Array.from({ length: 30 }, () => ({ name: words(60), value: words(300) })),
      footer: { text: words(400) },
    });

    expect(messageViolations({ embeds: [embed] })).toEqual([]);
    expect(embed.fields).toHaveLength(DISCORD_LIMITS.embedFields);
  });

  test('a quote longer than a description keeps whole lines and says how many were left out', () => {
    const lines: QuoteLine[] = Array.from({ length: 100 }, (_, i) => ({ doc: 'long', n: i + 1, text: words(20) }));
    const message = quoteMessage({ ok: true, lines }, summary);

    expect(messageViolations(message)).toEqual([]);
    const description = 'embeds' in message ? (message.embeds[0].description ?? '') : '';
    const shown = description.split('\n');
    expect(shown.at(-1)).toMatch(new RegExp(`^… and ${100 - (shown.length - 1)} more lines$`));
    expect(shown.slice(0, -1).every((line, i) => line === `\`${i + 1}\` ${words(20)}`)).toBe(true);
  });

  test('autocomplete choices stay within 25 and 100 characters, each value a phrase of its line', () => {
    const lines: QuoteLine[] = Array.from({ length: 40 }, (_, i) => ({ doc: 'long', n: i + 1, text: `${words(30)} ` }));
    const choices = lineChoices(lines);

    expect(choiceViolations(choices)).toEqual([]);
    expect(choices).toHaveLength(DISCORD_LIMITS.choices);
    for (const choice of choices) {
      expect(choice.name.endsWith('…')).toBe(true);
      expect(words(30).startsWith(choice.value)).toBe(true);
    }
  });

  test('clip never splits an emoji', () => {
    const clipped = clip(`${'a'.repeat(8)}😀😀`, 10);

    expect(clipped).toBe(`${'a'.repeat(8)}…`);
    expect(clipped.length).toBeLessThanOrEqual(10);
  });
});
