import { expect } from 'vitest';
import type { FakeDiscord, RecordedRequest } from './index.js';

function allowedMentions(request: RecordedRequest): unknown {
  const body = request.body as { allowed_mentions?: unknown; data?: { allowed_mentions?: unknown } };
  return request.path.endsWith('/callback') ? body.data?.allowed_mentions : body.allowed_mentions;
}

/** Every message the bot sent so far pinged nobody, and Discord (the fake) refused none as invalid. */
export function expectCleanTraffic(fake: FakeDiscord): void {
  expect(fake.rejectedRequests.filter((r) => r.status === 400)).toEqual([]);
  expect(fake.messageRequests.length).toBeGreaterThan(0);
  for (const request of fake.messageRequests) expect(allowedMentions(request), request.path).toEqual({ parse: [] });
}
