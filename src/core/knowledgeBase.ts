import type { Config } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import { composeAnswer, abstentionText } from './answer/composeAnswer.js';
import type { BuildProgress, BuiltIndex } from './index/buildIndex.js';
import { manifestPath } from './index/manifest.js';
import { openIndex } from './index/openIndex.js';
import { findPhrase, quoteLines, MAX_PHRASE_LENGTH } from './quote/quoteLines.js';
import { Retriever } from './retrieval/retriever.js';
import { lineStarts } from './text/lines.js';
import type { Answer, CorpusSummary, QuoteLine, QuoteRequest, QuoteResult } from './types.js';

/** Longest question the core reads; the rest is ignored, so hostile input costs bounded work. */
export const MAX_QUESTION_LENGTH = 1000;

export interface OpenKnowledgeBaseOptions {
  onProgress?: (progress: BuildProgress) => void;
  /** Build a new index even when the stored one is current. */
  rebuild?: boolean;
  /** Only load the stored index; fail instead of building when it does not fit the corpus and settings. */
  loadOnly?: boolean;
  log?: Logger;
}

/** The story, indexed: answers questions with cited sentences and quotes exact lines. Knows nothing of Discord. */
export class KnowledgeBase {
  /** Made at the first question: a reindex, which only builds, never pays for the BM25 postings. */
  private answering: Retriever | undefined;
  private corpusSummary: CorpusSummary | undefined;

  private constructor(
    private readonly index: BuiltIndex,
    private readonly config: Config,
  ) {}

  private get retriever(): Retriever {
    return (this.answering ??= new Retriever(this.index, this.config.retrieval));
  }

  /** Loads the persisted index, building it first when it is missing, stale or damaged. */
  static async open(config: Config, options: OpenKnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
    const log = options.log ?? createLogger('index');
    const index = await openIndex(config, log, { onProgress: options.onProgress, rebuild: options.rebuild, loadOnly: options.loadOnly });
    return new KnowledgeBase(index, config);
  }

  get manifestPath(): string {
    return manifestPath(this.config.indexDir);
  }

  get buildId(): string {
    return this.index.manifest.buildId;
  }

  private get embedder(): Pick<Answer, 'embedder' | 'model'> {
    return { embedder: this.index.manifest.embedder, model: this.index.manifest.model };
  }

  /** Answers from the story's own sentences, or abstains. Never throws for any question text. */
  async ask(question: string): Promise<Answer> {
    const text = question.slice(0, MAX_QUESTION_LENGTH);
    if (text.trim() === '') {
      return { question, abstained: true, answer: abstentionText(''), citations: [], confidence: 0, ...this.embedder };
    }
    const ranking = await this.retriever.rank(text);
    return { ...composeAnswer(text, ranking, this.index.corpus, this.config.retrieval, this.embedder), question };
  }

  quote(request: QuoteRequest): QuoteResult {
    return quoteLines(this.index.corpus.documents, request);
  }

  /** Lines that contain `text`, for autocomplete. */
  suggest(text: string, limit: number): QuoteLine[] {
    const phrase = text.trim().slice(0, MAX_PHRASE_LENGTH);
    if (!/[\p{L}\p{N}]/u.test(phrase)) return [];
    return findPhrase(this.index.corpus.documents, phrase, limit);
  }

  /** What is indexed; computed once (the index never changes under a KnowledgeBase). */
  summary(): CorpusSummary {
    this.corpusSummary ??= this.summarize();
    return this.corpusSummary;
  }

  private summarize(): CorpusSummary {
    const { manifest, corpus, chunks } = this.index;
    const sentencesOf = new Array<number>(corpus.documents.length).fill(0);
    for (const sentence of corpus.sentences) sentencesOf[sentence.docIndex]++;
    return {
      documents: corpus.documents.map((document, docIndex) => ({
        id: document.id,
        title: document.title,
        sentences: sentencesOf[docIndex],
        lines: lineStarts(document.text).length,
      })),
      sentences: corpus.sentences.length,
      chunks: chunks.length,
      embedder: manifest.embedder,
      model: manifest.model,
      builtAt: manifest.builtAt,
    };
  }

  close(): void {
    void this.index.embedder.dispose?.();
  }
}

