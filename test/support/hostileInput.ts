/**
 * Seeded generators of hostile input: what people (and scripts) type into a public bot.
 * The same seed gives the same inputs, so a failure can be replayed.
 */

import { seededRandom } from '../../scripts/lib/seededRandom.js';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** Words of the story and of ordinary questions, to mix hostile parts into plausible ones. */
const STORY_WORDS = [
  'Who', 'What', 'When', 'Why', 'Sony', 'North', 'Korea', 'hack', 'hacking', 'attack', 'ordered', 'The', 'Interview',
  'theater', 'chains', 'Regal', 'film', 'release', 'Christmas', 'Guardians', 'for', 'Peace', 'Seth', 'Rogen', 'Franco',
  'officials', 'NBC', 'News', 'White', 'House', 'security', 'breach', 'studio', 'cancelled', 'Kim', 'Jong', 'Un',
];

const WHITESPACE = [' ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\u2028', '\u2029', '\v', '\f'];
const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat(['\u007f', '\u0085', '\u009b', '\u001b[31m', '\u001b]8;;http://x\u0007']);
const BIDI_AND_ZERO_WIDTH = [
  '\u202e', '\u202d', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f',
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e', '\u034f',
];
const RTL_TEXT = ['من أمر بالهجوم على سوني؟', 'מי הורה על הפריצה לסוני?', 'سوني', 'شمال کره', '\u202eynoS dekcah ohW'];
const EMOJI = ['😀', '🔥', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇰🇵', '🇺🇸', '🎬', '💥', '🧑🏿‍💻', '❤️', '\u{1F600}\u{FE0F}', '\ud83d', '\ude00', '🫠'];
const MARKDOWN = [
  '**bold**', '__underline__', '*italic*', '_italic_', '~~strike~~', '||spoiler||', '# Heading', '## Sub', '-# small',
  '> quote', '>>> block quote', '- item', '1. item', '[link](https://example.com)', '<https://example.com>',
  '`code`', '\\*escaped\\*', '***', '---', '|| ** __ ~~ ` >',
];
const CODE_BLOCKS = ['```js\nprocess.exit(1)\n```', '```\n' + '`'.repeat(30) + '\n```', '```', '``` ```', '```diff\n- a\n+ b\n```', '`'.repeat(9)];
const MENTIONS = [
  '@everyone', '@here', '<@123>', '<@!123>', '<@&123>', '<#123>', '<@123456789012345678>', '<@&987654321098765432>',
  '</ask:123456789012345678>', '<t:0:R>', '<:emoji:123456789012345678>', '<a:dance:123456789012345678>', '@\u200beveryone', '＠everyone',
];
const REGEX_META = [
  '.*', '.+?', '^$', '(a+)+$', '([a-z]+)*$', '(.*a){20}', '[^]', '[', ']', '(', ')', '{', '}', '{1,999999}', '\\', '\\1', '|', '?', '+',
  '$&', '$1', "$'", '$`', '(?<x>.)\\k<x>', '\\u{110000}', '\\p{L}', '(?=x)', '[\\s\\S]*', 'a'.repeat(60) + '!',
];
const PATHS = ['../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/shadow', 'file:///etc/passwd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/proc/self/environ', '~/.ssh/id_rsa', '.env', 'data/feedback.jsonl', '\u0000'];
const SQL_AND_SCRIPT = ["'; DROP TABLE stories; --", '<script>alert(1)</script>', '${process.exit()}', '{{7*7}}', '__proto__', 'constructor', 'toString', 'null', 'undefined', 'NaN'];

export type QuestionCategory =
  | 'empty'
  | 'whitespace'
  | 'long'
  | 'control'
  | 'bidi'
  | 'emoji'
  | 'markdown'
  | 'code'
  | 'mentions'
  | 'regex'
  | 'paths'
  | 'mixed';

export const QUESTION_CATEGORIES: readonly QuestionCategory[] = [
  'empty', 'whitespace', 'long', 'control', 'bidi', 'emoji', 'markdown', 'code', 'mentions', 'regex', 'paths', 'mixed',
];

function storyWords(random: Random, count: number): string {
  return Array.from({ length: count }, () => pick(random, STORY_WORDS)).join(' ');
}

/** Hostile parts interleaved with story words, so that retrieval really runs on them. */
function salted(random: Random, parts: readonly string[], count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(random() < 0.5 ? pick(random, parts) : storyWords(random, int(random, 1, 3)));
  return out.join(random() < 0.8 ? ' ' : '');
}

/** One question of the given category. */
export function hostileQuestion(random: Random, category: QuestionCategory): string {
  switch (category) {
    case 'empty':
      return '';
    case 'whitespace':
      return Array.from({ length: int(random, 1, 40) }, () => pick(random, WHITESPACE)).join('');
    case 'long': {
      // 6000 characters (and a little either side): repeated words, one unbroken token, or a mix.
      const length = pick(random, [6000, 6000, 5999, 6001, 4000, 10_000]);
      const kind = int(random, 0, 3);
      const unit = kind === 0 ? 'a' : kind === 1 ? `${storyWords(random, 3)} ` : kind === 2 ? '😀' : salted(random, MARKDOWN.concat(MENTIONS), 4) + ' ';
      return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    }
    case 'control':
      return salted(random, CONTROL, int(random, 2, 12));
    case 'bidi':
      return salted(random, [...BIDI_AND_ZERO_WIDTH, ...RTL_TEXT], int(random, 2, 12));
    case 'emoji':
      return salted(random, EMOJI, int(random, 1, 15));
    case 'markdown':
      return salted(random, MARKDOWN, int(random, 1, 10));
    case 'code':
      return salted(random, CODE_BLOCKS, int(random, 1, 6));
    case 'mentions':
      return salted(random, MENTIONS, int(random, 1, 10));
    case 'regex':
      return salted(random, REGEX_META, int(random, 1, 12));
    case 'paths':
      return salted(random, [...PATHS, ...SQL_AND_SCRIPT], int(random, 1, 8));
    case 'mixed':
      return salted(
        random,
        [...CONTROL, ...BIDI_AND_ZERO_WIDTH, ...EMOJI, ...MARKDOWN, ...CODE_BLOCKS, ...MENTIONS, ...REGEX_META, ...PATHS, ...SQL_AND_SCRIPT],
        int(random, 1, 25),
      );
  }
}

/** `count` questions, every category in turn. */
export function hostileQuestions(seed: number, count: number): { category: QuestionCategory; text: string }[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const category = QUESTION_CATEGORIES[i % QUESTION_CATEGORIES.length];
    return { category, text: hostileQuestion(random, category) };
  });
}

/** The line ranges the issue names, and more of their kind. */
export const BAD_LINE_RANGES = [
  '0', '-5', '99999999999', '3-1', '1-99999', '1,2', '0-0', '00', '-0', '1-', '-', '--', '1--2', '1-2-3', '1 2', '1e3', '1e309',
  '0x10', '1.5', '½', '٣', '１２', '9'.repeat(400), '9'.repeat(25) + '-' + '9'.repeat(26), '2147483648-2147483649',
  '9007199254740993', 'Infinity', 'NaN', '1,000', '1;2', '1..3', '3–1', '38', '37-38', ' ', '\u200b9',
];

/** Line ranges that are fine, so that the fuzz sees successes too. */
const GOOD_LINE_RANGES = ['1', '9', ' 27 - 29 ', '3–5', '37', '1-37', '36-37', '20'];

/** Document ids the issue names, and more of their kind. */
export const HOSTILE_DOC_IDS = [
  '../../etc/passwd', '../../../../../../etc/passwd', '..\\..\\..\\windows\\win.ini', '/etc/passwd', 'C:\\Windows\\win.ini',
  'file:///etc/passwd', '%2e%2e%2fetc%2fpasswd', 'sony-hack/../../../etc/passwd', 'sony-hack\u0000.txt', 'sony-hack.txt',
  '../corpus/sony-hack', './sony-hack', '.', '..', '~', '/proc/self/environ', '.env', '../.env', '../data/feedback.jsonl',
  'data/index/manifest.json', '__proto__', 'constructor', 'SONY-HACK', 'sony_hack', 'x'.repeat(5000), '\u202esony-hack',
  '<@&123>', '@everyone', '`sony-hack`',
];

/** One quote request: a range, a phrase, or both, with or without a document id. */
function hostileQuoteRequest(random: Random): { lines?: string; text?: string; doc?: string } {
  const request: { lines?: string; text?: string; doc?: string } = {};
  const roll = random();
  if (roll < 0.45) request.lines = random() < 0.8 ? pick(random, BAD_LINE_RANGES) : pick(random, GOOD_LINE_RANGES);
  else if (roll < 0.9) request.text = random() < 0.85 ? hostileQuestion(random, pick(random, QUESTION_CATEGORIES)) : storyWords(random, int(random, 1, 2));
  else if (roll < 0.95) {
    request.lines = pick(random, [...BAD_LINE_RANGES, ...GOOD_LINE_RANGES]);
    request.text = storyWords(random, 1);
  }
  if (random() < 0.4) request.doc = random() < 0.85 ? pick(random, HOSTILE_DOC_IDS) : 'sony-hack';
  return request;
}

export function hostileQuoteRequests(seed: number, count: number): { lines?: string; text?: string; doc?: string }[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => hostileQuoteRequest(random));
}
