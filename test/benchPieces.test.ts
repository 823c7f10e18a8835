import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exactTopK, median, recallAtK } from '../scripts/lib/benchStats.js';
import { percentile } from '../src/core/stats.js';
import { BUILD_NODE_FLAGS } from '../scripts/lib/buildFlags.js';
import { REPO_ROOT } from './fakeDiscord/nodeProcess.js';
import { syntheticArticles, syntheticQuestionSet, syntheticQuestions, writeSyntheticCorpus } from '../scripts/lib/syntheticCorpus.js';
import { splitSentences } from '../src/core/text/sentences.js';

const temporary: string[] = [];
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

describe('synthetic corpus', () => {
  it('is the same text for the same seed, and different text for another seed', () => {
    const a = [...syntheticArticles({ sentences: 600, seed: 42 })];
    const b = [...syntheticArticles({ sentences: 600, seed: 42 })];
    const c = [...syntheticArticles({ sentences: 600, seed: 43 })];
    expect(a.map((x) => x.text)).toEqual(b.map((x) => x.text));
    expect(a.map((x) => x.text).join('')).not.toEqual(c.map((x) => x.text).join(''));
    expect(syntheticQuestions(a, 50, 1)).toEqual(syntheticQuestions(b, 50, 1));
  });

  it('has exactly the asked number of sentences as storybot splits them, titles included', () => {
    for (const [sentences, seed] of [
      [2, 1],
      [3, 2],
      [97, 3],
      [5000, 4],
    ]) {
      const articles = [...syntheticArticles({ sentences, seed })];
      const split = articles.map((article, i) => splitSentences(article.text, i));
      expect(split.reduce((sum, s) => sum + s.length, 0)).toBe(sentences);
      split.forEach((s, i) => {
        expect(s[0].kind).toBe('title');
        expect(s.filter((x) => x.kind === 'body')).toHaveLength(articles[i].sentences.length);
      });
    }
  });

  it('has news-like sentence lengths', () => {
    const lengths = [...syntheticArticles({ sentences: 5000 })].flatMap((a) => a.sentences.map((s) => s.split(' ').length));
    const med = median(lengths);
    expect(med).toBeGreaterThanOrEqual(16);
    expect(med).toBeLessThanOrEqual(24);
    expect(percentile(lengths, 90)).toBeGreaterThan(med * 1.4);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(4);
  });

  it('has a Zipf-like vocabulary: frequency falls about as 1/rank, function words on top', () => {
    const counts = new Map<string, number>();
    let tokens = 0;
    for (const article of syntheticArticles({ sentences: 20000 })) {
      for (const sentence of article.sentences) {
        for (const raw of sentence.split(' ')) {
          const word = raw.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
          if (word === '') continue;
          counts.set(word, (counts.get(word) ?? 0) + 1);
          tokens++;
        }
      }
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    expect(ranked.slice(0, 3).map(([w]) => w)).toEqual(['the', 'of', 'and']);
    // Least-squares slope of log frequency against log rank over ranks 10..1000.
    const xs: number[] = [];
    const ys: number[] = [];
    for (let rank = 10; rank <= 1000; rank++) {
      xs.push(Math.log(rank));
      ys.push(Math.log(ranked[rank - 1][1]));
    }
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    expect(slope).toBeGreaterThan(-1.25);
    expect(slope).toBeLessThan(-0.75);
    // The 100 commonest words carry about half the text, as in English.
    const top100 = ranked.slice(0, 100).reduce((s, [, n]) => s + n, 0) / tokens;
    expect(top100).toBeGreaterThan(0.35);
    expect(top100).toBeLessThan(0.65);
    expect(counts.size).toBeGreaterThan(10000);
  });

  it('asks questions in words of the sentence they come from, and some off-topic ones', () => {
    const articles = [...syntheticArticles({ sentences: 2000, seed: 5 })];
    const questions = syntheticQuestionSet(articles, 300, 9, 0.1);
    expect(questions).toHaveLength(300);
    const offTopic = questions.filter((q) => q.source === undefined).length;
    expect(offTopic).toBeGreaterThan(10);
    expect(offTopic).toBeLessThan(60);
    for (const q of questions.filter((x) => x.source)) {
      const sentence = articles[q.source!.article].sentences[q.source!.sentence].toLowerCase();
      const asked = q.text.match(/\p{L}{3,}/gu)!.filter((w) => sentence.includes(w.toLowerCase()));
      expect(asked.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('writes one file per article, replacing the folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'storybot-synthetic-'));
    temporary.push(dir);
    const first = await writeSyntheticCorpus(dir, syntheticArticles({ sentences: 300, seed: 7 }));
    const second = await writeSyntheticCorpus(dir, syntheticArticles({ sentences: 120, seed: 7 }));
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(second.files);
    expect(first.files).toBeGreaterThan(second.files);
    expect(second.sentences).toBe(120);
    const articles = [...syntheticArticles({ sentences: 120, seed: 7 })];
    expect(await readFile(path.join(dir, files[0]), 'utf8')).toBe(articles[0].text);
  });

  it('rejects a corpus too small to have a body sentence', () => {
    expect(() => [...syntheticArticles({ sentences: 1 })]).toThrow(RangeError);
  });
});

describe('bench statistics', () => {
  it('takes medians (percentiles are the evaluation\'s, tested with it)', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('finds the exact top k by dot product', () => {
    // Four 2-d rows.
    const matrix = Float32Array.from([1, 0, 0, 1, 0.6, 0.8, -1, 0]);
    const { ids, scores } = exactTopK(matrix, 2, [0.8, 0.6], 3);
    expect(ids).toEqual([2, 0, 1]);
    expect(scores[0]).toBeCloseTo(0.96, 5);
    expect(scores[1]).toBeCloseTo(0.8, 5);
    expect(scores[2]).toBeCloseTo(0.6, 5);
    // Fewer rows than k.
    expect(exactTopK(matrix, 2, [1, 0], 10).ids).toEqual([0, 2, 1, 3]);
  });

  it('computes recall@k, counting ties with the k-th exact score as found', () => {
    const exact = [
      { ids: [1, 2, 3], scores: [0.9, 0.8, 0.7] },
      { ids: [4, 5, 6], scores: [0.9, 0.5, 0.5] },
    ];
    // Query 1: finds 1 and 3 but returns 9 (score 0.6) instead of 2 → 2 of 3.
    // Query 2: returns 7, which ties 6's score 0.5 → all 3.
    const approximate = [
      { ids: [1, 3, 9], scores: [0.9, 0.7, 0.6] },
      { ids: [4, 5, 7], scores: [0.9, 0.5, 0.5] },
    ];
    expect(recallAtK(approximate, exact, 3)).toBeCloseTo(5 / 6, 10);
    expect(recallAtK(exact, exact, 3)).toBe(1);
    expect(recallAtK([{ ids: [], scores: [] }], [exact[0]], 3)).toBe(0);
  });
});

describe('build processes', () => {
  it('npm run reindex runs node with the same memory flags as the benchmark builds', async () => {
    const manifest = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts.reindex).toBe(['node', ...BUILD_NODE_FLAGS, 'dist/scripts/reindex.js'].join(' '));
  });
});
