import type { Logger } from '../log.js';

/** After shutdown everything is closed and the process ends by itself; this is the backstop if a handle lingers. */
const FORCED_EXIT_MS = 5_000;

/**
 * SIGINT and SIGTERM run `shutdown` and end the process with code 0; an unhandled promise
 * rejection is logged instead of ending the process. Returns the same stop for other reasons to
 * end (a failure ends with code 1): whatever asks first, `shutdown` runs once.
 */
export function handleProcessEvents(shutdown: () => Promise<void>, log: Logger): (exitCode: number) => Promise<void> {
  process.on('unhandledRejection', (reason) => log.error('Unhandled promise rejection', { error: reason }));
  let stopping: Promise<void> | undefined;
  const stop = (exitCode: number): Promise<void> =>
    (stopping ??= shutdown()
      .catch((error: unknown) => log.error('Error while shutting down', { error }))
      .finally(() => {
        process.exitCode = exitCode;
        setTimeout(() => {
          log.warn('Handles still open after shutdown; exiting anyway');
          process.exit(exitCode);
        }, FORCED_EXIT_MS).unref();
      }));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    log.info('Shutting down', { signal });
    void stop(0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return stop;
}
