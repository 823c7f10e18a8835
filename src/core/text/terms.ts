import { stem } from 'porter2';

/**
 * A chat's fillers (`ok`, `lol`) and the adverbs that only stress (`even`, `actually`): no part of
 * what a question asks (`hey what's it even about lol` asks what it is about). Questions drop them
 * (see `query/questionForm.ts`); a story's text keeps them, where they may be part of a name.
 */
export const CHAT_WORDS: ReadonlySet<string> = new Set('ok okay hey hi hello lol lmao haha um uh hmm pls plz thx btw tbh imo even actually really'.split(' '));

/**
 * Function words, question words and auxiliaries: they say what kind of answer is wanted,
 * not what it is about, so they never count as evidence.
 */
export const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during
  each either else few for from further get gets got had hadn't has hasn't have haven't having he he'd he'll he's her
  here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its
  itself just let's may me might more most must mustn't my myself no nor not of off on once only or other ought
  our ours ourselves out over own same shall shan't she she'd she'll she's should shouldn't so some such than
  that that's the their theirs them themselves then there there's these they they'd they'll they're they've this
  those through to too under until up upon very was wasn't we we'd we'll we're we've were weren't what what's
  when when's where where's whether which while who who's whom whose why why's will with won't would wouldn't
  yet you you'd you'll you're you've your yours yourself yourselves tell say says said according mention
  mentioned article story one alongside beside besides toward towards onto within across along among amongst around near per via beneath throughout`.split(/\s+/),
);

/** Lowercase, compatibility-normalized, curly quotes straightened. */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‛′`]/g, "'")
    .replace(/[“”„‟″]/g, '"');
}

// Dotted acronyms (u.s., d.c.) first, then words with inner apostrophes, then numbers.
const TOKEN = /\p{L}(?:\.\p{L})+\.?|\p{L}[\p{L}\p{M}]*(?:'\p{L}+)*|\p{N}+(?:[.,]\p{N}+)*/gu;

/** Word tokens of a text, normalized but not stemmed. */
export function words(text: string): string[] {
  return normalize(text).match(TOKEN) ?? [];
}

/** {@link words}, each with the text between it and the word before (spaces, punctuation). */
export function wordsWithGaps(text: string): { word: string; gap: string }[] {
  const normalized = normalize(text);
  let end = 0;
  return Array.from(normalized.matchAll(TOKEN), (match) => {
    const gap = normalized.slice(end, match.index);
    end = match.index + match[0].length;
    return { word: match[0], gap };
  });
}

/** Word tokens with their original case (curly quotes straightened), for telling names from words. */
export function casedWords(text: string): string[] {
  return text.normalize('NFKC').replace(/[‘’‛′`]/g, "'").match(TOKEN) ?? [];
}

/**
 * The form a word is indexed and searched under: acronyms as `u.s`, possessives dropped, an adverb
 * made from an adjective whole, anything else by its Porter2 (Snowball English) stem, which keeps
 * `news` apart from `new`.
 */
export function termOf(word: string): string {
  if (/^\p{L}(\.\p{L})+\.?$/u.test(word)) return word.replace(/\.$/, '');
  const bare = word.replace(/'s$/, '').replace(/'/g, '');
  if (bare.endsWith('ly') && ADVERB.test(bare)) return bare;
  return /^\p{N}/u.test(bare) ? bare : stem(bare);
}

/**
 * An adverb made from an adjective (`originally`, `personally`, `seriously`): kept whole, since its
 * stem is another word's (`originally` and `originated` both stem to `origin`).
 */
const ADVERB = /^\p{L}{3,}(?:al|[^e]e|ous|ive|ful|ent|ant|ed)ly$/u;

/** The content terms of a text: stemmed, without stop words. Order and repeats are kept. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    if (STOPWORDS.has(word)) continue;
    const term = termOf(word);
    if (term.length > 1 || /\p{N}/u.test(term)) out.push(term);
  }
  return out;
}
