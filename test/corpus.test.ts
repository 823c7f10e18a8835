import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeStory, loadCorpus } from '../src/core/corpus/loadCorpus.js';
import { splitSentences } from '../src/core/text/sentences.js';
import { SEED_ARTICLE, createWorkspace, type Workspace } from './support/workspace.js';

let workspace: Workspace | undefined;
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
});

describe('corpus', () => {
  it('ships the seed article byte for byte', () => {
    // sha256 of the seed article as handed over in shared/corpus-seed/sony-hack.txt
    const digest = createHash('sha256').update(readFileSync(SEED_ARTICLE)).digest('hex');
    expect(digest).toBe('53179bd0da040d745613c20118c161a2729138f9ff6fceb732678c33a2f13484');
  });

  it('reads .txt and .md files in name order with id and title, ignoring other files', async () => {
    workspace = await createWorkspace({ 'b-story.md': '# Second Story\nIt happened.\n', 'notes.json': '{}', 'a.txt': 'First Title\nText.\n' });
    const { documents, skipped } = await loadCorpus(workspace.corpusDir);
    expect(documents.map((d) => [d.id, d.title, d.file])).toEqual([
      ['a', 'First Title', 'a.txt'],
      ['b-story', '# Second Story', 'b-story.md'],
      ['sony-hack', 'North Korea Behind Sony Hack: U.S. Officials', 'sony-hack.txt'],
    ]);
    expect(skipped).toEqual([]);
  });

  it('skips binary and non-UTF-8 files and names them, keeping the rest', async () => {
    workspace = await createWorkspace({
      'latin1.txt': Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]),
      'image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
      'empty.txt': '',
    });
    const { documents, skipped } = await loadCorpus(workspace.corpusDir);
    expect(documents.map((d) => d.id)).toEqual(['sony-hack']);
    expect(skipped).toEqual([
      { file: 'empty.txt', reason: 'empty' },
      { file: 'image.md', reason: 'not valid UTF-8 text' },
      { file: 'latin1.txt', reason: 'not valid UTF-8 text' },
    ]);
  });

  it('keeps the same line numbers with a BOM and CRLF line endings', () => {
    const original = readFileSync(SEED_ARTICLE, 'utf8');
    const windows = decodeStory(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(original.replace(/\n/g, '\r\n'))]));
    expect(windows).toBe(original);
    const lines = (text: string): number[][] => splitSentences(text).map((s) => [s.startLine, s.endLine]);
    expect(lines(windows!)).toEqual(lines(original));
  });

  it('reports a missing corpus folder clearly', async () => {
    await expect(loadCorpus('/nonexistent/storybot-corpus')).rejects.toThrow(/Cannot read the corpus folder \/nonexistent\/storybot-corpus/);
  });
});
