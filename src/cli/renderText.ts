import type { Answer, CorpusSummary, QuoteResult } from '../core/types.js';

function lineSpan([start, end]: [number, number]): string {
  return start === end ? `line ${start}` : `lines ${start}-${end}`;
}

/** An answer for the terminal: the cited sentences, then the numbered sources. */
export function renderAnswer(answer: Answer): string {
  if (answer.abstained) return answer.answer;
  const sources = answer.citations.map((c) => `  [${c.n}] ${c.doc}, ${lineSpan(c.lines)}: ${c.text}`);
  return [answer.answer, '', 'Sources:', ...sources].join('\n');
}

export function renderQuote(result: QuoteResult): string {
  if (!result.ok) return result.message;
  const documents = new Set(result.lines.map((line) => line.doc));
  const width = String(Math.max(...result.lines.map((line) => line.n))).length;
  return result.lines
    .map((line) => `${documents.size > 1 ? `${line.doc}:` : ''}${String(line.n).padStart(width)}  ${line.text}`)
    .join('\n');
}

/** The JSON form of a quote: `{doc, lines: [{n, text}]}`, each line also naming its document when there are several. */
export function quoteJson(result: Extract<QuoteResult, { ok: true }>): { doc: string; lines: { n: number; text: string; doc?: string }[] } {
  const documents = [...new Set(result.lines.map((line) => line.doc))];
  const several = documents.length > 1;
  return {
    doc: documents.join(','),
    lines: result.lines.map(({ doc, n, text }) => (several ? { doc, n, text } : { n, text })),
  };
}

export function renderSummary(summary: CorpusSummary): string {
  const documents = summary.documents.map((d) => `  ${d.id}: ${d.title} (${d.sentences} sentences, ${d.lines} lines)`);
  return [
    `Stories (${summary.documents.length}):`,
    ...documents,
    `${summary.sentences} sentences in ${summary.chunks} chunks; embedder ${summary.embedder} (${summary.model}); index built ${summary.builtAt}.`,
  ].join('\n');
}
