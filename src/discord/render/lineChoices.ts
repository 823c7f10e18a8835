import type { APIApplicationCommandOptionChoice } from 'discord.js';
import type { QuoteLine } from '../../core/types.js';
import { clip, DiscordLimits, prefixAtWord } from './text.js';

/**
 * Autocomplete suggestions for `/quote text:`: each shows a line's number and text; its value is
 * the start of that line, a phrase that `/quote text:` finds again.
 */
export function lineChoices(lines: readonly QuoteLine[]): APIApplicationCommandOptionChoice<string>[] {
  const several = new Set(lines.map((line) => line.doc)).size > 1;
  return lines
    .filter((line) => line.text.trim() !== '')
    .slice(0, DiscordLimits.choices)
    .map((line) => ({
      name: clip(`${several ? `${line.doc}:` : ''}${line.n}: ${line.text.trim()}`, DiscordLimits.choiceName),
      value: prefixAtWord(line.text.trim(), DiscordLimits.choiceValue),
    }));
}
