import type { Document, Sentence, SentenceKind } from '../types.js';
import type { AnalyzedCorpus } from './analyzeCorpus.js';

const KINDS: SentenceKind[] = ['body', 'title', 'caption'];
const FIELDS = 7;

/** Sentences as a flat Int32Array, seven numbers each. */
export function encodeSentences(sentences: readonly Sentence[]): Uint8Array {
  const out = new Int32Array(sentences.length * FIELDS);
  sentences.forEach((s, i) => {
    out.set([s.docIndex, s.ordinal, KINDS.indexOf(s.kind), s.startLine, s.endLine, s.start, s.end], i * FIELDS);
  });
  return new Uint8Array(out.buffer);
}

export function decodeSentences(bytes: Uint8Array): Sentence[] {
  if (bytes.byteLength % (FIELDS * 4) !== 0) throw new Error('sentences.bin has a partial record');
  const values = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const sentences: Sentence[] = [];
  for (let i = 0; i < values.length; i += FIELDS) {
    const kind = KINDS[values[i + 2]];
    if (kind === undefined) throw new Error('sentences.bin has an unknown sentence kind');
    sentences.push({
      docIndex: values[i],
      ordinal: values[i + 1],
      kind,
      startLine: values[i + 3],
      endLine: values[i + 4],
      start: values[i + 5],
      end: values[i + 6],
    });
  }
  return sentences;
}

/** Term ids per sentence: the offsets (sentences + 1), then the ids, as one Uint32Array. */
export function encodeTermIds(corpus: Pick<AnalyzedCorpus, 'termOffsets' | 'termIds'>): Uint8Array {
  const out = new Uint32Array(1 + corpus.termOffsets.length + corpus.termIds.length);
  out[0] = corpus.termOffsets.length;
  out.set(corpus.termOffsets, 1);
  out.set(corpus.termIds, 1 + corpus.termOffsets.length);
  return new Uint8Array(out.buffer);
}

export function decodeTermIds(bytes: Uint8Array): Pick<AnalyzedCorpus, 'termOffsets' | 'termIds'> {
  const values = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const offsetCount = values[0];
  if (offsetCount === undefined || 1 + offsetCount > values.length) throw new Error('sentence-terms.bin is truncated');
  return { termOffsets: values.subarray(1, 1 + offsetCount), termIds: values.subarray(1 + offsetCount) };
}

export interface TermsFile {
  terms: string[];
  documentFrequency: number[];
}

/** Rebuilds the analysed corpus from stored parts, checking that they agree with each other. */
export function assembleCorpus(
  documents: Document[],
  sentences: Sentence[],
  termsFile: TermsFile,
  termIds: Pick<AnalyzedCorpus, 'termOffsets' | 'termIds'>,
): AnalyzedCorpus {
  if (termIds.termOffsets.length !== sentences.length + 1) throw new Error('sentence-terms.bin does not match sentences.bin');
  if (termsFile.terms.length !== termsFile.documentFrequency.length) throw new Error('terms.json is inconsistent');
  for (const s of sentences) {
    const document = documents[s.docIndex];
    if (document === undefined || s.end > document.text.length || s.start >= s.end) {
      throw new Error('sentences.bin points outside the corpus');
    }
  }
  return {
    documents,
    sentences,
    terms: termsFile.terms,
    documentFrequency: Uint32Array.from(termsFile.documentFrequency),
    ...termIds,
  };
}
