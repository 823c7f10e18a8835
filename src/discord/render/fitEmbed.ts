import type { APIEmbed, APIEmbedField } from 'discord.js';
import { clip, DiscordLimits } from './text.js';

function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + fields;
}

/** A text of the embed that may be shortened to meet the total. */
interface Shrinkable {
  text: string;
  set(text: string): void;
}

function shrinkables(embed: APIEmbed): Shrinkable[] {
  const parts: Shrinkable[] = (embed.fields ?? []).flatMap((field: APIEmbedField) => [
    { text: field.value, set: (text: string) => (field.value = text) },
    { text: field.name, set: (text: string) => (field.name = text) },
  ]);
  if (embed.description !== undefined) parts.push({ text: embed.description, set: (text) => (embed.description = text) });
  return parts;
}

/**
 * Holds every per-part limit (title, description, fields, footer) and then the 6000-character
 * total, shortening the longest texts first so that every part keeps some of its content.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = {
    ...embed,
    title: embed.title === undefined ? undefined : clip(embed.title, DiscordLimits.embedTitle),
    description: embed.description === undefined ? undefined : clip(embed.description, DiscordLimits.embedDescription),
    footer: embed.footer && { ...embed.footer, text: clip(embed.footer.text, DiscordLimits.footerText) },
    fields: embed.fields?.slice(0, DiscordLimits.embedFields).map((field) => ({
      ...field,
      name: clip(field.name, DiscordLimits.fieldName),
      value: clip(field.value, DiscordLimits.fieldValue),
    })),
  };
  for (let excess = embedLength(fitted) - DiscordLimits.embedTotal; excess > 0; excess = embedLength(fitted) - DiscordLimits.embedTotal) {
    const longest = shrinkables(fitted).reduce((a, b) => (b.text.length > a.text.length ? b : a));
    if (longest.text.length <= 1) break; // cannot happen within Discord's per-part limits; guards the loop
    // At most halving per step spreads the cut over several long parts instead of emptying one.
    longest.set(clip(longest.text, Math.max(longest.text.length - excess, Math.ceil(longest.text.length / 2))));
  }
  return fitted;
}
