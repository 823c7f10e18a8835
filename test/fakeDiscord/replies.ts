import type { FakeDiscord } from './index.js';

/** A value as it travels as JSON: undefined fields dropped. */
export const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The `Stories (N)` heading of the bot's `/about` reply. */
export async function storiesInAbout(fake: FakeDiscord): Promise<string> {
  const reply = await fake.waitForReply(fake.sendCommand('about'));
  return reply.message.embeds[0].fields?.find((f) => f.name.startsWith('Stories'))?.name ?? '';
}
