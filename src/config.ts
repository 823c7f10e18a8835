import path from 'node:path';
import dotenv from 'dotenv';

/** A setting that is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

export type EmbedderChoice = 'auto' | 'lexical' | 'transformers';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface RetrievalSettings {
  /** Sentences per chunk window. */
  chunkSize: number;
  /** Sentences shared by consecutive chunk windows. */
  chunkOverlap: number;
  /** Chunks fetched from the HNSW index per question. */
  denseTopK: number;
  /** Most sentences in one answer. */
  maxAnswerSentences: number;
  /** Below this confidence (0..1) the bot abstains. */
  abstainThreshold: number;
  /** Weight of WordNet relations (synonyms, derivations, hypernyms) against an exact word match, 0..1; 0 turns them off. */
  synonymWeight: number;
  /** Weight of the fused BM25 and dense ranks (reciprocal rank fusion) in a sentence's score, next to concept coverage. */
  fusionWeight: number;
  /** The k of reciprocal rank fusion: 1 / (k + rank). */
  rrfK: number;
  /** Score bonus for a sentence holding the kind of answer asked for (a name for who, a date for when). */
  answerTypeWeight: number;
  /** MMR trade-off when adding sentences to an answer: 1 = relevance only, 0 = novelty only. */
  mmrLambda: number;
  /** Most a GloVe word-vector match counts for against an exact word, 0..1; 0 turns word vectors off. */
  vectorWeight: number;
  /** GloVe cosine at or below which two words do not match. */
  vectorFloor: number;
  /** GloVe cosine at or above which two words match with the full {@link vectorWeight}. */
  vectorCeiling: number;
  /**
   * How much the question's least-matched concept lowers the confidence, 0..1: the confidence is
   * scaled by 1 - w + w × weakest. 0 leaves the confidence to coverage alone.
   */
  abstainWeakestWeight: number;
}

export interface HnswSettings {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export interface DiscordSettings {
  token: string | undefined;
  guildId: string | undefined;
  clientId: string | undefined;
  apiBase: string | undefined;
  shards: number | 'auto' | undefined;
}

export interface RateLimitSettings {
  /** Questions a user may ask in a burst. */
  burst: number;
  /** Tokens refilled per minute. */
  perMinute: number;
}

export interface Config {
  corpusDir: string;
  indexDir: string;
  embedder: EmbedderChoice;
  embedModel: string;
  /** Local model folder (`<model id>/…`); downloads are cached here too. */
  modelsDir: string;
  allowRemoteModels: boolean;
  retrieval: RetrievalSettings;
  hnsw: HnswSettings;
  logLevel: LogLevel;
  feedbackFile: string;
  rateLimit: RateLimitSettings;
  discord: DiscordSettings;
}

export const DEFAULT_EMBED_MODEL = 'Xenova/multi-qa-MiniLM-L6-cos-v1';

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = text(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}").`);
  }
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) throw new ConfigError(name, `must be a whole number (got "${value}").`);
  const n = Number(value);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max} (got ${n}).`);
  return n;
}

function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new ConfigError(name, `must be a number (got "${value}").`);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max} (got ${n}).`);
  return n;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = text(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got "${value}").`);
}

function snowflake(env: Env, name: string): string | undefined {
  const value = text(env, name);
  if (value !== undefined && !/^\d{15,22}$/.test(value)) {
    throw new ConfigError(name, 'must be a Discord id: 15 to 22 digits.');
  }
  return value;
}

function url(env: Env, name: string): string | undefined {
  const value = text(env, name);
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be a URL such as https://discord.com/api (got "${value}").`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, 'must be an http or https URL.');
  }
  return value.replace(/\/+$/, '');
}

function shards(env: Env): number | 'auto' | undefined {
  // In a process spawned by discord.js's ShardingManager, SHARDS holds that shard's id, not a count.
  if (env.SHARDING_MANAGER !== undefined) return undefined;
  const value = text(env, 'SHARDS');
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'auto') return 'auto';
  return integer(env, 'SHARDS', 1, 1, 1024);
}

function token(env: Env): string | undefined {
  const value = text(env, 'DISCORD_TOKEN');
  if (value !== undefined && /\s/.test(value)) {
    throw new ConfigError('DISCORD_TOKEN', 'must not contain spaces; paste the bot token exactly.');
  }
  return value;
}

/**
 * Reads every setting from the environment (after `.env`, if present) and validates it.
 * Paths are resolved against `cwd`.
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const resolve = (p: string): string => path.resolve(cwd, p);
  const chunkSize = integer(env, 'CHUNK_SIZE', 3, 1, 50);
  const chunkOverlap = integer(env, 'CHUNK_OVERLAP', 1, 0, 49);
  if (chunkOverlap >= chunkSize) {
    throw new ConfigError('CHUNK_OVERLAP', `must be smaller than CHUNK_SIZE (${chunkSize}).`);
  }
  const vectorFloor = decimal(env, 'VECTOR_FLOOR', 0.1, 0, 1);
  const vectorCeiling = decimal(env, 'VECTOR_CEILING', 0.6, 0, 1);
  if (vectorCeiling <= vectorFloor) {
    throw new ConfigError('VECTOR_CEILING', `must be larger than VECTOR_FLOOR (${vectorFloor}).`);
  }
  return {
    corpusDir: resolve(text(env, 'CORPUS_DIR') ?? 'corpus'),
    indexDir: resolve(text(env, 'INDEX_DIR') ?? 'data/index'),
    embedder: oneOf(env, 'EMBEDDER', ['auto', 'lexical', 'transformers'] as const, 'auto'),
    embedModel: text(env, 'EMBED_MODEL') ?? DEFAULT_EMBED_MODEL,
    modelsDir: resolve(text(env, 'MODELS_DIR') ?? 'data/models'),
    allowRemoteModels: boolean(env, 'ALLOW_REMOTE_MODELS', true),
    retrieval: {
      chunkSize,
      chunkOverlap,
      denseTopK: integer(env, 'DENSE_TOP_K', 8, 1, 200),
      maxAnswerSentences: integer(env, 'ANSWER_MAX_SENTENCES', 3, 1, 10),
      abstainThreshold: decimal(env, 'ABSTAIN_THRESHOLD', 0.335, 0, 1),
      synonymWeight: decimal(env, 'SYNONYM_WEIGHT', 1, 0, 1),
      fusionWeight: decimal(env, 'FUSION_WEIGHT', 0.15, 0, 1),
      rrfK: integer(env, 'RRF_K', 10, 0, 1000),
      answerTypeWeight: decimal(env, 'ANSWER_TYPE_WEIGHT', 0.1, 0, 1),
      mmrLambda: decimal(env, 'MMR_LAMBDA', 0.7, 0, 1),
      vectorWeight: decimal(env, 'VECTOR_WEIGHT', 0.9, 0, 1),
      vectorFloor,
      vectorCeiling,
      abstainWeakestWeight: decimal(env, 'ABSTAIN_WEAKEST_WEIGHT', 0, 0, 1),
    },
    hnsw: {
      // Chosen by `npm run bench` measurements: recall@10 ≥ 0.98 at 100k sentences (see README, Performance).
      m: integer(env, 'HNSW_M', 48, 4, 96),
      efConstruction: integer(env, 'HNSW_EF_CONSTRUCTION', 100, 10, 1000),
      efSearch: integer(env, 'HNSW_EF', 100, 10, 1000),
    },
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    feedbackFile: resolve(text(env, 'FEEDBACK_FILE') ?? 'data/feedback.jsonl'),
    rateLimit: {
      burst: integer(env, 'RATE_LIMIT_BURST', 5, 1, 10_000),
      perMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 12, 1, 100_000),
    },
    discord: {
      token: token(env),
      guildId: snowflake(env, 'DISCORD_GUILD_ID'),
      clientId: snowflake(env, 'DISCORD_CLIENT_ID'),
      apiBase: url(env, 'DISCORD_API_BASE'),
      shards: shards(env),
    },
  };
}

/** Loads `.env` from the working directory (quietly; real environment variables win). */
export function loadDotEnv(cwd: string = process.cwd()): void {
  dotenv.config({ path: path.join(cwd, '.env'), quiet: true });
}
