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
/** Characters read either side of a name found, for the words next to it. */
const NEIGHBOUR_SPAN = 40;
/** Initials looked up are remembered, up to this many (questions repeat them). */
const REMEMBERED = 256;

export class Acronyms {
  private readonly found = new Map<string, string | null>();

  /**
   * @param corpus the stories the names come from
   * @param known whether a word (lowercase) is a word of its own, the story's or WordNet's (not the
   *   word vectors': their vocabulary holds many initials, `NK` among them)
   * @param apartOf a document's sentences that are not running text (its headline, its captions)
   */
  constructor(
    private readonly corpus: Pick<AnalyzedCorpus, 'documents'>,
    private readonly known: (word: string) => boolean,
    private readonly apartOf: (docIndex: number) => readonly Sentence[],
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
    this.corpus.documents.forEach((document, docIndex) => {
      const apart = this.apartOf(docIndex);
      for (const match of document.text.matchAll(name)) {
        const start = match.index;
        const end = start + match[0].length;
        if (apart.some((s) => start < s.end && end > s.start)) continue;
        if (nameGoesOn(wordBefore(document.text.slice(Math.max(0, start - NEIGHBOUR_SPAN), start))) && nameGoesOn(wordAfter(document.text.slice(end, end + NEIGHBOUR_SPAN)))) continue;
        counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
      }
    });
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    if (ranked.length === 0 || (ranked.length > 1 && ranked[1][1] === ranked[0][1])) return null;
    return ranked[0][0].replace(/\s+/g, ' ');
  }
}

/** The last word of `text`, when white space ends it. */
function wordBefore(text: string): string | undefined {
  return /(\S+)\s+$/.exec(text)?.[1];
}

/** The first word of `text`, when white space opens it. */
function wordAfter(text: string): string | undefined {
  return /^\s+(\S+)/.exec(text)?.[1];
}

/** Whether the word next to a match goes on with the name: capitalized, and no function word. */
function nameGoesOn(word: string | undefined): boolean {
  return word !== undefined && /^\p{Lu}/u.test(word) && !STOPWORDS.has(word.toLowerCase());
}

/** Whether the word at `at` (of `length`) stands next to another all-caps word of the question. */
function amongCapitals(question: string, at: number, length: number): boolean {
  return [wordBefore(question.slice(0, at)), wordAfter(question.slice(at + length))].some((word) => word !== undefined && /^\p{Lu}{2,}\b/u.test(word) && word === word.toUpperCase());
}
