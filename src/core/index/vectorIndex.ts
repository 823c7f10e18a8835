import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';
import type { HnswSettings } from '../../config.js';

/**
 * The chunk vectors, held once: inside one or more hnswlib HNSW graphs ("shards") and nowhere else.
 *
 * hnswlib-node inserts on the calling thread only, and inserts are nearly all of a big build.
 * A graph cannot be shared between threads, so a big build is split into two shards, built at
 * the same time in two worker threads; a search asks every shard and merges the answers. Shard
 * `s` holds the chunks `offset_s .. offset_s + count_s` in order, so labels stay chunk numbers.
 */

/** The file of shard `s`: `vectors.hnsw` for the first (as before shards), `vectors.<s>.hnsw` after. */
export function shardFile(s: number): string {
  return s === 0 ? 'vectors.hnsw' : `vectors.${s}.hnsw`;
}

/**
 * Chunks below which the index is one graph, built on the calling thread. One graph answers about
 * twice as fast as two shards (one search instead of two) for the same recall, and uses less
 * memory (no worker threads), but inserts on one core: ~14 s for 48,000 chunks (100,000
 * sentences). Above this size two shards keep big builds scaling (README, Performance).
 */
export const SHARD_MIN_CHUNKS = 65_536;
/** Shards of a big build: one per core of the 2-core target machine (the index must not depend on the build machine). */
export const BIG_BUILD_SHARDS = 2;
/** Vectors embedded and handed to a shard at a time. */
const BATCH = 512;
const SPACE = 'cosine';

/** How many vectors each shard holds, for `count` vectors (in `shards` shards, or as a build chooses). */
export function shardSizes(count: number, shards = count >= SHARD_MIN_CHUNKS ? BIG_BUILD_SHARDS : 1): number[] {
  const base = Math.floor(count / shards);
  return Array.from({ length: shards }, (_, s) => base + (s < count % shards ? 1 : 0));
}

export interface VectorSearchResult {
  /** Chunk numbers, nearest first. */
  neighbors: number[];
  /** Cosine distances (1 - cosine similarity), ascending. */
  distances: number[];
}

interface Shard {
  graph: hnswlib.HierarchicalNSW;
  offset: number;
}

export class VectorIndex {
  private constructor(
    private readonly shards: readonly Shard[],
    readonly dimensions: number,
  ) {}

  /** Number of vectors in all shards. */
  getCurrentCount(): number {
    return this.shards.reduce((sum, shard) => sum + shard.graph.getCurrentCount(), 0);
  }

  get shardCount(): number {
    return this.shards.length;
  }

  /** The HNSW search breadth (hnswlib's `ef`) of every shard. */
  setEf(ef: number): void {
    for (const shard of this.shards) shard.graph.setEf(ef);
  }

  /** The `k` nearest vectors by cosine distance, over all shards. */
  searchKnn(query: readonly number[] | Float32Array, k: number): VectorSearchResult {
    const point = Array.isArray(query) ? (query as number[]) : Array.from(query);
    if (this.shards.length === 1) {
      const { graph, offset } = this.shards[0];
      const count = graph.getCurrentCount();
      if (count === 0 || k <= 0) return { neighbors: [], distances: [] };
      const result = graph.searchKnn(point, Math.min(k, count));
      return offset === 0 ? result : { neighbors: result.neighbors.map((n) => n + offset), distances: result.distances };
    }
    const found: { neighbor: number; distance: number }[] = [];
    for (const { graph, offset } of this.shards) {
      const count = graph.getCurrentCount();
      if (count === 0 || k <= 0) continue;
      const { neighbors, distances } = graph.searchKnn(point, Math.min(k, count));
      for (let i = 0; i < neighbors.length; i++) found.push({ neighbor: neighbors[i] + offset, distance: distances[i] });
    }
    found.sort((a, b) => a.distance - b.distance || a.neighbor - b.neighbor);
    const top = found.slice(0, k);
    return { neighbors: top.map((f) => f.neighbor), distances: top.map((f) => f.distance) };
  }

  /** Every stored vector, in chunk order, as one array (for exact-search checks; costs `count × dimensions` floats). */
  exportVectors(): Float32Array {
    const out = new Float32Array(this.getCurrentCount() * this.dimensions);
    for (const { graph, offset } of this.shards) {
      const count = graph.getCurrentCount();
      for (let label = 0; label < count; label++) out.set(graph.getPoint(label), (offset + label) * this.dimensions);
    }
    return out;
  }

  /** Opens the shard files of a build; `sizes` are the vector counts per shard, as in the manifest. */
  static async read(directory: string, dimensions: number, sizes: readonly number[], efSearch: number): Promise<VectorIndex> {
    let offset = 0;
    const shards = await Promise.all(
      sizes.map(async (size, s) => {
        const graph = new hnswlib.HierarchicalNSW(SPACE, dimensions);
        await graph.readIndex(path.join(directory, shardFile(s)));
        if (graph.getCurrentCount() !== size) throw new Error(`${shardFile(s)} holds ${graph.getCurrentCount()} vectors, expected ${size}`);
        graph.setEf(efSearch);
        return graph;
      }),
    );
    return new VectorIndex(
      shards.map((graph, s) => {
        const shard = { graph, offset };
        offset += sizes[s];
        return shard;
      }),
      dimensions,
    );
  }

  /** Wraps graphs built on this thread. */
  static of(graphs: readonly hnswlib.HierarchicalNSW[], sizes: readonly number[], dimensions: number, efSearch: number): VectorIndex {
    let offset = 0;
    return new VectorIndex(
      graphs.map((graph, s) => {
        graph.setEf(efSearch);
        const shard = { graph, offset };
        offset += sizes[s];
        return shard;
      }),
      dimensions,
    );
  }
}

/** Parameters of one shard's graph. */
export interface ShardSpec {
  dimensions: number;
  size: number;
  m: number;
  efConstruction: number;
  seed: number;
}

/** Builds one shard's graph from batches of vectors (the same code runs in a worker and in-thread). */
export class ShardBuilder {
  readonly graph: hnswlib.HierarchicalNSW;
  private added = 0;
  private readonly point: number[];

  constructor(private readonly spec: ShardSpec) {
    this.graph = new hnswlib.HierarchicalNSW(SPACE, spec.dimensions);
    this.graph.initIndex({ maxElements: Math.max(1, spec.size), m: spec.m, efConstruction: spec.efConstruction, randomSeed: spec.seed });
    // hnswlib-node takes plain arrays only; one reused array avoids an allocation per vector.
    this.point = new Array<number>(spec.dimensions).fill(0);
  }

  /** Inserts `vectors` (rows of `dimensions`) as the next labels; returns how many the shard now holds. */
  add(vectors: Float32Array): number {
    const { dimensions } = this.spec;
    const point = this.point;
    for (let row = 0; row * dimensions < vectors.length; row++) {
      const base = row * dimensions;
      for (let d = 0; d < dimensions; d++) point[d] = vectors[base + d];
      this.graph.addPoint(point, this.added++);
    }
    return this.added;
  }

  get count(): number {
    return this.added;
  }
}

/** Messages between the build and a shard worker. */
export type ToShardWorker =
  | { type: 'init'; spec: ShardSpec }
  | { type: 'add'; vectors: Float32Array }
  | { type: 'finish'; file: string };
export type FromShardWorker =
  | { type: 'progress'; count: number }
  | { type: 'done'; count: number }
  | { type: 'error'; message: string };

/** The compiled worker next to this module; absent when running from TypeScript sources (tests), which then build in-thread. */
function workerScript(): URL | undefined {
  const url = new URL('./shardWorker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

export interface VectorBuildOptions {
  count: number;
  dimensions: number;
  hnsw: HnswSettings;
  /** Folder the shard files are written to. */
  directory: string;
  /** Writes the vectors of chunks `start .. end` into `out` (rows of `dimensions`, zero-filled). */
  embed: (start: number, end: number, out: Float32Array) => Promise<void> | void;
  onEmbedded?: (done: number) => void;
  onIndexed?: (done: number) => void;
  /** Force building on this thread (no workers). */
  inThread?: boolean;
  /** Override the number of shards (tests). */
  shards?: number;
}

export interface BuiltVectors {
  index: VectorIndex;
  /** Vectors per shard, for the manifest. */
  shards: number[];
  /** File names written into `directory`. */
  files: string[];
}

interface ShardSink {
  add(vectors: Float32Array): void;
  /** Resolves once the shard's file is written. */
  finish(file: string): Promise<void>;
  count(): number;
}

function inThreadSink(builder: ShardBuilder): ShardSink {
  return {
    add: (vectors) => void builder.add(vectors),
    finish: async (file) => {
      await builder.graph.writeIndex(file);
    },
    count: () => builder.count,
  };
}

function workerSink(script: URL, spec: ShardSpec, onProgress: () => void): ShardSink & { terminate(): Promise<number> } {
  const worker = new Worker(script);
  let count = 0;
  let failure: Error | undefined;
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  worker.on('message', (message: FromShardWorker) => {
    if (message.type === 'progress') {
      count = message.count;
      onProgress();
    } else if (message.type === 'done') {
      count = message.count;
      settle?.resolve();
    } else {
      failure = new Error(`HNSW shard worker: ${message.message}`);
      settle?.reject(failure);
    }
  });
  worker.on('error', (error) => {
    failure = error;
    settle?.reject(error);
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !failure) {
      failure = new Error(`HNSW shard worker exited with code ${code}`);
      settle?.reject(failure);
    }
  });
  const post = (message: ToShardWorker, transfer: ArrayBuffer[] = []): void => worker.postMessage(message, transfer);
  post({ type: 'init', spec });
  return {
    add: (vectors) => post({ type: 'add', vectors }, [vectors.buffer as ArrayBuffer]),
    finish: (file) =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        settle = { resolve, reject };
        post({ type: 'finish', file });
      }),
    count: () => count,
    terminate: () => worker.terminate(),
  };
}

/**
 * Embeds the chunks batch by batch and inserts them into their shard's graph: with two shards,
 * two worker threads insert while this thread embeds the next batches, so both cores stay busy and
 * no batch is held longer than it takes to insert it. Writes the shard files and returns the index.
 */
export async function buildVectorIndex(options: VectorBuildOptions): Promise<BuiltVectors> {
  const { count, dimensions, hnsw, directory } = options;
  const sizes = shardSizes(count, options.shards);
  const specs: ShardSpec[] = sizes.map((size, s) => ({ dimensions, size, m: hnsw.m, efConstruction: hnsw.efConstruction, seed: 100 + s }));
  const script = options.inThread || sizes.length === 1 || availableParallelism() < 2 ? undefined : workerScript();
  const indexed = (): void => options.onIndexed?.(sinks.reduce((sum, sink) => sum + sink.count(), 0));
  const builders = script ? [] : specs.map((spec) => new ShardBuilder(spec));
  const workers = script ? specs.map((spec) => workerSink(script, spec, indexed)) : [];
  const sinks: ShardSink[] = script ? workers : builders.map(inThreadSink);
  const files = sizes.map((_, s) => shardFile(s));
  try {
    // Round-robin over the shards, so every worker gets its first batch at once.
    const starts = sizes.map((_, s) => sizes.slice(0, s).reduce((a, b) => a + b, 0));
    const next = [...starts];
    let embedded = 0;
    while (embedded < count) {
      for (let s = 0; s < sizes.length; s++) {
        const end = Math.min(starts[s] + sizes[s], next[s] + BATCH);
        if (next[s] >= end) continue;
        const vectors = new Float32Array((end - next[s]) * dimensions);
        await options.embed(next[s], end, vectors);
        sinks[s].add(vectors);
        embedded += end - next[s];
        next[s] = end;
        options.onEmbedded?.(embedded);
        if (!script) indexed();
      }
    }
    await Promise.all(sinks.map((sink, s) => sink.finish(path.join(directory, files[s]))));
    indexed();
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  const index = script
    ? await VectorIndex.read(directory, dimensions, sizes, hnsw.efSearch)
    : VectorIndex.of(
        builders.map((builder) => builder.graph),
        sizes,
        dimensions,
        hnsw.efSearch,
      );
  return { index, shards: sizes, files };
}
