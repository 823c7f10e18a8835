import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeTinyBertModel, TINY_BERT_DIMENSIONS } from '../scripts/lib/tinyBertModel.js';
import { KnowledgeBase } from '../src/core/knowledgeBase.js';
import { readManifest } from '../src/core/index/manifest.js';
import { captureStderr } from './support/captureStderr.js';
import { createWorkspace, type Workspace } from './support/workspace.js';

let workspace: Workspace;
afterEach(async () => {
  vi.restoreAllMocks();
  await workspace?.remove();
});

describe('embedder selection', () => {
  it('EMBEDDER=transformers indexes and answers through a local transformers.js model, with no network', async () => {
    workspace = await createWorkspace();
    const modelsDir = `${workspace.dir}/models`;
    const { modelId } = await writeTinyBertModel(modelsDir);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const knowledge = await KnowledgeBase.open(
      workspace.config({ EMBEDDER: 'transformers', EMBED_MODEL: modelId, MODELS_DIR: modelsDir, ALLOW_REMOTE_MODELS: 'false' }),
    );
    const manifest = await readManifest(workspace.indexDir);
    expect(manifest).toMatchObject({ embedder: 'transformers', model: modelId, dimensions: TINY_BERT_DIMENSIONS });
    // The tiny model's vectors are random, so ask in the story's own words: both retrievers then agree.
    const answer = await knowledge.ask('Which chains said they would not show the film on the planned premiere?');
    expect(answer).toMatchObject({ abstained: false, embedder: 'transformers', model: modelId });
    expect(answer.citations[0].lines).toEqual([27, 29]);
    expect(fetchSpy).not.toHaveBeenCalled();
    knowledge.close();
  });

  it('EMBEDDER=auto falls back to lexical with one clear warning when the model cannot be loaded', async () => {
    workspace = await createWorkspace();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const stderr = captureStderr();
    const knowledge = await KnowledgeBase.open(
      workspace.config({ EMBEDDER: 'auto', EMBED_MODEL: 'example/not-here', ALLOW_REMOTE_MODELS: 'false' }),
    );
    const warnings = stderr.filter((line) => line.includes('WARN'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/EMBEDDER=auto: Could not load embedding model "example\/not-here".*Using the built-in lexical embedder/);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect((await knowledge.ask('Who stars in The Interview?')).embedder).toBe('lexical');

    // The choice is remembered in the index: the next start does not try the model again.
    stderr.length = 0;
    await KnowledgeBase.open(workspace.config({ EMBEDDER: 'auto', EMBED_MODEL: 'example/not-here', ALLOW_REMOTE_MODELS: 'false' }));
    expect(stderr.join('')).toBe('');
  });

  it('EMBEDDER=transformers fails with the model named when it cannot be loaded', async () => {
    workspace = await createWorkspace();
    await expect(
      KnowledgeBase.open(workspace.config({ EMBEDDER: 'transformers', EMBED_MODEL: 'example/not-here', ALLOW_REMOTE_MODELS: 'false' })),
    ).rejects.toThrow(/Could not load embedding model "example\/not-here" \(remote download not allowed\).*MODELS_DIR/);
  });
});
