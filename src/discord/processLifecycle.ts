import type { Logger } from '../log.js';

/** After shutdown everything is closed and the process ends by itself; this is the backstop if a handle lingers. */
const FORCED_EXIT_MS = 5_000;

/**
 * SIGINT and SIGTERM run `shutdown` once and end the process with code 0; an unhandled
 * promise rejection is logged instead of ending the process.
 */
export function handleProcessEvents(shutdown: () => Promise<void>, log: Logger): void {
  process.on('unhandledRejection', (reason) => log.error('Unhandled promise rejection', { error: reason }));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info('Shutting down', { signal });
    shutdown()
      .catch((error: unknown) => log.error('Error while shutting down', { error }))
      .finally(() => {
        process.exitCode = 0;
        setTimeout(() => {
          log.warn('Handles still open after shutdown; exiting anyway');
          process.exit(0);
        }, FORCED_EXIT_MS).unref();
      });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
