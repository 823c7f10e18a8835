import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TINY_BERT_DIMENSIONS, writeTinyBertModel } from '../scripts/lib/tinyBertModel.js';
import type { Embedder } from '../src/core/embed/embedder.js';
import { createTransformersEmbedder, ModelLoadError } from '../src/core/embed/transformersEmbedder.js';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((sum, v, i) => sum + v * b[i], 0);

let rootDir: string;
let modelsDir: string;
// A fresh cache dir, so files cached by earlier runs can never stand in for the files under test.
let cacheDir: string;
let modelId: string;
let embedder: Embedder;

beforeAll(async () => {
  rootDir = await mkdtemp(path.join(os.tmpdir(), 'storybot-embedder-'));
  modelsDir = path.join(rootDir, 'models');
  cacheDir = path.join(rootDir, 'cache');
  ({ modelId } = await writeTinyBertModel(modelsDir));
  embedder = await createTransformersEmbedder({ model: modelId, modelsDir, cacheDir, allowRemote: false });
});

afterAll(async () => {
  await embedder?.dispose?.();
  if (rootDir) await rm(rootDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createTransformersEmbedder with a local model', () => {
  it('describes itself', () => {
    expect(embedder.kind).toBe('transformers');
    expect(embedder.model).toBe(modelId);
    expect(embedder.dimensions).toBe(TINY_BERT_DIMENSIONS);
  });

  it('returns one unit-length vector of the declared dimension per text', async () => {
    const texts = ['The police arrested a man.', 'Music and film.', 'unknownword zzz'];
    const vectors = await embedder.embedPassages(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(embedder.dimensions);
      expect(Math.sqrt(dot(vector, vector))).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic and embeds queries like passages', async () => {
    const text = 'Who did the police arrest in the city?';
    const [first] = await embedder.embedQueries([text]);
    const [second] = await embedder.embedQueries([text]);
    const [asPassage] = await embedder.embedPassages([text]);
    expect(Array.from(second)).toEqual(Array.from(first));
    expect(Array.from(asPassage)).toEqual(Array.from(first));
  });

  it('puts texts that share words closer than unrelated texts', async () => {
    const [query, related, unrelated] = await embedder.embedPassages([
      'police arrested the man in the city',
      'the police arrested a man in the city last night',
      'music film song game market price',
    ]);
    expect(dot(query, related)).toBeGreaterThan(dot(query, unrelated) + 0.2);
  });

  it('gives the same vectors in batches as one by one, across the batch boundary', async () => {
    // 40 texts of different lengths: two calls to the model, with padding inside each.
    const texts = Array.from({ length: 40 }, (_, i) =>
      ['the city', 'police arrested a man near the river', 'music', 'a long story about the government and the court'][i % 4] + ` ${i}`,
    );
    const batched = await embedder.embedPassages(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embedPassages([text]);
      const maxDiff = Math.max(...single.map((v, j) => Math.abs(v - batched[i][j])));
      expect(maxDiff).toBeLessThan(1e-6);
    }
  });

  it('returns no vectors for no texts', async () => {
    await expect(embedder.embedPassages([])).resolves.toEqual([]);
  });
});

describe('createTransformersEmbedder loading', () => {
  it('rejects a missing model without touching the network when remote is not allowed', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network disabled in tests'));
    const loading = createTransformersEmbedder({ model: 'nobody/missing-model', modelsDir, cacheDir, allowRemote: false });
    await expect(loading).rejects.toBeInstanceOf(ModelLoadError);
    await expect(loading).rejects.toThrow(/"nobody\/missing-model".*not allowed.*MODELS_DIR.*ALLOW_REMOTE_MODELS/s);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('asks the Hub for a missing model when remote is allowed (so the spy above is meaningful)', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('not found', { status: 404 }));
    const loading = createTransformersEmbedder({ model: 'nobody/missing-model', modelsDir, cacheDir, allowRemote: true });
    await expect(loading).rejects.toThrow(ModelLoadError);
    await expect(loading).rejects.toThrow(/"nobody\/missing-model".*remote download allowed/s);
    expect(fetchSpy).toHaveBeenCalled();
    expect(String(fetchSpy.mock.calls[0][0])).toContain('nobody/missing-model');
  });

  it('loads onnx/model.onnx when quantized is false, and needs model_quantized.onnx otherwise', async () => {
    const dir = path.join(rootDir, 'full-only');
    const { modelId: fullOnly, modelDir } = await writeTinyBertModel(dir, 'tiny-bert-full');
    await rm(path.join(modelDir, 'onnx', 'model_quantized.onnx'));
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network disabled in tests'));

    await expect(
      createTransformersEmbedder({ model: fullOnly, modelsDir: dir, cacheDir, allowRemote: false }),
    ).rejects.toThrow(/model_quantized\.onnx/);

    const full = await createTransformersEmbedder({ model: fullOnly, modelsDir: dir, cacheDir, allowRemote: false, quantized: false });
    try {
      const [vector] = await full.embedPassages(['police arrested a man']);
      const [expected] = await embedder.embedPassages(['police arrested a man']);
      expect(Array.from(vector)).toEqual(Array.from(expected));
    } finally {
      await full.dispose?.();
    }
  });
});
