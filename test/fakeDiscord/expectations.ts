import { expect } from 'vitest';
import type { KnowledgeBase } from '../../src/core/knowledgeBase.js';
import { answerMessage } from '../../src/discord/render/answerMessage.js';
import type { FakeDiscord, FakeInteraction, InteractionReply, RecordedRequest } from './index.js';
import { wire } from './replies.js';

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

/** Asks `question` (or waits for `interaction`) and checks that the reply is exactly the core's answer. */
export async function expectCoreAnswer(
  fake: FakeDiscord,
  core: KnowledgeBase,
  question: string,
  interaction: FakeInteraction = fake.sendCommand('ask', { question }),
  timeoutMs?: number,
): Promise<InteractionReply> {
  const reply = await fake.waitForReply(interaction, timeoutMs);
  const expected = answerMessage(await core.ask(question), interaction.id);
  expect(wire(reply.message.embeds)).toEqual(wire(expected.embeds));
  return reply;
}
