import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Document } from '../types.js';

export const CORPUS_EXTENSIONS = ['.txt', '.md'] as const;

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface Corpus {
  documents: Document[];
  skipped: SkippedFile[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a story file: strict UTF-8, BOM dropped, CRLF and lone CR turned into LF. */
export function decodeStory(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  // NUL never occurs in prose; a file holding one is binary even if it happens to decode.
  if (text.includes('\u0000')) return undefined;
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function titleOf(text: string): string {
  const firstLine = text.split('\n').find((line) => line.trim() !== '');
  return firstLine?.trim() ?? '';
}

/**
 * Reads every `.txt` and `.md` file directly inside `dir`, in name order.
 * Files that are not UTF-8 text, are empty, or repeat another file's id are skipped and reported.
 */
export async function loadCorpus(dir: string): Promise<Corpus> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    throw new Error(`Cannot read the corpus folder ${dir}: ${(error as Error).message}`);
  }
  const documents: Document[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  for (const name of names.sort()) {
    const extension = path.extname(name).toLowerCase();
    if (!(CORPUS_EXTENSIONS as readonly string[]).includes(extension)) continue;
    const full = path.join(dir, name);
    const stat = await fs.stat(full);
    if (!stat.isFile()) continue;
    const text = decodeStory(await fs.readFile(full));
    const id = path.basename(name, path.extname(name));
    if (text === undefined) skipped.push({ file: name, reason: 'not valid UTF-8 text' });
    else if (text.trim() === '') skipped.push({ file: name, reason: 'empty' });
    else if (seen.has(id)) skipped.push({ file: name, reason: `another file already has the id "${id}"` });
    else {
      seen.add(id);
      documents.push({ id, title: titleOf(text), file: name, text });
    }
  }
  return { documents, skipped };
}
