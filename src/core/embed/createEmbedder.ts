import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import type { Embedder, EmbedderKind } from './embedder.js';
import { createLexicalEmbedder, type LexicalVocabulary } from './lexicalEmbedder.js';
import { createTransformersEmbedder } from './transformersEmbedder.js';

type EmbedderSettings = Pick<Config, 'embedder' | 'embedModel' | 'modelsDir' | 'allowRemoteModels'>;

function loadModel(settings: EmbedderSettings, model: string): Promise<Embedder> {
  // Downloads land in the models folder, in the layout it is read from, so the next start needs no network.
  return createTransformersEmbedder({ model, modelsDir: settings.modelsDir, cacheDir: settings.modelsDir, allowRemote: settings.allowRemoteModels });
}

/**
 * The embedder for a new build. `auto` tries the transformers model and falls back to the
 * built-in lexical embedder with one warning when the model cannot be loaded.
 */
export async function embedderForBuild(settings: EmbedderSettings, vocabulary: LexicalVocabulary, log: Logger): Promise<Embedder> {
  if (settings.embedder === 'lexical') return createLexicalEmbedder(vocabulary);
  if (settings.embedder === 'transformers') return loadModel(settings, settings.embedModel);
  try {
    return await loadModel(settings, settings.embedModel);
  } catch (error) {
    log.warn(`EMBEDDER=auto: ${(error as Error).message} Using the built-in lexical embedder instead.`);
    return createLexicalEmbedder(vocabulary);
  }
}

/** The embedder that made an existing build, so that questions land in the same vector space. */
export function embedderForBuilt(settings: EmbedderSettings, kind: EmbedderKind, model: string, vocabulary: LexicalVocabulary): Promise<Embedder> {
  return kind === 'lexical' ? Promise.resolve(createLexicalEmbedder(vocabulary)) : loadModel(settings, model);
}
