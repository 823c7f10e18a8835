import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import { CHAT_WORDS, STOPWORDS } from '../text/terms.js';
import type { Sentence } from '../types.js';

/**
 * Initials for a name the story writes out (`NK` for North Korean): an all-caps word of two to
 * five letters in a question, that nothing knows on its own, is read as the story's name with those
 * initials — the commonest one in the running text (not the headline, which capitalizes every word),
 * and none when two are as common. A name counts from where it starts or up to where it ends (`NSC`
 * in `White House National Security Council`), not from its middle.
 */

const ABBREVIATION = /(?<![\p{L}\p{N}_./\\-])\p{Lu}{2,5}(?![\p{L}\p{N}_/\\-])/gu;
/** Initials looked up are remembered, up to this many (questions repeat them). */
const REMEMBERED = 256;

export class Acronyms {
  private readonly found = new Map<string, string | null>();
  /** Per document, its sentences that are not running text (the headline, a caption). */
  private apart: Map<number, Sentence[]> | undefined;

  /**
   * @param corpus the stories the names come from
   * @param known whether a word (lowercase) is a word of its own, the story's or WordNet's (not the
   *   word vectors': their vocabulary holds many initials, `NK` among them)
   */
  constructor(
    private readonly corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences'>,
    private readonly known: (word: string) => boolean,
  ) {}

  /** The question with the initials of story names written out. */
  expand(question: string): string {
    return question.replace(ABBREVIATION, (abbreviation, at: number) => {
      const lower = abbreviation.toLowerCase();
      // A shouted word (`WHO did it`, `OMG`) is no initials; nor is one among other capitals (`WHY DID THEY`).
      if (STOPWORDS.has(lower) || CHAT_WORDS.has(lower) || this.known(lower) || amongCapitals(question, at, abbreviation.length)) return abbreviation;
      return this.nameFor(abbreviation) ?? abbreviation;
    });
  }

  private nameFor(initials: string): string | undefined {
    if (!this.found.has(initials)) {
      if (this.found.size >= REMEMBERED) this.found.clear();
      this.found.set(initials, this.findName(initials));
    }
    return this.found.get(initials) ?? undefined;
  }

  private findName(initials: string): string | null {
    const words = [...initials].map((letter) => `${letter}[\\p{Ll}\\p{M}'’-]*`).join('\\s+');
    const name = new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'gu');
    const counts = new Map<string, number>();
    if (!this.apart) {
      this.apart = new Map();
      for (const sentence of this.corpus.sentences) {
        if (sentence.kind === 'body') continue;
        const spans = this.apart.get(sentence.docIndex);
        if (spans) spans.push(sentence);
        else this.apart.set(sentence.docIndex, [sentence]);
      }
    }
    this.corpus.documents.forEach((document, docIndex) => {
      const apart = this.apart!.get(docIndex) ?? [];
      for (const match of document.text.matchAll(name)) {
        const start = match.index;
        const end = start + match[0].length;
        if (apart.some((s) => start < s.end && end > s.start)) continue;
        if (nameGoesOn(document.text.slice(Math.max(0, start - 40), start), /(\S+)\s+$/) && nameGoesOn(document.text.slice(end, end + 40), /^\s+(\S+)/)) continue;
        counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
      }
    });
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    if (ranked.length === 0 || (ranked.length > 1 && ranked[1][1] === ranked[0][1])) return null;
    return ranked[0][0].replace(/\s+/g, ' ');
  }
}

/** Whether the word next to a match (read by `next` from `text`) goes on with the name: capitalized, and no function word. */
function nameGoesOn(text: string, next: RegExp): boolean {
  const word = next.exec(text)?.[1];
  return word !== undefined && /^\p{Lu}/u.test(word) && !STOPWORDS.has(word.toLowerCase());
}

/** Whether the word at `at` (of `length`) stands next to another all-caps word of the question. */
function amongCapitals(question: string, at: number, length: number): boolean {
  const before = /(\S+)\s+$/.exec(question.slice(0, at))?.[1];
  const after = /^\s+(\S+)/.exec(question.slice(at + length))?.[1];
  return [before, after].some((word) => word !== undefined && /^\p{Lu}{2,}\b/u.test(word) && word === word.toUpperCase());
}
