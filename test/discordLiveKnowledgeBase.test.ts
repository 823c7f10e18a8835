import { describe, expect, test } from 'vitest';
import type { KnowledgeBase } from '../src/core/knowledgeBase.js';
import { LiveKnowledgeBase } from '../src/discord/liveKnowledgeBase.js';

/** Just enough of a knowledge base to tell generations apart and see when one is closed. */
function generation(buildId: string): KnowledgeBase & { closed: number } {
  const stub = {
    buildId,
    manifestPath: '/index/manifest.json',
    closed: 0,
    close(): void {
      stub.closed += 1;
    },
  };
  return stub as unknown as KnowledgeBase & { closed: number };
}

describe('LiveKnowledgeBase (hot reload swap)', () => {
  test('work in flight finishes on the old index, new work uses the new one, and the old closes once after the last', async () => {
    const old = generation('old');
    const next = generation('new');
    const live = new LiveKnowledgeBase(old);
    let finish!: () => void;
    const inFlight = live.use(async (kb) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return kb.buildId;
    });

    live.replace(next);

    expect(await live.use((kb) => kb.buildId)).toBe('new');
    expect(old.closed).toBe(0);
    finish();
    expect(await inFlight).toBe('old');
    expect(old.closed).toBe(1);
    live.close();
    expect([old.closed, next.closed]).toEqual([1, 1]);
  });
});
