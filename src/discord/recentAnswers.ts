import type { Answer } from '../core/types.js';

/** The last answers given, by answer id, so that the buttons under them can act; the oldest are forgotten. */
export class RecentAnswers {
  private readonly answers = new Map<string, Answer>();

  constructor(private readonly capacity = 2_000) {}

  remember(answerId: string, answer: Answer): void {
    this.answers.set(answerId, answer);
    if (this.answers.size > this.capacity) {
      const oldest = this.answers.keys().next().value as string;
      this.answers.delete(oldest);
    }
  }

  get(answerId: string): Answer | undefined {
    return this.answers.get(answerId);
  }
}
