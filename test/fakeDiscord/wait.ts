import type { EventEmitter } from 'node:events';

/**
 * Resolves with the first defined result of `probe`, re-evaluated whenever `emitter` emits `event`;
 * rejects after `timeoutMs` with an error that says what was awaited.
 */
export function waitFor<T>(
  emitter: EventEmitter,
  event: string,
  probe: () => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const now = probe();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const onEvent = (): void => {
      let result: T | undefined;
      try {
        result = probe();
      } catch (error) {
        finish();
        reject(error);
        return;
      }
      if (result === undefined) return;
      finish();
      resolve(result);
    };
    const timer = setTimeout(() => {
      emitter.off(event, onEvent);
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      emitter.off(event, onEvent);
    };
    emitter.on(event, onEvent);
  });
}
