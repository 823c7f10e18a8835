/**
 * Scoring rules of the question-answering evaluation (`npm run eval`), kept apart from the
 * command so that they can be unit-tested and reused.
 */

import { percentile, round } from '../stats.js';

export interface AnswerableItem {
  id: string;
  q: string;
  answerable: true;
  /** Phrases of which at least one must occur in a cited sentence. */
  evidence: string[];
}

export interface UnanswerableItem {
  id: string;
  q: string;
  answerable: false;
}

export type QaItem = AnswerableItem | UnanswerableItem;

/** What the scorer needs of an answer: the shape of `ask --json`. */
export interface ScoredAnswer {
  abstained: boolean;
  citations: readonly { text: string; lines?: readonly [number, number] | number[] }[];
}

export interface ItemResult {
  item: QaItem;
  abstained: boolean;
  /** 1-based rank of the first citation that holds an evidence phrase; null when none does. */
  hitRank: number | null;
  latencyMs: number;
  citations: ScoredAnswer['citations'];
  /** The pipeline's confidence, when known (for calibration). */
  confidence?: number;
}

export interface EvalSummary {
  answerable: { n: number; hit_at_1: number; hit_at_3: number; mrr: number; false_abstain: number };
  unanswerable: { n: number; abstain_rate: number };
  latency_ms: { p50: number; p95: number };
  embedder: string;
}

/** The matching rule: lowercase, curly quotes straightened, runs of whitespace collapsed to one space. */
export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the sentence holds one of the evidence phrases, under the matching rule. */
export function containsEvidence(sentence: string, evidence: readonly string[]): boolean {
  const text = normalizeForMatch(sentence);
  return evidence.some((phrase) => {
    const wanted = normalizeForMatch(phrase);
    return wanted !== '' && text.includes(wanted);
  });
}

/** 1-based rank of the first citation holding evidence, or null. An abstention has no hit. */
export function hitRank(answer: ScoredAnswer, evidence: readonly string[]): number | null {
  if (answer.abstained) return null;
  const index = answer.citations.findIndex((citation) => containsEvidence(citation.text, evidence));
  return index === -1 ? null : index + 1;
}

/** Decimals of the rates in a summary. */
const RATE_DIGITS = 4;

export function summarize(results: readonly ItemResult[], embedder: string): EvalSummary {
  const answerable = results.filter((r) => r.item.answerable);
  const unanswerable = results.filter((r) => !r.item.answerable);
  const share = (list: readonly ItemResult[], test: (r: ItemResult) => boolean): number =>
    list.length === 0 ? 0 : round(list.filter(test).length / list.length, RATE_DIGITS);
  const latencies = results.map((r) => r.latencyMs);
  return {
    answerable: {
      n: answerable.length,
      hit_at_1: share(answerable, (r) => r.hitRank === 1),
      hit_at_3: share(answerable, (r) => r.hitRank !== null && r.hitRank <= 3),
      mrr: answerable.length === 0 ? 0 : round(answerable.reduce((sum, r) => sum + (r.hitRank === null ? 0 : 1 / r.hitRank), 0) / answerable.length, RATE_DIGITS),
      false_abstain: share(answerable, (r) => r.abstained),
    },
    unanswerable: { n: unanswerable.length, abstain_rate: share(unanswerable, (r) => r.abstained) },
    latency_ms: { p50: round(percentile(latencies, 50), 3), p95: round(percentile(latencies, 95), 3) },
    embedder,
  };
}

/** A question file line that is not a valid item. */
export class QaFormatError extends Error {
  override name = 'QaFormatError';
}

/**
 * Parses a JSONL question file: `{"id", "q", "evidence": [...]}` for answerable questions,
 * `{"id", "q", "answerable": false}` for unanswerable ones. Blank lines are skipped.
 */
export function parseQa(text: string, source = 'questions'): QaItem[] {
  const items: QaItem[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new QaFormatError(`${where}: not valid JSON`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new QaFormatError(`${where}: expected a JSON object`);
    const record = value as Record<string, unknown>;
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : `${index + 1}`;
    if (typeof record.q !== 'string' || record.q.trim() === '') throw new QaFormatError(`${where}: "q" must be a non-empty string`);
    if (ids.has(id)) throw new QaFormatError(`${where}: duplicate id "${id}"`);
    ids.add(id);
    if (record.answerable === false) {
      items.push({ id, q: record.q, answerable: false });
      return;
    }
    const evidence = record.evidence;
    if (!Array.isArray(evidence) || evidence.length === 0 || !evidence.every((e) => typeof e === 'string' && e.trim() !== '')) {
      throw new QaFormatError(`${where}: an answerable question needs "evidence": a non-empty list of phrases`);
    }
    items.push({ id, q: record.q, answerable: true, evidence: evidence as string[] });
  });
  return items;
}

/** Scores one answer against its item. */
export function scoreItem(item: QaItem, answer: ScoredAnswer, latencyMs: number, confidence?: number): ItemResult {
  return {
    item,
    abstained: answer.abstained,
    hitRank: item.answerable ? hitRank(answer, item.evidence) : null,
    latencyMs,
    citations: answer.citations,
    confidence,
  };
}

/** Whether a result counts as a miss in the readable report. */
export function isMiss(result: ItemResult): boolean {
  return result.item.answerable ? result.hitRank !== 1 : !result.abstained;
}
