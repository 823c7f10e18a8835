import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake whose embedded timestamp is `timestamp` (now by default), as discord.js expects. */
export function snowflake(timestamp: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(timestamp) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** An opaque token such as Discord hands out for interactions and sessions. */
export function opaqueToken(): string {
  return randomBytes(24).toString('base64url');
}
