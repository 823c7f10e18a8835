import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../src/config.js';
import { setLogLevel, createLogger } from '../src/log.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import { openIndex, readDocuments } from '../src/core/index/openIndex.js';
import { readManifest, type IndexManifest } from '../src/core/index/manifest.js';
import { splitSentences, sentenceText } from '../src/core/text/sentences.js';
import { createTransformersEmbedder } from '../src/core/embed/transformersEmbedder.js';
import { percentile, round } from '../src/core/stats.js';
import { exactTopK, median, recallAtK } from './lib/benchStats.js';
import { BUILD_NODE_FLAGS } from './lib/buildFlags.js';
import { SHARD_MIN_CHUNKS } from '../src/core/index/vectorIndex.js';
import { syntheticArticles, syntheticQuestions, writeSyntheticCorpus, type SyntheticArticle } from './lib/syntheticCorpus.js';
import { writeTinyBertModel } from './lib/tinyBertModel.js';
import { parseCommandLine, usageError } from '../src/cli/bootstrap.js';

const USAGE = `Usage: npm run --silent bench -- [--json] [--sizes 10000,100000] [--runs N] [--keep]

  --json     print one JSON object instead of the table
  --sizes    corpus sizes in sentences for the scale runs (synthetic, seeded)
  --runs     builds and loads per size; the table shows medians (default 3)
  --keep     keep the temporary folder with corpora and indexes`;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SELF = fileURLToPath(import.meta.url);
const ASK = path.join(ROOT, 'dist', 'src', 'cli', 'ask.js');
const REINDEX = path.join(ROOT, 'dist', 'scripts', 'reindex.js');

/** Full answers timed per measurement (after a warm-up); the issue asks for at least 1000. */
const WARM_QUESTIONS = 2000;
const WARM_UP = 200;
const RECALL_QUERIES = 200;
const RECALL_K = 10;
const COLD_RUNS = 5;
const FIXTURE_TEXTS = 256;

export interface ArticleResult {
  cold_ask_ms: number;
  warm_p50_ms: number;
  warm_p95_ms: number;
  reindex_ms: number;
}

export interface ScaleResult {
  sentences: number;
  build_s: number;
  sentences_per_s: number;
  peak_rss_mb: number;
  index_bytes: number;
  load_ms: number;
  query_p50_ms: number;
  query_p95_ms: number;
  recall_at_10: number;
}

export interface FixtureResult {
  load_ms: number;
  ms_per_text_batch1: number;
  ms_per_text_batch32: number;
}

export interface BenchResult {
  article: ArticleResult;
  scale: ScaleResult[];
  transformers_fixture: FixtureResult;
  embedder: string;
}

/** Settings for a bench run: the built-in embedder, the given folders, quiet logs; the rest as configured. */
function benchEnv(corpusDir: string, indexDir: string): NodeJS.ProcessEnv {
  return { ...process.env, EMBEDDER: 'lexical', CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'warn' };
}

function configFor(env: NodeJS.ProcessEnv): Config {
  const config = loadConfig(env);
  setLogLevel(config.logLevel);
  return config;
}

interface Spawned {
  ms: number;
  stdout: string;
}

/** Runs node (with `flags`) on a script and returns its wall time; fails on a non-zero exit. */
function runNode(script: string, args: string[], env: NodeJS.ProcessEnv, flags: readonly string[] = []): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...flags, script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`${path.basename(script)} ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(-2000)}`));
    });
  });
}

/** Runs a child role of this script and parses the JSON it prints last. */
async function runChild<T>(role: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<T> {
  const { stdout } = await runNode(SELF, ['--child', role, ...extra], env, role === 'build' ? BUILD_NODE_FLAGS : []);
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

async function timeAnswers(knowledge: KnowledgeBase, questions: readonly string[]): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await knowledge.ask(questions[i % questions.length]);
  const times: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await knowledge.ask(question);
    times.push(performance.now() - started);
  }
  return times;
}

// ---------------------------------------------------------------- child roles

interface BuildChildResult {
  build_ms: number;
  max_rss_kb: number;
}

/** Builds the index anew in this (fresh) process; reports the time and the process's peak RSS. */
async function childBuild(): Promise<BuildChildResult> {
  const config = configFor(process.env);
  const started = performance.now();
  const knowledge = await KnowledgeBase.open(config, { rebuild: true });
  const build_ms = performance.now() - started;
  knowledge.close();
  return { build_ms, max_rss_kb: process.resourceUsage().maxRSS };
}

interface LoadChildResult {
  load_ms: number;
  query_p50_ms: number;
  query_p95_ms: number;
  recall_at_10?: number;
}

/** Opens the current index in this (fresh) process and times answers to the `--questions`; with `--recall`, measures recall. */
async function childLoad(questionsFile: string, measureRecall: boolean): Promise<LoadChildResult> {
  const config = configFor(process.env);
  const started = performance.now();
  const knowledge = await KnowledgeBase.open(config);
  const load_ms = performance.now() - started;

  const { answers, recall } = JSON.parse(await readFile(questionsFile, 'utf8')) as { answers: string[]; recall: string[] };
  const times = await timeAnswers(knowledge, answers);
  knowledge.close();
  const answered = { load_ms, query_p50_ms: percentile(times, 50), query_p95_ms: percentile(times, 95) };
  if (!measureRecall) return answered;

  // Recall: the HNSW neighbours against exact cosine search over the very vectors the graphs hold.
  const index = await openIndex(config, createLogger('bench'));
  const matrix = index.vectors.exportVectors();
  const dimensions = index.vectors.dimensions;
  const queries = await index.embedder.embedQueries(recall);
  const exact = queries.map((query) => exactTopK(matrix, dimensions, query, RECALL_K));
  const approximate = queries.map((query) => {
    const { neighbors, distances } = index.vectors.searchKnn(Array.from(query), RECALL_K);
    return { ids: neighbors, scores: distances.map((d) => 1 - d) };
  });
  return { ...answered, recall_at_10: recallAtK(approximate, exact, RECALL_K) };
}

// ---------------------------------------------------------------- parts

function indexBytes(manifest: IndexManifest): number {
  return Object.values(manifest.files).reduce((sum, file) => sum + file.bytes, 0);
}

async function benchArticle(work: string, runs: number, log: (line: string) => void): Promise<ArticleResult> {
  const corpusDir = path.join(ROOT, 'corpus');
  const indexDir = path.join(work, 'article-index');
  const env = benchEnv(corpusDir, indexDir);

  log('article: reindex');
  const reindex: number[] = [];
  for (let i = 0; i < Math.max(3, runs); i++) reindex.push((await runNode(REINDEX, [], env, BUILD_NODE_FLAGS)).ms);

  log('article: cold ask');
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const { ms, stdout } = await runNode(ASK, ['--json', 'Who was behind the attack on Sony?'], env);
    JSON.parse(stdout); // it answered
    cold.push(ms);
  }

  log('article: warm answers');
  const config = configFor(env);
  const documents = await readDocuments(config.corpusDir, createLogger('bench'));
  const articles: SyntheticArticle[] = documents.map((document, docIndex) => ({
    id: document.id,
    text: document.text,
    sentences: splitSentences(document.text, docIndex)
      .filter((s) => s.kind === 'body')
      .map((s) => sentenceText(document.text, s)),
  }));
  const questions = [
    'Who was behind the attack?',
    'What did the White House say?',
    'Which theater chains dropped the movie?',
    'When was The Interview supposed to be released?',
    'Who stars in The Interview?',
    'What is the capital of France?',
    ...syntheticQuestions(articles, WARM_QUESTIONS),
  ].slice(0, WARM_QUESTIONS);
  const knowledge = await KnowledgeBase.open(config);
  const times = await timeAnswers(knowledge, questions);
  knowledge.close();
  return {
    cold_ask_ms: round(median(cold), 1),
    warm_p50_ms: round(percentile(times, 50), 3),
    warm_p95_ms: round(percentile(times, 95), 3),
    reindex_ms: round(median(reindex), 1),
  };
}

/** One size's results, and the seconds per build step of its last build (table only; see `IndexManifest.buildPhases`). */
interface ScaleRun {
  result: ScaleResult;
  phases?: Record<string, number>;
}

async function benchScale(work: string, sentences: number, runs: number, log: (line: string) => void): Promise<ScaleRun> {
  const corpusDir = path.join(work, `corpus-${sentences}`);
  const indexDir = path.join(work, `index-${sentences}`);
  const env = benchEnv(corpusDir, indexDir);
  log(`${sentences}: writing the synthetic corpus`);
  const articles = [...syntheticArticles({ sentences })];
  await writeSyntheticCorpus(corpusDir, articles);
  const questionsFile = path.join(work, `questions-${sentences}.json`);
  await writeFile(
    questionsFile,
    JSON.stringify({
      answers: syntheticQuestions(articles, WARM_QUESTIONS, 1),
      // Recall is measured on questions the corpus can answer: for off-topic ones every chunk is
      // equally far, and "the exact top 10" is noise that no answer depends on.
      recall: syntheticQuestions(articles, RECALL_QUERIES, 2, 0),
    }),
  );

  const builds: BuildChildResult[] = [];
  for (let i = 0; i < runs; i++) {
    log(`${sentences}: build ${i + 1}/${runs}`);
    builds.push(await runChild<BuildChildResult>('build', env));
  }
  const loads: LoadChildResult[] = [];
  for (let i = 0; i < runs; i++) {
    log(`${sentences}: load ${i + 1}/${runs} + answers${i === 0 ? ' + recall' : ''}`);
    loads.push(await runChild<LoadChildResult>('load', env, ['--questions', questionsFile, ...(i === 0 ? ['--recall'] : [])]));
  }
  const manifest = await readManifest(indexDir);
  if (!manifest) throw new Error(`no index in ${indexDir}`);
  const counted = manifest.counts.sentences;
  const buildSeconds = median(builds.map((b) => b.build_ms)) / 1000;
  const result: ScaleResult = {
    sentences: counted,
    build_s: round(buildSeconds, 2),
    sentences_per_s: Math.round(counted / buildSeconds),
    peak_rss_mb: round(median(builds.map((b) => b.max_rss_kb)) / 1024, 1),
    index_bytes: indexBytes(manifest),
    load_ms: round(median(loads.map((l) => l.load_ms)), 1),
    query_p50_ms: round(median(loads.map((l) => l.query_p50_ms)), 3),
    query_p95_ms: round(median(loads.map((l) => l.query_p95_ms)), 3),
    recall_at_10: round(loads[0].recall_at_10!, 4),
  };
  return { result, phases: manifest.buildPhases };
}

/** The real transformers.js pipeline on the tiny test model: what the pipeline costs apart from the model. */
async function benchFixture(work: string, log: (line: string) => void): Promise<FixtureResult> {
  log('transformers fixture');
  const modelsDir = path.join(work, 'models');
  const { modelId } = await writeTinyBertModel(modelsDir);
  const started = performance.now();
  const embedder = await createTransformersEmbedder({ model: modelId, modelsDir, cacheDir: path.join(work, 'model-cache'), allowRemote: false });
  const load_ms = performance.now() - started;
  const texts = [...syntheticArticles({ sentences: FIXTURE_TEXTS * 2, seed: 3 })].flatMap((a) => a.sentences).slice(0, FIXTURE_TEXTS);
  try {
    await embedder.embedPassages(texts.slice(0, 32)); // warm-up
    let t = performance.now();
    for (const text of texts) await embedder.embedPassages([text]);
    const batch1 = (performance.now() - t) / texts.length;
    t = performance.now();
    for (let i = 0; i < texts.length; i += 32) await embedder.embedPassages(texts.slice(i, i + 32));
    const batch32 = (performance.now() - t) / texts.length;
    return { load_ms: round(load_ms, 1), ms_per_text_batch1: round(batch1, 3), ms_per_text_batch32: round(batch32, 3) };
  } finally {
    await embedder.dispose?.();
  }
}

// ---------------------------------------------------------------- output

function table(result: BenchResult, buildPhases: ReadonlyMap<number, Record<string, number>>, settings: string, runs: number): string {
  const a = result.article;
  const f = result.transformers_fixture;
  const lines = [
    `storybot bench — embedder: ${result.embedder}; ${settings}`,
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), shared; medians of ${runs} builds/loads, ${COLD_RUNS} cold asks; node ${process.version}`,
    '',
    'Seed article',
    `  cold ask (fresh process)   ${a.cold_ask_ms.toFixed(1)} ms`,
    `  warm answer p50 / p95      ${a.warm_p50_ms.toFixed(3)} / ${a.warm_p95_ms.toFixed(3)} ms`,
    `  reindex (fresh process)    ${a.reindex_ms.toFixed(1)} ms`,
    '',
    'Synthetic corpus',
  ];
  const header = ['sentences', 'build s', 'sent/s', 'peak RSS MB', 'index MB', 'load ms', 'answer p50 ms', 'answer p95 ms', 'recall@10'];
  const rows = result.scale.map((s) => [
    String(s.sentences),
    s.build_s.toFixed(2),
    String(s.sentences_per_s),
    s.peak_rss_mb.toFixed(1),
    (s.index_bytes / 1048576).toFixed(1),
    s.load_ms.toFixed(1),
    s.query_p50_ms.toFixed(3),
    s.query_p95_ms.toFixed(3),
    s.recall_at_10.toFixed(4),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: string[]): string => '  ' + cells.map((c, i) => c.padStart(widths[i])).join('  ');
  lines.push(format(header), '  ' + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format));
  for (const [sentences, phases] of buildPhases) {
    const list = Object.entries(phases).map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`);
    lines.push(`  build steps at ${sentences} (s, last build; lexicon steps first, then the vectors: one graph on the main thread below ${SHARD_MIN_CHUNKS.toLocaleString('en-US')} chunks, two worker threads above): ${list.join(', ')}`);
  }
  lines.push(
    '',
    'transformers.js pipeline on the tiny test model (not a real model: shows pipeline overhead only)',
    `  load ${f.load_ms.toFixed(1)} ms; per text: ${f.ms_per_text_batch1.toFixed(3)} ms one at a time, ${f.ms_per_text_batch32.toFixed(3)} ms in batches of 32`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseCommandLine(
    {
      json: { type: 'boolean' },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      keep: { type: 'boolean' },
      child: { type: 'string' },
      questions: { type: 'string' },
      recall: { type: 'boolean' },
    } as const,
    USAGE,
    { positionals: false },
  );
  if (values.child === 'build') return void process.stdout.write(`${JSON.stringify(await childBuild())}\n`);
  if (values.child === 'load') {
    if (values.questions === undefined) usageError('--child load takes --questions FILE.', USAGE);
    return void process.stdout.write(`${JSON.stringify(await childLoad(values.questions, values.recall === true))}\n`);
  }

  const sizes = (values.sizes ?? '10000,100000').split(',').map((s) => Number(s.trim()));
  const runs = Number(values.runs ?? 3);
  if (sizes.some((s) => !Number.isInteger(s) || s < 2) || !Number.isInteger(runs) || runs < 1) {
    usageError('--sizes takes whole numbers of sentences (at least 2) and --runs a positive whole number.', USAGE);
  }
  const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'storybot-bench-'));
  try {
    const article = await benchArticle(work, runs, log);
    const scale: ScaleResult[] = [];
    const buildPhases = new Map<number, Record<string, number>>();
    for (const size of sizes) {
      const { result, phases } = await benchScale(work, size, runs, log);
      scale.push(result);
      if (phases) buildPhases.set(result.sentences, phases);
    }
    const transformers_fixture = await benchFixture(work, log);
    const config = configFor(benchEnv(work, work));
    const manifest = await readManifest(path.join(work, 'article-index'));
    const result: BenchResult = {
      article,
      scale,
      transformers_fixture,
      embedder: `${manifest?.embedder ?? 'lexical'} (${manifest?.model ?? 'unknown'})`,
    };
    const { m, efConstruction, efSearch } = config.hnsw;
    const settings = `HNSW M=${m} efConstruction=${efConstruction} ef=${efSearch}; chunks of ${config.retrieval.chunkSize} sentences, overlap ${config.retrieval.chunkOverlap}`;
    process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${table(result, buildPhases, settings, runs)}\n`);
  } finally {
    if (values.keep) log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

await main();
