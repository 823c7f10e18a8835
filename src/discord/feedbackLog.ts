import { createHmac } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Answer } from '../core/types.js';

export type Vote = 'up' | 'down';

/** One line of the feedback file. */
export interface FeedbackEntry {
  time: string;
  question: string;
  lines: { doc: string; lines: [number, number] }[];
  vote: Vote;
  /** HMAC-SHA256 of the Discord user id: the same user always maps to the same value, which cannot be reversed without the key. */
  user: string;
}

/** Appends 👍/👎 votes to a JSON-lines file; user ids are keyed hashes, never raw. */
export class FeedbackLog {
  constructor(
    private readonly file: string,
    private readonly hashKey: string,
  ) {}

  private pseudonym(userId: string): string {
    return createHmac('sha256', this.hashKey).update(userId).digest('hex').slice(0, 32);
  }

  async record(vote: Vote, answer: Answer, userId: string): Promise<void> {
    const entry: FeedbackEntry = {
      time: new Date().toISOString(),
      question: answer.question,
      lines: answer.citations.map((c) => ({ doc: c.doc, lines: c.lines })),
      vote,
      user: this.pseudonym(userId),
    };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await fs.appendFile(this.file, JSON.stringify(entry) + '\n');
  }
}
