import type { AnalyzedCorpus } from '../index/analyzeCorpus.js';
import { scanCorpus, type CorpusScan } from '../text/features.js';
import { keyOf, NounClass, supersenseBit, type LexiconData } from './lexicon.js';
import { baseForms } from './morphy.js';
import type { WordNet } from './wordnet.js';
import { interner } from '../interner.js';
import { GrowingArray, growingIds } from '../growingArray.js';

/**
 * Derives the query-time lexicon from WordNet for one corpus: for every corpus term (and every
 * WordNet collocation that occurs in the corpus, such as `security council`) it walks WordNet's
 * relations up to two steps and records, for each word reached, the corpus concept it can stand for
 * and how closely (the product of the step weights below). The map is stored reversed, word to
 * concepts, so that a question's words are looked up directly.
 */

type Step = 'up' | 'down' | 'side' | 'part';
const STEP_KINDS: readonly Step[] = ['up', 'down', 'side', 'part'];

/**
 * The step code of a word made from a name (North Korea behind North Korean): it goes on as the name
 * itself would, to the wholes and parts of the thing named (Pyongyang, a part of North Korea).
 */
const NAME_FORM = STEP_KINDS.length + 1;

/** Pointer symbols of WordNet's data files, grouped by what the step means for a question. */
const STEPS: Record<string, { step: Step; weight: number }> = {
  '@': { step: 'up', weight: 0.8 }, // hypernym: the question is more general than the story
  '@i': { step: 'up', weight: 0.8 },
  '~': { step: 'down', weight: 0.75 }, // hyponym: the question is more specific
  '~i': { step: 'down', weight: 0.75 },
  '+': { step: 'side', weight: 0.9 }, // derivationally related form (perform / performer)
  '&': { step: 'side', weight: 0.85 }, // similar adjective
  '<': { step: 'side', weight: 0.85 }, // participle
  '\\': { step: 'side', weight: 0.85 }, // pertainym
  '^': { step: 'side', weight: 0.75 }, // also see: a related adjective or verb (top / high)
  '#m': { step: 'part', weight: 0.65 }, // member, substance and part holonyms and meronyms
  '#s': { step: 'part', weight: 0.65 },
  '#p': { step: 'part', weight: 0.65 },
  '%m': { step: 'part', weight: 0.65 },
  '%s': { step: 'part', weight: 0.65 },
  '%p': { step: 'part', weight: 0.65 },
};

/** A lemma of the corpus word that indexes under another form (irregular inflections). */
const INFLECTION = 1;
/** A word in the same synset as the corpus word. */
const SYNONYM = 0.9;
/** Relations weaker than this are dropped. */
const MIN_WEIGHT = 0.45;
/** Bounds that keep the lexicon compact on large corpora. */
const MAX_KEYS_PER_CONCEPT = 400;
const MAX_CONCEPTS_PER_KEY = 48;
/** SemCor tag count at which a word's rarity halves (see {@link rarityOf}). */
const COMMON_COUNT = 20;
/** Noun senses looked at for a word's noun classes. */
const CLASS_SENSES = 2;

/** WordNet's nouns for an amount of money: a noun whose first sense is a kind of one asks for a number (budget, fee, price). */
const MONEY_LEMMAS = ['money', 'cost', 'sum', 'monetary value'];
/** Hypernym steps looked up from a noun's first sense for {@link MONEY_LEMMAS}. */
const MONEY_DEPTH = 8;

const LEX_FILE_CLASSES: Record<number, number> = {
  18: NounClass.person,
  14: NounClass.group,
  15: NounClass.location,
  28: NounClass.time,
  23: NounClass.quantity,
  16: NounClass.motive,
};

/** Weight of a lemma's n-th sense (0-based) as a starting point: the first senses are the usual ones. */
function senseWeight(rank: number): number {
  return rank < 3 ? 1 : rank < 6 ? 0.9 : 0.8;
}

/** The same for the question's word: a question uses a word in its usual senses. */
function querySenseWeight(rank: number): number {
  return rank < 2 ? 1 : rank < 4 ? 0.85 : 0.7;
}

/** 1 for a word never tagged in SemCor, falling towards 0 for the most common words (make, say, people). */
export function rarityOf(count: number): number {
  return 1 / (1 + Math.log(1 + count / COMMON_COUNT));
}

/** Whether a two-step path is meaningful: no sideways-in-the-taxonomy moves (siblings, cousins), at most one part step. */
function allowed(first: Step, second: Step): boolean {
  if (first === 'down') return second === 'side';
  if (first === 'up') return second === 'up' || second === 'side';
  if (first === 'part') return second === 'side' || second === 'up';
  return second !== 'part';
}

/** The WordNet lemmas a word can be an inflection of. */
function lemmasOfWord(word: string, wordnet: WordNet): string[] {
  return baseForms(word, wordnet.hasSynsets(word.toLowerCase())).filter((form) => wordnet.hasSynsets(form));
}

export function buildLexicon(
  corpus: Pick<AnalyzedCorpus, 'documents' | 'sentences' | 'terms' | 'termOffsets' | 'termIds'>,
  wordnet: WordNet,
  scan: Pick<CorpusScan, 'surfaces' | 'proper'> = scanCorpus(corpus),
): LexiconData {
  const termCount = corpus.terms.length;
  const termIndex = new Map(corpus.terms.map((term, id) => [term, id]));

  // The words behind each term (`starring` behind `star`), and the WordNet lemmas behind those words.
  const { proper } = scan;
  const conceptProper: boolean[] = Array.from(proper, (flag) => flag === 1);
  const conceptLemmas: string[][] = scan.surfaces.map((forms) => [...new Set([...forms.keys()].flatMap((form) => lemmasOfWord(form, wordnet)))]);

  // Collocations (`security council`, `white house`) found in the corpus as consecutive terms become concepts too.
  const collocations = new Map<string, string[]>();
  /** `first * termCount + second` for the first two terms of every collocation: most positions fail this test without building a string. */
  const openings = new Set<number>();
  for (const lemma of wordnet.lemmasWithSynsets()) {
    if (!lemma.includes(' ')) continue;
    const key = keyOf(lemma);
    const space = key.indexOf(' ');
    if (space === -1) continue;
    const second = key.indexOf(' ', space + 1);
    const first = termIndex.get(key.slice(0, space));
    const next = termIndex.get(second === -1 ? key.slice(space + 1) : key.slice(space + 1, second));
    // Only collocations that open with two corpus terms can be found in the corpus below.
    if (first === undefined || next === undefined) continue;
    openings.add(first * termCount + next);
    const list = collocations.get(key);
    if (list) list.push(lemma);
    else collocations.set(key, [lemma]);
  }
  const phraseIndex = new Map<string, number>();
  const phraseTerms: number[] = [];
  const phraseOffsets: number[] = [0];
  const sentenceCount = corpus.termOffsets.length - 1;
  const { termIds, terms } = corpus;
  for (let s = 0; s < sentenceCount; s++) {
    const from = corpus.termOffsets[s];
    const to = corpus.termOffsets[s + 1];
    for (let i = from; i + 1 < to; i++) {
      if (!openings.has(termIds[i] * termCount + termIds[i + 1])) continue;
      for (let n = 2; n <= 3 && i + n <= to; n++) {
        const key = n === 2 ? `${terms[termIds[i]]} ${terms[termIds[i + 1]]}` : `${terms[termIds[i]]} ${terms[termIds[i + 1]]} ${terms[termIds[i + 2]]}`;
        const lemmas = collocations.get(key);
        if (phraseIndex.has(key) || !lemmas) continue;
        phraseIndex.set(key, termCount + phraseIndex.size);
        conceptLemmas.push(lemmas);
        conceptProper.push(proper[termIds[i]] === 1);
        for (let k = i; k < i + n; k++) phraseTerms.push(termIds[k]);
        phraseOffsets.push(phraseTerms.length);
      }
    }
  }

  // Walk WordNet from every concept; record reversed: lemma -> concept -> best weight.
  // Held as flat (lemma, concept, weight) triples rather than a map per lemma: each concept is
  // walked once and keeps each lemma once, so a pair never repeats.
  const related = interner();
  const relatedLemmas = related.values;
  const lemmaOfRelation = growingIds();
  const conceptOfRelation = growingIds();
  const weightOfRelation = new GrowingArray((n) => new Float64Array(n));
  const relate = (lemma: string, concept: number, weight: number): void => {
    lemmaOfRelation.push(related.idOf(lemma));
    conceptOfRelation.push(concept);
    weightOfRelation.push(weight);
  };
  // The synsets a concept reaches, by synset number: best weight (0: not reached), the step that
  // reached it (0: a sense of the word itself, else 1 + its index in STEP_KINDS, or NAME_FORM), and
  // the order in which they were first reached.
  const reachedWeight = new Float64Array(wordnet.synsetCount);
  const reachedStep = new Uint8Array(wordnet.synsetCount);
  const reachedOrder: number[] = [];
  const rankIn = (lemma: string, synset: number): number => wordnet.synsetsOf(lemma)?.indexOf(synset) ?? 99;
  // The step rule of each pointer symbol, and which symbol is the plain hypernym (`@`).
  const symbolRules = wordnet.symbols.map((symbol) => STEPS[symbol] as { step: Step; weight: number } | undefined);
  const hypernymSymbol = wordnet.symbols.indexOf('@');
  const derivedSymbols = new Set(['+', '\\'].map((symbol) => wordnet.symbols.indexOf(symbol)));
  conceptLemmas.forEach((lemmas, concept) => {
    if (lemmas.length === 0) return;
    for (const synset of reachedOrder) reachedWeight[synset] = 0;
    reachedOrder.length = 0;
    let frontier: number[] = [];
    for (const lemma of lemmas) {
      wordnet.synsetsOf(lemma)!.forEach((synset, rank) => {
        const weight = senseWeight(rank);
        const known = reachedWeight[synset];
        if (known === 0) {
          frontier.push(synset);
          reachedOrder.push(synset);
        }
        if (known === 0 || known < weight) {
          reachedWeight[synset] = weight;
          reachedStep[synset] = 0;
        }
      });
    }
    // A name (James, Franco, North Korea, Christmas Day) stands for one thing: it reaches its
    // synonyms, the words made from it (U.S. → American), the wholes it is part of and, when it
    // names a kind rather than an instance, that kind's hypernyms (Christmas Day → holiday) — never
    // what its namesakes are (writer, river).
    const isName = conceptProper[concept];
    for (let depth = 1; depth <= 2; depth++) {
      const next: number[] = [];
      for (const synset of frontier) {
        const fromWeight = reachedWeight[synset];
        const fromStep = reachedStep[synset];
        for (let p = wordnet.pointerOffsets[synset]; p < wordnet.pointerOffsets[synset + 1]; p++) {
          const symbol = wordnet.pointerSymbolIds[p];
          const rule = symbolRules[symbol];
          const target = wordnet.pointerTargets[p];
          if (!rule || target === 0xffffffff) continue;
          // A word made from the name itself (North Korean from North Korea) is the same thing.
          const nameForm = isName && fromStep === 0 && derivedSymbols.has(symbol);
          // Instances (people, places) only reach the wholes they are part of.
          if (isName && rule.step !== 'part' && symbol !== hypernymSymbol && !nameForm) continue;
          if (fromStep !== 0 && fromStep !== NAME_FORM && !allowed(STEP_KINDS[fromStep - 1], rule.step)) continue;
          const weight = fromWeight * rule.weight;
          if (weight * SYNONYM < MIN_WEIGHT) continue;
          const known = reachedWeight[target];
          if (known !== 0 && known >= weight) continue;
          if (known === 0) {
            next.push(target);
            reachedOrder.push(target);
          }
          reachedWeight[target] = weight;
          reachedStep[target] = nameForm ? NAME_FORM : 1 + STEP_KINDS.indexOf(rule.step);
        }
      }
      frontier = next;
    }
    const own = new Set(lemmas);
    const best = new Map<string, number>();
    // The word's own lemmas under another index form (find behind `found`, lead behind `led`):
    // an irregular inflection is the same word.
    const ownTerm = concept < termCount ? corpus.terms[concept] : undefined;
    for (const lemma of lemmas) if (ownTerm !== undefined && keyOf(lemma) !== ownTerm) best.set(lemma, INFLECTION);
    for (const synset of reachedOrder) {
      const weight = reachedWeight[synset];
      for (const lemma of wordnet.lemmasOf(synset)) {
        if (own.has(lemma)) continue;
        // The question's word must mean this synset in one of its usual senses to count fully.
        const w = weight * SYNONYM * querySenseWeight(rankIn(lemma, synset));
        if (w >= MIN_WEIGHT && (best.get(lemma) ?? 0) < w) best.set(lemma, w);
      }
    }
    const kept = [...best].sort((a, b) => b[1] - a[1]).slice(0, MAX_KEYS_PER_CONCEPT);
    for (const [lemma, weight] of kept) relate(lemma, concept, weight);
  });

  // Noun classes per lemma (first senses), and per corpus term through its lemmas.
  /** Whether `synset` is one of `kinds`, or a kind of one within `depth` hypernym steps (first hypernyms only). */
  const isKindOf = (synset: number, kinds: ReadonlySet<number>, depth: number): boolean => {
    for (let step = 0, at = synset; step <= depth; step++) {
      if (kinds.has(at)) return true;
      let up = -1;
      for (let p = wordnet.pointerOffsets[at]; p < wordnet.pointerOffsets[at + 1] && up < 0; p++) if (wordnet.pointerSymbolIds[p] === hypernymSymbol) up = wordnet.pointerTargets[p];
      if (up < 0) return false;
      at = up;
    }
    return false;
  };
  const money = new Set(MONEY_LEMMAS.flatMap((lemma) => [...(wordnet.synsetsOf(lemma) ?? [])].filter((synset) => wordnet.pos[synset] === 0).slice(0, 1)));
  const classOf = (lemma: string): number => {
    let bits = 0;
    let seen = 0;
    for (const synset of wordnet.synsetsOf(lemma) ?? []) {
      if (wordnet.pos[synset] !== 0) continue;
      const classes = LEX_FILE_CLASSES[wordnet.lexFile[synset]] ?? 0;
      // A place first of all; or a polity, first its people and then its territory (`country`).
      if (classes & NounClass.location && (seen === 0 || bits === NounClass.group)) bits |= NounClass.place;
      if (seen === 0 && isKindOf(synset, money, MONEY_DEPTH)) bits |= NounClass.money;
      bits |= classes;
      if (++seen >= CLASS_SENSES) break;
    }
    return bits;
  };
  /** The lexicographer files of all of a lemma's noun senses. */
  const supersensesOf = (lemma: string): number => {
    let bits = 0;
    for (const synset of wordnet.synsetsOf(lemma) ?? []) if (wordnet.pos[synset] === 0) bits |= supersenseBit(wordnet.lexFile[synset]);
    return bits;
  };
  const classes = new Map<string, number>();
  // Every noun is a key, for its supersenses: a question may ask for a kind of thing the story never mentions (`what malware`).
  const nouns = new Map<string, number>();
  for (const lemma of wordnet.lemmasWithSynsets()) {
    if (lemma.includes(' ')) continue;
    const bits = classOf(lemma);
    if (bits !== 0) classes.set(lemma, bits);
    const supersenses = supersensesOf(lemma);
    if (supersenses !== 0) nouns.set(lemma, supersenses);
  }
  const termClasses = new Uint8Array(termCount);
  const termSupersenses = new Uint32Array(termCount);
  for (let id = 0; id < termCount; id++) {
    // A term's lemmas are single words, whose classes and files were read above.
    for (const lemma of conceptLemmas[id]) {
      termClasses[id] |= classes.get(lemma) ?? 0;
      termSupersenses[id] |= nouns.get(lemma) ?? 0;
    }
  }

  const keys = [...new Set([...relatedLemmas, ...wordnet.taggedLemmas(), ...nouns.keys()])].sort();
  // The triples grouped by lemma.
  const relCount = lemmaOfRelation.length;
  const relLemma = lemmaOfRelation.values;
  const relConcept = conceptOfRelation.values;
  const relWeight = weightOfRelation.values;
  const relOffsets = new Uint32Array(relatedLemmas.length + 1);
  for (let r = 0; r < relCount; r++) relOffsets[relLemma[r] + 1]++;
  for (let l = 0; l < relatedLemmas.length; l++) relOffsets[l + 1] += relOffsets[l];
  const relOrder = new Uint32Array(relCount);
  const fill = relOffsets.slice(0, relatedLemmas.length);
  for (let r = 0; r < relCount; r++) relOrder[fill[relLemma[r]]++] = r;
  const rarity = new Uint8Array(keys.length);
  const nounClasses = new Uint8Array(keys.length);
  const supersenses = new Uint32Array(keys.length);
  const targetOffsets = new Uint32Array(keys.length + 1);
  const targets: number[] = [];
  const weights: number[] = [];
  const list: number[] = [];
  keys.forEach((key, i) => {
    rarity[i] = Math.round(255 * rarityOf(wordnet.tagCount(key) ?? 0));
    nounClasses[i] = classes.get(key) ?? 0;
    supersenses[i] = nouns.get(key) ?? 0;
    const id = related.ids.get(key);
    if (id !== undefined) {
      list.length = 0;
      for (let k = relOffsets[id]; k < relOffsets[id + 1]; k++) list.push(relOrder[k]);
      list.sort((a, b) => relWeight[b] - relWeight[a] || relConcept[a] - relConcept[b]);
      for (let k = 0; k < list.length && k < MAX_CONCEPTS_PER_KEY; k++) {
        targets.push(relConcept[list[k]]);
        weights.push(Math.max(1, Math.round(255 * relWeight[list[k]])));
      }
    }
    targetOffsets[i + 1] = targets.length;
  });
  return {
    keys,
    rarity,
    targetOffsets,
    targets: Uint32Array.from(targets),
    weights: Uint8Array.from(weights),
    termCount,
    phraseOffsets: Uint32Array.from(phraseOffsets),
    phraseTerms: Uint32Array.from(phraseTerms),
    classes: nounClasses,
    termClasses,
    supersenses,
    termSupersenses,
  };
}
