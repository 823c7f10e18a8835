import { termOf } from '../text/terms.js';

/**
 * Typing slips in a question (`Intervew`, `orderd`, `theater chians`, `happend`): a word that neither
 * the story, WordNet nor the word-vector vocabulary knows, one edit (a letter added, dropped, changed,
 * or two neighbours swapped) from a story term, is taken for that term; failing that, for the
 * commonest word of the vocabulary one edit away.
 */

/** Shorter words are left alone: one edit turns them into too many other words. */
const MIN_LENGTH = 5;
/** Scans of the story's terms remembered (a few questions' worth). */
const RECENT_SCANS = 64;
/** Longer words are no common word's slip (and each of their edits would be as long). */
const MAX_LENGTH = 20;

/** Whether `a` and `b` are at most one edit apart (optimal string alignment distance ≤ 1). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  const rest = (x: string, from: number, y: string, yFrom: number): boolean => x.slice(from) === y.slice(yFrom);
  if (a.length === b.length) return rest(a, i + 1, b, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2, b, i + 2));
  return a.length > b.length ? rest(a, i + 1, b, i) : rest(a, i, b, i + 1);
}

/** Every string one edit from `word` over the letters a-z (Norvig's edits1): about 54n + 25 of them. */
function* oneEditAway(word: string): IterableIterator<string> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) yield head + tail.slice(1);
    if (tail.length > 1) yield head + tail[1] + tail[0] + tail.slice(2);
    for (const letter of letters) {
      if (tail.length > 0 && letter !== tail[0]) yield head + letter + tail.slice(1);
      yield head + letter + tail;
    }
  }
}

export class SpellingCorrector {
  private byLength: Map<number, number[]> | undefined;
  private termSet: Set<string> | undefined;
  /** The last scans' results by term (see {@link correct}). */
  private readonly recent = new Map<string, number | undefined>();

  /**
   * @param terms the story's terms by id
   * @param documentFrequency in how many sentences each term stands: of two terms as close, the commoner is meant
   * @param knows whether a word is a known word of its own (WordNet, the word vectors)
   * @param commonness a known word's rank in general use (0 is the commonest), or -1 when it is not among the common words
   */
  constructor(
    private readonly terms: readonly string[],
    private readonly documentFrequency: ArrayLike<number>,
    private readonly knows: (word: string) => boolean,
    private readonly commonness: (word: string) => number = () => -1,
  ) {}

  /** The story term a question word (and its term) misspells, or undefined when it is no slip. */
  correct(word: string, term: string): number | undefined {
    // A number is as written: one digit off is another number.
    if (word.length < MIN_LENGTH || /\p{N}/u.test(word) || this.knows(word)) return undefined;
    // A question asks about a word twice (for a common word's slip, then for a story term's): the scan is done once.
    if (this.recent.has(term)) return this.recent.get(term);
    if (this.recent.size >= RECENT_SCANS) this.recent.clear();
    const best = this.closestTerm(term);
    this.recent.set(term, best);
    return best;
  }

  /** The commonest story term one edit from `term`, or undefined. */
  private closestTerm(term: string): number | undefined {
    let best: number | undefined;
    for (let length = term.length - 1; length <= term.length + 1; length++) {
      for (const id of this.termsOfLength(length)) {
        if (withinOneEdit(term, this.terms[id]) && (best === undefined || this.documentFrequency[id] > this.documentFrequency[best])) best = id;
      }
    }
    return best;
  }

  /**
   * Corrects one question's words: each lowercase word that is a slip for a common word, not for a
   * story term (see {@link correct}), becomes that word. At most `most` slips are looked for: each
   * costs a few hundred lookups (bounded work for hostile input).
   */
  wordCorrector(most: number): (word: string) => string | undefined {
    let left = most;
    return (word) => {
      if (left <= 0 || word.length < MIN_LENGTH || word.length > MAX_LENGTH || !/^\p{Ll}+$/u.test(word) || this.knows(word)) return undefined;
      const term = termOf(word);
      if (this.isTerm(term)) return undefined;
      left--;
      return this.correct(word, term) === undefined ? this.commonestNear(word) : undefined;
    };
  }

  /** The commonest known word one edit from `word`, or undefined when none is common. */
  private commonestNear(word: string): string | undefined {
    let best: string | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const candidate of oneEditAway(word)) {
      const rank = this.commonness(candidate);
      if (rank >= 0 && rank < bestRank) {
        best = candidate;
        bestRank = rank;
      }
    }
    return best;
  }

  private isTerm(term: string): boolean {
    this.termSet ??= new Set(this.terms);
    return this.termSet.has(term);
  }

  private termsOfLength(length: number): readonly number[] {
    if (!this.byLength) {
      this.byLength = new Map();
      this.terms.forEach((term, id) => {
        const list = this.byLength!.get(term.length);
        if (list) list.push(id);
        else this.byLength!.set(term.length, [id]);
      });
    }
    return this.byLength.get(length) ?? [];
  }
}
