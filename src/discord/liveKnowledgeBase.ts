import type { KnowledgeBase } from '../core/knowledgeBase.js';

interface Generation {
  knowledge: KnowledgeBase;
  inUse: number;
  retired: boolean;
  closed: boolean;
}

/**
 * The knowledge base the bot answers from, replaceable while questions are in flight:
 * work that started on the old one finishes on it, and the old one closes after the last.
 */
export class LiveKnowledgeBase {
  private current: Generation;

  constructor(knowledge: KnowledgeBase) {
    this.current = { knowledge, inUse: 0, retired: false, closed: false };
  }

  get buildId(): string {
    return this.current.knowledge.buildId;
  }

  get manifestPath(): string {
    return this.current.knowledge.manifestPath;
  }

  async use<T>(work: (knowledge: KnowledgeBase) => T | Promise<T>): Promise<T> {
    const generation = this.current;
    generation.inUse += 1;
    try {
      return await work(generation.knowledge);
    } finally {
      generation.inUse -= 1;
      this.closeIfDone(generation);
    }
  }

  replace(next: KnowledgeBase): void {
    this.retire(this.current);
    this.current = { knowledge: next, inUse: 0, retired: false, closed: false };
  }

  close(): void {
    this.retire(this.current);
  }

  private retire(generation: Generation): void {
    generation.retired = true;
    this.closeIfDone(generation);
  }

  private closeIfDone(generation: Generation): void {
    if (!generation.retired || generation.inUse > 0 || generation.closed) return;
    generation.closed = true;
    generation.knowledge.close();
  }
}
