/**
 * Typing slips in a question (`Intervew`, `orderd`, `theater chians`): a word that neither the
 * story, WordNet nor the word-vector vocabulary knows, one edit (a letter added, dropped, changed,
 * or two neighbours swapped) from a story term, is taken for that term.
 */

/** Shorter words are left alone: one edit turns them into too many other words. */
const MIN_LENGTH = 5;

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

export class SpellingCorrector {
  private byLength: Map<number, number[]> | undefined;

  /**
   * @param terms the story's terms by id
   * @param documentFrequency in how many sentences each term stands: of two terms as close, the commoner is meant
   * @param knows whether a word is a known word of its own (WordNet, the word vectors)
   */
  constructor(
    private readonly terms: readonly string[],
    private readonly documentFrequency: ArrayLike<number>,
    private readonly knows: (word: string) => boolean,
  ) {}

  /** The story term a question word (and its term) misspells, or undefined when it is no slip. */
  correct(word: string, term: string): number | undefined {
    // A number is as written: one digit off is another number.
    if (word.length < MIN_LENGTH || /\p{N}/u.test(word) || this.knows(word)) return undefined;
    let best: number | undefined;
    for (let length = term.length - 1; length <= term.length + 1; length++) {
      for (const id of this.termsOfLength(length)) {
        if (withinOneEdit(term, this.terms[id]) && (best === undefined || this.documentFrequency[id] > this.documentFrequency[best])) best = id;
      }
    }
    return best;
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
