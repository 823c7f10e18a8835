import type { FeatureExtractionPipeline } from '@xenova/transformers';
import type { Embedder } from './embedder.js';

export interface TransformersEmbedderOptions {
  /** Model id, e.g. `Xenova/multi-qa-MiniLM-L6-cos-v1`; also the folder name under `modelsDir`. */
  model: string;
  /** Folder holding `<model id>/config.json`, `<model id>/onnx/...` etc. */
  modelsDir?: string;
  /** Whether files missing locally may be downloaded from the Hugging Face Hub. */
  allowRemote: boolean;
  /** Where downloaded files are cached. transformers.js reads this cache before `modelsDir`. */
  cacheDir?: string;
  /**
   * Load `onnx/model_quantized.onnx` (true, the transformers.js default) or `onnx/model.onnx` (false).
   * Only the chosen file is needed, so a folder holding just `model.onnx` needs `quantized: false`.
   */
  quantized?: boolean;
}

export class ModelLoadError extends Error {
  override readonly name = 'ModelLoadError';
  constructor(
    readonly model: string,
    readonly allowRemote: boolean,
    options?: { cause?: unknown },
  ) {
    const cause = (options?.cause instanceof Error ? options.cause.message : String(options?.cause ?? 'unknown error')).replace(/\.+$/, '');
    super(
      `Could not load embedding model "${model}" (remote download ${allowRemote ? 'allowed' : 'not allowed'}): ${cause}. ` +
        (allowRemote
          ? 'Check the network connection to the Hugging Face Hub, or put the model files under MODELS_DIR/<model id>/.'
          : 'Put the model files under MODELS_DIR/<model id>/, or set ALLOW_REMOTE_MODELS=true to download them.'),
      options,
    );
  }
}

const BATCH_SIZE = 32;
const PROBE_TEXT = 'probe';

/** Embeds with a sentence-transformers model through transformers.js: mean pooling, unit length. */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  const { model, modelsDir, allowRemote, cacheDir, quantized = true } = options;

  let extractor: FeatureExtractionPipeline;
  let dimensions: number;
  try {
    const { env, pipeline } = await import('@xenova/transformers');
    // env is process-wide; set it just before loading, since files are only read during load.
    if (modelsDir !== undefined) env.localModelPath = modelsDir;
    env.allowLocalModels = true;
    env.allowRemoteModels = allowRemote;
    extractor = await pipeline('feature-extraction', model, {
      quantized,
      cache_dir: cacheDir,
      // Per-call guard too, in case another load flips the global env while this one is awaiting.
      local_files_only: !allowRemote,
    });
    dimensions = (await run(extractor, [PROBE_TEXT]))[0].length;
  } catch (error) {
    throw new ModelLoadError(model, allowRemote, { cause: error });
  }

  const embed = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      vectors.push(...(await run(extractor, texts.slice(start, start + BATCH_SIZE))));
    }
    return vectors;
  };

  return {
    kind: 'transformers',
    model,
    dimensions,
    // multi-qa-MiniLM and the like embed questions and passages the same way (no prefixes).
    embedQueries: embed,
    embedPassages: embed,
    dispose: () => extractor.dispose(),
  };
}

async function run(extractor: FeatureExtractionPipeline, texts: readonly string[]): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const output = await extractor([...texts], { pooling: 'mean', normalize: true });
  const [rows, dims] = output.dims as [number, number];
  const data = output.data as Float32Array;
  return Array.from({ length: rows }, (_, i) => data.slice(i * dims, (i + 1) * dims));
}
