import { splitSentences, sentenceText } from '../text/sentences.js';
import { contentTerms } from '../text/terms.js';
import type { Document, Sentence } from '../types.js';
import { growingIds } from '../growingArray.js';
import { interner } from '../interner.js';

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

export function analyzeCorpus(documents: Document[]): AnalyzedCorpus {
  const sentences = documents.flatMap((document, docIndex) => splitSentences(document.text, docIndex));
  const { values: terms, idOf } = interner();
  const frequency = growingIds();
  /** The last sentence each term was counted in, so a sentence counts a term once. */
  const lastSeen = growingIds();
  const termOffsets = new Uint32Array(sentences.length + 1);
  const ids = growingIds();
  sentences.forEach((sentence, index) => {
    for (const term of contentTerms(sentenceText(documents[sentence.docIndex].text, sentence))) {
      const id = idOf(term);
      if (id === frequency.length) {
        // A term not met before.
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
