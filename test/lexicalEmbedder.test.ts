import { describe, expect, it } from 'vitest';
import { createLexicalEmbedder, LEXICAL_DIMENSIONS } from '../src/core/embed/lexicalEmbedder.js';
import { lexicalVocabularyOf } from '../src/core/index/vocabulary.js';
import { analyzeCorpus } from '../src/core/index/analyzeCorpus.js';

const corpus = analyzeCorpus([
  {
    id: 'd',
    title: 'Title',
    file: 'd.txt',
    text: 'Title\nThe studio cancelled the film after threats. Theater chains dropped the movie. The weather was mild in spring. Officials blamed the government.',
  },
]);
const embedder = createLexicalEmbedder(lexicalVocabularyOf(corpus));
const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((sum, value, i) => sum + value * b[i], 0);

describe('lexical embedder', () => {
  it('makes unit vectors of a fixed size, also for text without content words', async () => {
    const vectors = await embedder.embedPassages(['Theater chains dropped the movie.', 'the of and', '']);
    for (const vector of vectors) {
      expect(vector).toHaveLength(LEXICAL_DIMENSIONS);
      expect(cosine(vector, vector)).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic', async () => {
    const [a] = await embedder.embedQueries(['Why did the theaters drop the film?']);
    const [b] = await createLexicalEmbedder(lexicalVocabularyOf(corpus)).embedQueries(['Why did the theaters drop the film?']);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('puts a question nearer the passage sharing its stems than unrelated passages', async () => {
    const [question] = await embedder.embedQueries(['Which theaters were dropping movies?']);
    const passages = await embedder.embedPassages(['Theater chains dropped the movie.', 'The weather was mild in spring.', 'Officials blamed the government.']);
    const [related, ...unrelated] = passages.map((p) => cosine(question, p));
    for (const other of unrelated) expect(related).toBeGreaterThan(other + 0.2);
  });
});
