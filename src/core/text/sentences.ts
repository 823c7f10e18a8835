import type { Sentence, SentenceKind } from '../types.js';
import { lineOf, lineStarts } from './lines.js';

/** Words that end in a period without ending a sentence (lowercase, without the period). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'capt',
  'sgt', 'rev', 'hon', 'pres', 'supt', 'mt', 'ft', 'ave', 'blvd', 'rd', 'inc', 'ltd', 'co', 'corp',
  'bros', 'vs', 'no', 'nos', 'vol', 'fig', 'approx', 'dept', 'est', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu',
  'thur', 'thurs', 'fri', 'sat', 'sun', 'e.g', 'i.e', 'cf', 'al',
]);

/** Lines that start a caption, e.g. `Pic: …`. */
const CAPTION = /^\s*(pic|picture|photo|image|caption|video)\s*:/i;

/** Page furniture that scrapers leave at the end of an article. */
const TRAILING_BOILERPLATE =
  /^\s*(comments?|\d+\s+comments?|advertisement|share( this( article| story)?)?|related( stories| articles)?|read more|more from .{1,40}|follow us( on .{1,30})?|sign up.{0,40}|subscribe.{0,30})\s*$/i;

const CLOSERS = `"'”’»)]`;
const OPENERS = `"'“‘«([`;

interface Span {
  start: number;
  end: number;
  kind: SentenceKind;
}

function isAbbreviation(wordBeforePeriod: string): boolean {
  const word = wordBeforePeriod.toLowerCase();
  // Initials and dotted acronyms: J. / U.S / D.C / U.S.A
  if (/^[a-z](\.[a-z])*$/.test(word)) return true;
  return ABBREVIATIONS.has(word);
}

function startsNewSentence(char: string | undefined): boolean {
  if (char === undefined) return true;
  return /[\p{Lu}\p{N}]/u.test(char) || OPENERS.includes(char) || char === '…';
}

/** Splits one paragraph of running text into sentence spans (offsets into `text`). */
function splitRunningText(text: string, from: number, to: number, out: Span[]): void {
  let sentenceStart = from;
  const push = (end: number): void => {
    const slice = text.slice(sentenceStart, end);
    const lead = slice.length - slice.trimStart().length;
    const trimmed = slice.trim();
    if (/[\p{L}\p{N}]/u.test(trimmed)) {
      out.push({ start: sentenceStart + lead, end: sentenceStart + lead + trimmed.length, kind: 'body' });
      sentenceStart = end;
    }
  };
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (char !== '.' && char !== '!' && char !== '?' && char !== '…') continue;
    let end = i + 1;
    while (end < to && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end++;
    while (end < to && CLOSERS.includes(text[end])) end++;
    if (end < to && !/\s/.test(text[end])) continue;
    let next = end;
    while (next < to && /\s/.test(text[next])) next++;
    if (next < to && !startsNewSentence(text[next])) continue;
    if (char === '.' && end === i + 1) {
      const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(from, i - 20), i))?.[1] ?? '';
      if (isAbbreviation(word) && next < to && !/[.!?]/.test(text[i - 1] ?? '')) {
        // "Dec. 25" and "U.S. officials" continue; an abbreviation ends a sentence only at a paragraph end.
        continue;
      }
    }
    // A sentence needs a letter or digit: ". … We" keeps the ellipsis with what follows.
    if (!/[\p{L}\p{N}]/u.test(text.slice(sentenceStart, end))) continue;
    push(end);
    i = end - 1;
  }
  push(to);
}

/**
 * Splits a document into sentences that keep their source lines.
 * The first non-blank line is the title, `Pic:`-style lines are captions, trailing boilerplate
 * (a lone `Comments`, say) is dropped, and blank lines end paragraphs.
 */
export function splitSentences(text: string, docIndex = 0): Sentence[] {
  const starts = lineStarts(text);
  const lines = text.split('\n');
  let last = lines.length - 1;
  while (last >= 0 && (lines[last].trim() === '' || TRAILING_BOILERPLATE.test(lines[last]))) last--;
  const spans: Span[] = [];
  let titleSeen = false;
  let paragraphStart = -1;
  const closeParagraph = (endLine: number): void => {
    if (paragraphStart < 0) return;
    splitRunningText(text, starts[paragraphStart], starts[endLine - 1] + lines[endLine - 1].length, spans);
    paragraphStart = -1;
  };
  for (let index = 0; index <= last; index++) {
    const line = lines[index];
    const standalone = !titleSeen ? 'title' : CAPTION.test(line) ? 'caption' : undefined;
    if (line.trim() === '' || standalone) closeParagraph(index);
    if (line.trim() === '') continue;
    if (standalone) {
      titleSeen = true;
      const lead = line.length - line.trimStart().length;
      spans.push({ start: starts[index] + lead, end: starts[index] + line.trimEnd().length, kind: standalone });
    } else if (paragraphStart < 0) paragraphStart = index;
  }
  closeParagraph(last + 1);
  return spans.map((span, ordinal) => ({
    docIndex,
    ordinal,
    kind: span.kind,
    start: span.start,
    end: span.end,
    startLine: lineOf(starts, span.start),
    endLine: lineOf(starts, span.end - 1),
  }));
}

/** The sentence's text as in the source, with its line breaks turned into spaces. */
export function sentenceText(documentText: string, sentence: Pick<Sentence, 'start' | 'end'>): string {
  return documentText.slice(sentence.start, sentence.end).replace(/[ \t]*\n[ \t]*/g, ' ');
}
