import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import { STOPWORDS } from '../text/terms.js';
import { sentenceText } from '../text/sentences.js';

/**
 * Initials for a name the story writes out (`NK` for North Korea, `JF` for James Franco): a
 * question's capitalized abbreviation that nothing else knows is read as the story's name. Names
 * are runs of two to five capitalized words in the running text (a headline capitalizes every word).
 */

const NAME_RUN = /\p{Lu}[\p{L}\p{M}'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{M}'’-]*)+/gu;
const ABBREVIATION = /\b\p{Lu}{2,5}\b/gu;
const LONGEST = 5;

export class Acronyms {
  /** Initials (lowercase) → the name they stand for, or null when two names share them. */
  private names: Map<string, string | null> | undefined;

  /**
   * @param corpus the story sentences the names come from
   * @param known whether a word (lowercase) is known on its own: the story's or WordNet's, then no abbreviation of a name
   */
  constructor(
    private readonly corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences'>,
    private readonly known: (word: string) => boolean,
  ) {}

  /** The question with each abbreviation of a story name written out. */
  expand(question: string): string {
    return question.replace(ABBREVIATION, (abbreviation) => {
      const lower = abbreviation.toLowerCase();
      if (this.known(lower)) return abbreviation;
      return this.nameTable().get(lower) ?? abbreviation;
    });
  }

  private nameTable(): Map<string, string | null> {
    if (this.names) return this.names;
    // How often each name stands in the running text, by its initials.
    const counts = new Map<string, Map<string, number>>();
    for (const sentence of this.corpus.sentences) {
      if (sentence.kind !== 'body') continue;
      for (const [run] of sentenceText(this.corpus.documents[sentence.docIndex].text, sentence).matchAll(NAME_RUN)) {
        for (const words of splitAtFunctionWords(run)) {
          for (let from = 0; from < words.length; from++) {
            for (let to = from + 2; to <= Math.min(words.length, from + LONGEST); to++) {
              const initials = words.slice(from, to).map((word) => word[0]).join('').toLowerCase();
              const name = words.slice(from, to).join(' ');
              const byName = counts.get(initials) ?? new Map<string, number>();
              counts.set(initials, byName.set(name, (byName.get(name) ?? 0) + 1));
            }
          }
        }
      }
    }
    // Initials stand for the commonest name that has them (`NK`: North Korean, written more often
    // than North Korea), and for none when two are as common (`SC`: Steve Carell, Security Council).
    this.names = new Map();
    for (const [initials, byName] of counts) {
      const ranked = [...byName].sort((a, b) => b[1] - a[1]);
      this.names.set(initials, ranked.length > 1 && ranked[1][1] === ranked[0][1] ? null : ranked[0][0]);
    }
    return this.names;
  }
}

/** The words of a run of capitalized words, split into names where a function word stands. */
function splitAtFunctionWords(run: string): string[][] {
  const parts: string[][] = [[]];
  for (const word of run.split(/\s+/)) {
    if (STOPWORDS.has(word.toLowerCase())) parts.push([]);
    else parts[parts.length - 1].push(word);
  }
  return parts.filter((words) => words.length >= 2);
}
