import { escapeMarkdown } from 'discord.js';

const ELLIPSIS = '…';

/** Discord's limits on what a bot sends. */
export const DiscordLimits = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Cuts `text` to at most `max` characters, never inside a surrogate pair. */
function cut(text: string, max: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** The longest start of `text` within `max` characters that ends at a word boundary, if one is reasonably near. */
export function prefixAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = cut(text, max);
  if (/\s/.test(text.charAt(head.length))) return head.trimEnd();
  const space = head.lastIndexOf(' ');
  return (space >= max * 0.6 ? head.slice(0, space) : head).trimEnd();
}

/** `text` if it fits in `max` characters, otherwise shortened at a word and ended with "…". */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : prefixAtWord(text, max - ELLIPSIS.length) + ELLIPSIS;
}

/** Text from a user, made to show literally: no markdown, headings, lists or masked links take effect. */
export function escapeUserText(text: string, max: number): string {
  return escapedWithin(text, max, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/** Story text shown verbatim: markdown characters in the source must not change how it renders. */
export function escapeStoryText(text: string, max: number): string {
  return escapedWithin(text, max, {});
}

// Clipping before escaping too keeps the cost bounded: escapeMarkdown slows down badly on long texts.
function escapedWithin(text: string, max: number, options: Parameters<typeof escapeMarkdown>[1]): string {
  return clip(escapeMarkdown(clip(text, max), options), max);
}

/** `line 9` or `lines 27–29`. */
export function lineSpan([start, end]: readonly [number, number]): string {
  return start === end ? `line ${start}` : `lines ${start}–${end}`;
}
