/** Turns text into unit-length vectors, so that cosine similarity is a dot product. */
export interface Embedder {
  /** `lexical` or `transformers`. */
  readonly kind: EmbedderKind;
  /** What produced the vectors: a model id, or the lexical feature scheme. */
  readonly model: string;
  readonly dimensions: number;
  /** Vectors for questions. Some models embed questions differently from passages. */
  embedQueries(texts: readonly string[]): Promise<Float32Array[]>;
  /** Vectors for passages of the story. */
  embedPassages(texts: readonly string[]): Promise<Float32Array[]>;
  /** Frees native resources, if any. */
  dispose?(): Promise<void>;
}

export type EmbedderKind = 'lexical' | 'transformers';
