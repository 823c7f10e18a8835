import { lineOf, lineStarts } from '../text/lines.js';
import type { Document, QuoteLine, QuoteRequest, QuoteResult } from '../types.js';

export const MAX_QUOTE_LINES = 100;
export const MAX_PHRASE_LENGTH = 200;

const USAGE = 'Use a line number such as 9, a range such as 27-29, or a phrase.';

function linesOf(document: Document): string[] {
  return document.text.split('\n');
}

function selectDocuments(documents: readonly Document[], id: string | undefined): Document[] | string {
  if (documents.length === 0) return 'No stories are indexed yet.';
  if (id === undefined || id.trim() === '') return [...documents];
  const match = documents.find((document) => document.id === id.trim());
  if (match) return [match];
  const known = documents.map((document) => document.id).join(', ');
  return `There is no story called "${id.trim().slice(0, 80)}". Stories: ${known}.`;
}

/** A line number as typed, for messages: no leading zeros, and a very long one shortened (it may be past Number's range). */
function shownNumber(digits: string): string {
  const plain = digits.replace(/^0+(?=\d)/, '');
  return plain.length > 12 ? `${plain.slice(0, 12)}…` : plain;
}

function quoteRange(documents: readonly Document[], range: string): QuoteResult {
  const match = /^\s*(\d+)\s*(?:[-–—]\s*(\d+))?\s*$/.exec(range);
  if (!match) return { ok: false, message: `"${range.trim().slice(0, 40)}" is not a line range. ${USAGE}` };
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (first < 1) return { ok: false, message: 'Line numbers start at 1.' };
  const [shownFirst, shownLast] = [shownNumber(match[1]), shownNumber(match[2] ?? match[1])];
  if (last < first) return { ok: false, message: `The range ${shownFirst}-${shownLast} runs backwards; did you mean ${shownLast}-${shownFirst}?` };
  if (last - first + 1 > MAX_QUOTE_LINES) return { ok: false, message: `That is more than ${MAX_QUOTE_LINES} lines; ask for a shorter range.` };
  const lines: QuoteLine[] = [];
  for (const document of documents) {
    const text = linesOf(document);
    if (last > text.length) continue;
    for (let n = first; n <= last; n++) lines.push({ doc: document.id, n, text: text[n - 1] });
  }
  if (lines.length > 0) return { ok: true, lines };
  const sizes = documents.map((document) => `${document.id} has ${linesOf(document).length}`).join(', ');
  const span = shownFirst === shownLast ? shownFirst : `${shownFirst}-${shownLast}`;
  return { ok: false, message: `Lines ${span} are past the end of the story (${sizes} lines).` };
}

/** A case-insensitive pattern for the phrase that lets any white space, line breaks included, separate its words. */
function phrasePattern(phrase: string): RegExp {
  const escaped = phrase
    .trim()
    .split(/\s+/)
    .map((word) =>
      word
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/['‘’]/g, "['‘’]")
        .replace(/["“”]/g, '["“”]'),
    );
  return new RegExp(escaped.join('\\s+'), 'giu');
}

/** Every source line that a match of the phrase touches, in document order. */
export function findPhrase(documents: readonly Document[], phrase: string, limit: number): QuoteLine[] {
  const pattern = phrasePattern(phrase);
  const found: QuoteLine[] = [];
  for (const document of documents) {
    const text = linesOf(document);
    const starts = lineStarts(document.text);
    const taken = new Set<number>();
    for (const match of document.text.matchAll(pattern)) {
      const from = lineOf(starts, match.index);
      const to = lineOf(starts, match.index + match[0].length - 1);
      for (let n = from; n <= to; n++) {
        if (taken.has(n)) continue;
        taken.add(n);
        found.push({ doc: document.id, n, text: text[n - 1] });
        if (found.length >= limit) return found;
      }
    }
  }
  return found;
}

function quotePhrase(documents: readonly Document[], phrase: string): QuoteResult {
  const trimmed = phrase.trim();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return { ok: false, message: `Give a phrase with at least one letter or digit. ${USAGE}` };
  if (trimmed.length > MAX_PHRASE_LENGTH) return { ok: false, message: `That phrase is longer than ${MAX_PHRASE_LENGTH} characters; try a shorter one.` };
  const lines = findPhrase(documents, trimmed, MAX_QUOTE_LINES);
  if (lines.length === 0) return { ok: false, message: `No line of the story contains "${trimmed.slice(0, 80)}".` };
  return { ok: true, lines };
}

/** Exact source lines by number or range (`12`, `27-29`) or by phrase, with friendly messages for bad requests. */
export function quoteLines(documents: readonly Document[], request: QuoteRequest): QuoteResult {
  const selected = selectDocuments(documents, request.doc);
  if (typeof selected === 'string') return { ok: false, message: selected };
  const hasLines = request.lines !== undefined && request.lines.trim() !== '';
  const hasText = request.text !== undefined && request.text.trim() !== '';
  if (hasLines && hasText) return { ok: false, message: 'Ask for lines or for a phrase, not both at once.' };
  if (hasLines) return quoteRange(selected, request.lines!);
  if (hasText) return quotePhrase(selected, request.text!);
  return { ok: false, message: `Tell me which lines to quote. ${USAGE}` };
}
