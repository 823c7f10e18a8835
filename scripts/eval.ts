import { readFileSync } from 'node:fs';
import { configForCli, parseCommandLine, runEntryPoint, usageError as exitWithUsage } from '../src/cli/bootstrap.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import { calibrate, type Calibration } from '../src/core/eval/calibration.js';
import { isMiss, parseQa, QaFormatError, scoreItem, summarize, type EvalSummary, type ItemResult, type QaItem } from '../src/core/eval/scoring.js';

const USAGE = `Usage: npm run --silent eval -- --qa FILE [--json] [--calibrate] [--set NAME=VALUE ...]

  --qa FILE         questions, one JSON object a line:
                      {"id", "q", "evidence": [phrases]}   answerable
                      {"id", "q", "answerable": false}     unanswerable
  --json            print only the summary as one JSON object
  --calibrate       also print the confidence of every question and the abstention
                    threshold that separates answerable from unanswerable ones best
  --set NAME=VALUE  override a setting for this run, e.g. --set ABSTAIN_THRESHOLD=0.5
                    (environment variables such as EMBEDDER=transformers work too)`;

function usageError(message: string): never {
  return exitWithUsage(message, USAGE);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function table(summary: EvalSummary, file: string): string {
  const { answerable: a, unanswerable: u, latency_ms: l } = summary;
  const rows: [string, string][] = [
    ['questions', `${file} (${a.n} answerable, ${u.n} unanswerable)`],
    ['embedder', summary.embedder],
    ['hit@1', a.hit_at_1.toFixed(3)],
    ['hit@3', a.hit_at_3.toFixed(3)],
    ['MRR', a.mrr.toFixed(3)],
    ['false_abstain', a.false_abstain.toFixed(3)],
    ['abstain_rate', u.abstain_rate.toFixed(3)],
    ['latency p50 ms', l.p50.toFixed(3)],
    ['latency p95 ms', l.p95.toFixed(3)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const rule = `${'-'.repeat(width + 2)}+${'-'.repeat(40)}`;
  return [`${pad('metric', width)}  | value`, rule, ...rows.map(([name, value]) => `${pad(name, width)}  | ${value}`)].join('\n');
}

function describeMiss(result: ItemResult): string {
  const { item } = result;
  const lines = [`[${item.id}] ${item.q}`];
  if (item.answerable) {
    lines.push(result.abstained ? '  cited:    (abstained)' : `  hit at:   ${result.hitRank === null ? 'none of the citations' : `citation ${result.hitRank}`}`);
    result.citations.slice(0, 3).forEach((c, i) => lines.push(`  cited ${i + 1}:  ${c.lines ? `lines ${c.lines[0]}-${c.lines[1]}: ` : ''}${c.text}`));
    lines.push(`  expected: ${item.evidence.map((e) => JSON.stringify(e)).join(' or ')}`);
  } else {
    result.citations.slice(0, 3).forEach((c, i) => lines.push(`  cited ${i + 1}:  ${c.lines ? `lines ${c.lines[0]}-${c.lines[1]}: ` : ''}${c.text}`));
    lines.push('  expected: an abstention (the story does not say)');
  }
  if (result.confidence !== undefined) lines.push(`  confidence: ${result.confidence.toFixed(3)}`);
  return lines.join('\n');
}

function calibrationReport(results: readonly ItemResult[], calibration: Calibration, threshold: number): string {
  const lines = ['', 'Confidence by question (abstain below the threshold):'];
  for (const r of [...results].sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0))) {
    const kind = r.item.answerable ? (r.hitRank === 1 ? 'answerable, hit@1' : 'answerable, miss ') : 'unanswerable     ';
    lines.push(`  ${(r.confidence ?? 0).toFixed(3)}  ${kind}  [${r.item.id}] ${r.item.q}`);
  }
  const quartiles = (q: Calibration['answerable']): string =>
    `n=${q.n} min=${q.min.toFixed(3)} p10=${q.p10.toFixed(3)} median=${q.median.toFixed(3)} p90=${q.p90.toFixed(3)} max=${q.max.toFixed(3)}`;
  lines.push(
    '',
    `answerable:   ${quartiles(calibration.answerable)}`,
    `unanswerable: ${quartiles(calibration.unanswerable)}`,
    `current ABSTAIN_THRESHOLD=${threshold}`,
    `balanced: threshold ${calibration.threshold.toFixed(3)} (best abstain_rate - false_abstain, midpoint of the widest gap): ` +
      `false_abstain ${calibration.falseAbstain.toFixed(3)}, abstain_rate ${calibration.abstainRate.toFixed(3)}`,
    `within budget: threshold ${calibration.withinBudget.threshold.toFixed(3)} (highest with false_abstain <= ${calibration.withinBudget.budget}): ` +
      `false_abstain ${calibration.withinBudget.falseAbstain.toFixed(3)}, abstain_rate ${calibration.withinBudget.abstainRate.toFixed(3)}`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(
    { qa: { type: 'string' }, json: { type: 'boolean' }, calibrate: { type: 'boolean' }, set: { type: 'string', multiple: true } } as const,
    USAGE,
    { positionals: false },
  );
  if (values.qa === undefined) usageError('Give the question file with --qa FILE.');
  for (const assignment of values.set ?? []) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(assignment);
    if (!match) usageError(`--set takes NAME=VALUE (got "${assignment}").`);
    process.env[match[1]] = match[2];
  }

  let items: QaItem[];
  try {
    items = parseQa(readFileSync(values.qa, 'utf8'), values.qa);
  } catch (error) {
    if (error instanceof QaFormatError) usageError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') usageError(`Cannot read ${values.qa}: no such file.`);
    throw error;
  }
  if (items.length === 0) usageError(`${values.qa} holds no questions.`);

  const config = configForCli();
  const knowledge = await KnowledgeBase.open(config);
  // One untimed question first, so that the latencies measure answering, not JIT warm-up.
  await knowledge.ask(items[0].q);
  const results: ItemResult[] = [];
  let embedder = '';
  for (const item of items) {
    const started = performance.now();
    const answer = await knowledge.ask(item.q);
    const elapsed = performance.now() - started;
    embedder = answer.embedder;
    results.push(scoreItem(item, answer, elapsed, answer.confidence));
  }
  knowledge.close();
  const summary = summarize(results, embedder);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const out = [table(summary, values.qa)];
  const misses = results.filter(isMiss);
  out.push('', misses.length === 0 ? 'No misses.' : `Misses (${misses.length}):`);
  for (const miss of misses) out.push('', describeMiss(miss));
  if (values.calibrate) out.push(calibrationReport(results, calibrate(results), config.retrieval.abstainThreshold));
  process.stdout.write(`${out.join('\n')}\n`);
}

await runEntryPoint(main);
