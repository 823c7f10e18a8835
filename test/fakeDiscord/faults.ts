/** An error response the fake returns instead of handling a request normally. */
export interface Fault {
  status: number;
  body: object;
  headers?: Record<string, string>;
}

/** Which requests a fault applies to. */
export type FaultTarget = 'callback' | 'webhook';

/** The failures Discord really produces, ready to inject with `FakeDiscord.failNext`. */
export const Faults = {
  /** 429 with `retry_after` in seconds; discord.js waits and retries. */
  rateLimited(retryAfterSeconds: number, global = false): Fault {
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
      headers: {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-scope': global ? 'global' : 'user',
        ...(global ? { 'x-ratelimit-global': 'true' } : {}),
      },
    };
  },
  serverError(): Fault {
    return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
  },
  /** Discord's answer when an interaction expired or was already handled elsewhere. */
  unknownInteraction(): Fault {
    return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
  },
} as const;

/** Faults waiting to be returned, first in first out, per target. */
export class FaultQueue {
  private readonly queues: Record<FaultTarget, Fault[]> = { callback: [], webhook: [] };

  add(target: FaultTarget, fault: Fault, times: number): void {
    for (let i = 0; i < times; i++) this.queues[target].push(fault);
  }

  take(target: FaultTarget): Fault | undefined {
    return this.queues[target].shift();
  }
}
