import type { QuoteRequest } from '../core/types.js';

/** One free-form quote argument: digits, dashes and commas mean line numbers (and get a line-range message when malformed), anything else is a phrase. */
export function quoteRequestFor(argument: string, doc?: string): QuoteRequest {
  return /^[\d\s,\-–—]+$/.test(argument) ? { lines: argument, doc } : { text: argument, doc };
}
