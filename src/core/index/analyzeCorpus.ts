import { splitSentences, sentenceText } from '../text/sentences.js';
import { contentTerms } from '../text/terms.js';
import type { Document, Sentence } from '../types.js';

/** Sentences of every document and the content terms of each, as compact term ids. */
export interface AnalyzedCorpus {
  documents: Document[];
  sentences: Sentence[];
  /** Term of each term id. */
  terms: string[];
  /** In how many sentences each term occurs. */
  documentFrequency: Uint32Array;
  /** Term ids of sentence i are `termIds[termOffsets[i] .. termOffsets[i + 1])`. */
  termOffsets: Uint32Array;
  termIds: Uint32Array;
}

/** A Uint32Array that doubles when full: no boxed numbers, no per-sentence garbage. */
class GrowingIds {
  values = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /** The values, in an array of exactly their length. */
  trimmed(): Uint32Array {
    return this.values.slice(0, this.length);
  }
}

export function analyzeCorpus(documents: Document[]): AnalyzedCorpus {
  const sentences = documents.flatMap((document, docIndex) => splitSentences(document.text, docIndex));
  const termIndex = new Map<string, number>();
  const terms: string[] = [];
  const frequency = new GrowingIds();
  /** The last sentence each term was counted in, so a sentence counts a term once. */
  const lastSeen = new GrowingIds();
  const termOffsets = new Uint32Array(sentences.length + 1);
  const ids = new GrowingIds();
  sentences.forEach((sentence, index) => {
    for (const term of contentTerms(sentenceText(documents[sentence.docIndex].text, sentence))) {
      let id = termIndex.get(term);
      if (id === undefined) {
        id = terms.length;
        termIndex.set(term, id);
        terms.push(term);
        frequency.push(0);
        lastSeen.push(0);
      }
      if (lastSeen.values[id] !== index + 1) {
        lastSeen.values[id] = index + 1;
        frequency.values[id]++;
      }
      ids.push(id);
    }
    termOffsets[index + 1] = ids.length;
  });
  return {
    documents,
    sentences,
    terms,
    documentFrequency: frequency.trimmed(),
    termOffsets,
    termIds: ids.trimmed(),
  };
}
