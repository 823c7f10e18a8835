import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/log.js';
import { openIndex } from '../src/core/index/openIndex.js';
import { buildChunks } from '../src/core/index/chunks.js';
import { buildDir, readManifest, INDEX_FORMAT_VERSION } from '../src/core/index/manifest.js';
import { withIndexLock } from '../src/core/index/indexLock.js';
import { VECTORS_FILE, SENTENCES_FILE } from '../src/core/index/buildIndex.js';
import { splitSentences } from '../src/core/text/sentences.js';
import { captureStderr } from './support/captureStderr.js';
import { createWorkspace, type Workspace } from './support/workspace.js';

let workspace: Workspace;
afterEach(async () => {
  vi.restoreAllMocks();
  await workspace?.remove();
});

const log = createLogger('test');

describe('chunks', () => {
  it('are overlapping windows of answerable sentences within one document', () => {
    const sentences = [
      ...splitSentences('T1\nA one. A two. A three. A four. A five.', 0),
      ...splitSentences('T2\nB one. B two.', 1),
    ];
    const windows = buildChunks(sentences, 3, 1).map((c) => c.sentenceIndexes.map((i) => sentences[i].ordinal + 100 * sentences[i].docIndex));
    expect(windows).toEqual([[1, 2, 3], [3, 4, 5], [101, 102]]);
    expect(buildChunks(sentences, 2, 0).length).toBe(4);
    expect(() => buildChunks(sentences, 2, 2)).toThrow(RangeError);
  });
});

describe('persisted index', () => {
  it('is built on first use with a manifest that records how', async () => {
    workspace = await createWorkspace();
    const index = await openIndex(workspace.config(), log);
    const manifest = await readManifest(workspace.indexDir);
    expect(manifest).toMatchObject({
      formatVersion: INDEX_FORMAT_VERSION,
      requestedEmbedder: 'lexical',
      embedder: 'lexical',
      chunking: { size: 3, overlap: 1 },
      counts: { documents: 1, sentences: 14, chunks: index.chunks.length },
      documents: [{ id: 'sony-hack', title: 'North Korea Behind Sony Hack: U.S. Officials', file: 'sony-hack.txt' }],
    });
    expect(manifest!.corpusHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest!.dimensions).toBe(index.embedder.dimensions);
    expect(Date.parse(manifest!.builtAt)).not.toBeNaN();
    expect(Object.keys(manifest!.files).sort()).toContain(VECTORS_FILE);
  });

  it('is loaded, not rebuilt, when nothing changed', async () => {
    workspace = await createWorkspace();
    const first = await openIndex(workspace.config(), log);
    const second = await openIndex(workspace.config(), log);
    expect(second.manifest.buildId).toBe(first.manifest.buildId);
  });

  it.each([
    ['the corpus changes', async (w: Workspace) => fs.appendFile(path.join(w.corpusDir, 'sony-hack.txt'), '\nA new sentence.'), {}, /corpus has changed/],
    ['a story is added', async (w: Workspace) => fs.writeFile(path.join(w.corpusDir, 'new.md'), 'New\nText.'), {}, /corpus has changed/],
    ['the chunking changes', async () => {}, { CHUNK_SIZE: '4' }, /CHUNK_SIZE or CHUNK_OVERLAP changed/],
    ['the HNSW build settings change', async () => {}, { HNSW_M: '8' }, /HNSW_M or HNSW_EF_CONSTRUCTION changed/],
  ])('is rebuilt with one log line saying why when %s', async (_, change, overrides, reason) => {
    workspace = await createWorkspace();
    const first = await openIndex(workspace.config(), log);
    await change(workspace);
    const lines = captureStderr();
    const second = await openIndex(workspace.config(overrides), log);
    expect(second.manifest.buildId).not.toBe(first.manifest.buildId);
    const said = lines.filter((line) => line.includes('Building the index'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(reason);
  });

  it.each([
    ['missing', (file: string) => fs.rm(file)],
    ['truncated', (file: string) => fs.truncate(file, 10)],
    ['corrupt', async (file: string) => {
      const data = await fs.readFile(file);
      data[data.length >> 1] ^= 0xff;
      await fs.writeFile(file, data);
    }],
  ])('is rebuilt when a file is %s, and answers again', async (_, damage) => {
    workspace = await createWorkspace();
    let current = await openIndex(workspace.config(), log);
    for (const name of [VECTORS_FILE, SENTENCES_FILE]) {
      await damage(path.join(buildDir(workspace.indexDir, current.manifest.buildId), name));
      const lines = captureStderr();
      const rebuilt = await openIndex(workspace.config(), log);
      vi.restoreAllMocks();
      expect(lines.join('')).toMatch(/Building the index: the index files are unusable/);
      expect(rebuilt.corpus.sentences).toHaveLength(14);
      expect(rebuilt.vectors.getCurrentCount()).toBe(rebuilt.chunks.length);
      current = rebuilt;
    }
  });

  it('is rebuilt when the manifest itself is garbage', async () => {
    workspace = await createWorkspace();
    await openIndex(workspace.config(), log);
    await fs.writeFile(path.join(workspace.indexDir, 'manifest.json'), '{"half": ');
    const lines = captureStderr();
    const rebuilt = await openIndex(workspace.config(), log);
    expect(lines.join('')).toMatch(/manifest is unreadable/);
    expect(rebuilt.corpus.sentences).toHaveLength(14);
  });

  it('keeps the previous build intact when a new build never finishes', async () => {
    workspace = await createWorkspace();
    const first = await openIndex(workspace.config(), log);
    // What a build killed halfway leaves behind: a half-written folder and a temp manifest.
    await fs.mkdir(buildDir(workspace.indexDir, 'interrupted'), { recursive: true });
    await fs.writeFile(path.join(buildDir(workspace.indexDir, 'interrupted'), VECTORS_FILE), 'partial');
    await fs.writeFile(path.join(workspace.indexDir, 'manifest.json.tmp-1-abcd'), '{"buildId": "interrupted"');
    const again = await openIndex(workspace.config(), log);
    expect(again.manifest.buildId).toBe(first.manifest.buildId);
  });

  it('in load-only mode refuses a build that does not fit, instead of replacing it', async () => {
    workspace = await createWorkspace();
    const built = await openIndex(workspace.config({ CHUNK_SIZE: '4' }), log);
    await expect(openIndex(workspace.config(), log, { loadOnly: true })).rejects.toThrow(
      'The stored index cannot be used: CHUNK_SIZE or CHUNK_OVERLAP changed.',
    );
    expect((await readManifest(workspace.indexDir))!.buildId).toBe(built.manifest.buildId);
  });

  it('keeps only the current and the previous build on disk', async () => {
    workspace = await createWorkspace();
    const builds: string[] = [];
    for (let i = 0; i < 3; i++) builds.push((await openIndex(workspace.config(), log, { rebuild: true })).manifest.buildId);
    const left = await fs.readdir(path.join(workspace.indexDir, 'builds'));
    expect(left.sort()).toEqual(builds.slice(1).sort());
  });
});

describe('index lock', () => {
  it('runs overlapping holders one after the other', async () => {
    workspace = await createWorkspace();
    const events: string[] = [];
    const hold = (name: string) =>
      withIndexLock(workspace.indexDir, async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        events.push(`${name} end`);
      });
    await Promise.all([hold('a'), hold('b')]);
    // Either may win the race for the lock; what matters is that the second starts after the first ends.
    const [first, second] = events[0] === 'a start' ? ['a', 'b'] : ['b', 'a'];
    expect(events).toEqual([`${first} start`, `${first} end`, `${second} start`, `${second} end`]);
  });

  it('waits for a lock file whose holder has not written its pid yet', async () => {
    workspace = await createWorkspace();
    await fs.mkdir(workspace.indexDir, { recursive: true });
    const lockFile = path.join(workspace.indexDir, '.lock');
    await fs.writeFile(lockFile, '');
    let released = false;
    setTimeout(() => {
      released = true;
      void fs.rm(lockFile, { force: true });
    }, 300);
    await withIndexLock(workspace.indexDir, async () => {
      expect(released).toBe(true);
    });
  });

  it('takes over a lock left by a dead process', async () => {
    workspace = await createWorkspace();
    await fs.mkdir(workspace.indexDir, { recursive: true });
    await fs.writeFile(path.join(workspace.indexDir, '.lock'), '999999999');
    await expect(withIndexLock(workspace.indexDir, async () => 'done')).resolves.toBe('done');
  });
});
