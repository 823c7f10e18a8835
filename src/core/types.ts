/** What kind of text a sentence is. Titles and captions help retrieval but never answer. */
export type SentenceKind = 'body' | 'title' | 'caption';

export interface Document {
  /** File name stem, e.g. `sony-hack`. */
  id: string;
  /** First line of the file. */
  title: string;
  /** Path relative to the corpus folder. */
  file: string;
  /** Decoded text with BOM removed and CRLF turned into LF. */
  text: string;
}

export interface Sentence {
  /** Index of the document in the corpus. */
  docIndex: number;
  /** 0-based ordinal within its document. */
  ordinal: number;
  kind: SentenceKind;
  /** First and last source line, 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Character offsets into the document text, end exclusive. */
  start: number;
  end: number;
}

export interface Citation {
  /** Citation marker number: `[1]`, `[2]`, … */
  n: number;
  doc: string;
  docTitle: string;
  /** 1-based sentence number within the document. */
  sentence: number;
  lines: [number, number];
  /** The full sentence as in the source, line breaks turned into spaces. */
  text: string;
  /** Relevance of this sentence to the question, 0..1. */
  score: number;
}

export interface Answer {
  question: string;
  abstained: boolean;
  /** Readable answer: the cited sentences with their markers, or the abstention. */
  answer: string;
  /** Best first. Empty when the question was blank. */
  citations: Citation[];
  /** Confidence that the story answers the question, 0..1. */
  confidence: number;
  /** `lexical` or `transformers`. */
  embedder: string;
  /** The model or feature scheme behind the embedder. */
  model: string;
}

export interface QuoteLine {
  doc: string;
  n: number;
  text: string;
}

export type QuoteResult =
  | { ok: true; lines: QuoteLine[] }
  | { ok: false; message: string };

export interface QuoteRequest {
  /** `12` or `27-29`. */
  lines?: string;
  /** A phrase to find, case-insensitive. */
  text?: string;
  /** Restrict to one document id. */
  doc?: string;
}

export interface CorpusSummary {
  documents: { id: string; title: string; sentences: number; lines: number }[];
  sentences: number;
  chunks: number;
  embedder: string;
  model: string;
  builtAt: string;
}
