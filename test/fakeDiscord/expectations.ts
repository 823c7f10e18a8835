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

/**
 * Asks `question` (or waits for `interaction`) and checks that the reply's embeds are exactly the
 * core's answer (`label` names the check when it fails); gives the reply and that answer.
 */
export async function expectCoreAnswer(
  fake: FakeDiscord,
  core: KnowledgeBase,
  question: string,
  { interaction = fake.sendCommand('ask', { question }), timeoutMs, label }: { interaction?: FakeInteraction; timeoutMs?: number; label?: string } = {},
): Promise<{ reply: InteractionReply; expected: ReturnType<typeof answerMessage> }> {
  const reply = await fake.waitForReply(interaction, timeoutMs);
  const expected = answerMessage(await core.ask(question), interaction.id);
  expect(wire(reply.message.embeds), label).toEqual(wire(expected.embeds));
  return { reply, expected };
}
