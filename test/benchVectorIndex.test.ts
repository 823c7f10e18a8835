import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exactTopK } from '../scripts/lib/benchStats.js';
import { seededRandom } from '../scripts/lib/seededRandom.js';
import { createLexicalEmbedder, LEXICAL_DIMENSIONS, type LexicalVocabulary } from '../src/core/embed/lexicalEmbedder.js';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';
import { buildVectorIndex, shardSizes, VectorIndex, type VectorBuildOptions } from '../src/core/index/vectorIndex.js';
import { lexicalVocabularyOf } from '../src/core/index/vocabulary.js';
import { contentTerms } from '../src/core/text/terms.js';
import { REPO_ROOT } from './fakeDiscord/nodeProcess.js';

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-vectors-'));
  temporary.push(dir);
  return dir;
}

const DIMENSIONS = 16;

/** Random unit vectors, seeded. */
function unitVectors(count: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(count * DIMENSIONS);
  for (let row = 0; row < count; row++) {
    let norm = 0;
    for (let d = 0; d < DIMENSIONS; d++) {
      const v = random() * 2 - 1;
      out[row * DIMENSIONS + d] = v;
      norm += v * v;
    }
    for (let d = 0; d < DIMENSIONS; d++) out[row * DIMENSIONS + d] /= Math.sqrt(norm);
  }
  return out;
}

function options(vectors: Float32Array, directory: string, extra: Partial<VectorBuildOptions> = {}): VectorBuildOptions {
  return {
    count: vectors.length / DIMENSIONS,
    dimensions: DIMENSIONS,
    // ef above the vector count makes the search exhaustive, so results can be compared exactly.
    hnsw: { m: 8, efConstruction: 50, efSearch: 500 },
    directory,
    embed: (start, end, out) => out.set(vectors.subarray(start * DIMENSIONS, end * DIMENSIONS)),
    ...extra,
  };
}

describe('shardSizes', () => {
  it('keeps small indexes in one piece and splits big ones evenly, covering every vector', () => {
    expect(shardSizes(0)).toEqual([0]);
    expect(shardSizes(100)).toEqual([100]);
    expect(shardSizes(48_160)).toEqual([48_160]);
    expect(shardSizes(100_001)).toEqual([50_001, 50_000]);
    expect(shardSizes(7, 3)).toEqual([3, 2, 2]);
  });
});

describe('buildVectorIndex', () => {
  const vectors = unitVectors(300, 11);
  const queries = unitVectors(20, 12);

  it.each([1, 2, 3])('with %i shard(s) finds the exact neighbours, labelled by chunk number', async (shards) => {
    const directory = await tempDir();
    const built = await buildVectorIndex(options(vectors, directory, { shards, inThread: true }));
    expect(built.shards.reduce((a, b) => a + b, 0)).toBe(300);
    expect(built.index.getCurrentCount()).toBe(300);
    expect(built.index.shardCount).toBe(shards);
    for (let q = 0; q < 20; q++) {
      const query = queries.subarray(q * DIMENSIONS, (q + 1) * DIMENSIONS);
      const exact = exactTopK(vectors, DIMENSIONS, query, 10);
      const found = built.index.searchKnn(Array.from(query), 10);
      expect(found.neighbors).toEqual(exact.ids);
      found.distances.forEach((distance, i) => expect(1 - distance).toBeCloseTo(exact.scores[i], 4));
    }
    // The files read back give the same answers, and the stored vectors in chunk order.
    const reread = await VectorIndex.read(directory, DIMENSIONS, built.shards, 500);
    const query = Array.from(queries.subarray(0, DIMENSIONS));
    expect(reread.searchKnn(query, 10)).toEqual(built.index.searchKnn(query, 10));
    const stored = reread.exportVectors();
    for (let i = 0; i < stored.length; i++) expect(stored[i]).toBeCloseTo(vectors[i], 5);
  });

  it('answers k larger than the index with every vector', async () => {
    const small = unitVectors(5, 3);
    const built = await buildVectorIndex(options(small, await tempDir(), { shards: 2, inThread: true }));
    expect(built.index.searchKnn(Array.from(small.subarray(0, DIMENSIONS)), 10).neighbors.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('reports embedding and indexing progress up to the total', async () => {
    const embedded: number[] = [];
    const indexed: number[] = [];
    await buildVectorIndex(options(vectors, await tempDir(), { shards: 2, inThread: true, onEmbedded: (n) => embedded.push(n), onIndexed: (n) => indexed.push(n) }));
    expect(embedded.at(-1)).toBe(300);
    expect(indexed.at(-1)).toBe(300);
  });

  // The worker script exists only in the compiled output; `npm test` builds before it runs.
  const compiled = path.join(REPO_ROOT, 'dist', 'src', 'core', 'index', 'vectorIndex.js');
  it('builds shards in worker threads with the same result as in-thread', async () => {
    const { buildVectorIndex: compiledBuild } = (await import(compiled)) as typeof import('../src/core/index/vectorIndex.js');
    const inThread = await buildVectorIndex(options(vectors, await tempDir(), { shards: 2, inThread: true }));
    const threaded = await compiledBuild(options(vectors, await tempDir(), { shards: 2 }));
    for (let q = 0; q < 5; q++) {
      const query = Array.from(queries.subarray(q * DIMENSIONS, (q + 1) * DIMENSIONS));
      expect(threaded.index.searchKnn(query, 10)).toEqual(inThread.index.searchKnn(query, 10));
    }
  });
});

/**
 * The lexical embedder as first written (text in, vector out, no caches): the cached, id-based
 * build path must give exactly these numbers.
 */
function referenceEmbedding(text: string, vocabulary: LexicalVocabulary): Float32Array {
  const hash = (feature: string): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < feature.length; i++) {
      h ^= feature.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  };
  const vector = new Float32Array(LEXICAL_DIMENSIONS);
  const add = (feature: string, weight: number): void => {
    const h = hash(feature);
    vector[h % vector.length] += h & 0x80000000 ? -weight : weight;
  };
  const idf = (term: string): number => {
    const df = vocabulary.documentFrequency[term] ?? 0;
    return Math.log(1 + (vocabulary.count - df + 0.5) / (df + 0.5));
  };
  const terms = contentTerms(text);
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const [term, tf] of counts) {
    const weight = (1 + Math.log(tf)) * idf(term);
    add(`w:${term}`, weight);
    const padded = `<${term}>`;
    const grams = Math.max(1, padded.length - 4 + 1);
    for (let i = 0; i < grams; i++) add(`c:${padded.slice(i, i + 4)}`, (0.35 * weight) / Math.sqrt(grams));
  }
  for (let i = 1; i < terms.length; i++) add(`b:${terms[i - 1]} ${terms[i]}`, 0.5 * Math.min(idf(terms[i - 1]), idf(terms[i])));
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) vector[0] = 1;
  else for (let i = 0; i < vector.length; i++) vector[i] *= 1 / Math.sqrt(norm);
  return vector;
}

describe('lexical embedder fast paths', () => {
  const texts = [
    'Sony on Wednesday dropped its plans to release "The Interview" on Christmas Day.',
    'U.S. officials have concluded that the North Korean government ordered the hacking attack.',
    'the of and',
    '',
    'Theater chains — Regal, Cinemark, Carmike — said they would not show the film. The film, the film!',
  ];
  const corpus = analyzeCorpus([{ id: 'a', title: texts[0], file: 'a.txt', text: texts.join('\n\n') }]);
  const vocabulary = lexicalVocabularyOf(corpus);

  it('gives exactly the vectors of the original formula, from text, from terms and from term ids', async () => {
    const embedder = createLexicalEmbedder(vocabulary);
    const questions = ['Who dropped the film zyxquor zyxquor?', 'hacking hacking attack', ...texts];
    const fromText = await embedder.embedQueries(questions);
    questions.forEach((text, i) => expect(Array.from(fromText[i])).toEqual(Array.from(referenceEmbedding(text, vocabulary))));
    // Twice, so the second pass runs on cached features.
    for (let pass = 0; pass < 2; pass++) {
      for (const text of [...texts, ...questions]) {
        const expected = Array.from(referenceEmbedding(text, vocabulary));
        const out = new Float32Array(embedder.dimensions);
        embedder.embedTermsInto(contentTerms(text), out);
        expect(Array.from(out)).toEqual(expected);
      }
      const ids = Array.from(corpus.termIds);
      for (let s = 0; s < corpus.sentences.length; s++) {
        const terms = ids.slice(corpus.termOffsets[s], corpus.termOffsets[s + 1]);
        const text = corpus.documents[0].text.slice(corpus.sentences[s].start, corpus.sentences[s].end);
        const out = new Float32Array(embedder.dimensions);
        embedder.embedTermIdsInto(corpus.terms, terms, terms.length, out);
        expect(Array.from(out)).toEqual(Array.from(referenceEmbedding(text, vocabulary)));
      }
    }
  });
});
