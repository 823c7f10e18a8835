import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.js';
import { ModelLoadError } from '../core/embed/transformersEmbedder.js';
import { redactSecret, setLogLevel } from '../log.js';

export const EXIT_USAGE = 2;

/** Config for a command-line entry point: `.env` first, then validation (a bad setting throws a {@link ConfigError}). */
export function configForCli(): Config {
  loadDotEnv();
  const config = loadConfig();
  setLogLevel(config.logLevel);
  redactSecret(config.discord.token);
  return config;
}

/**
 * Runs an entry point. A bad setting, or an embedding model that cannot be loaded (EMBEDDER=transformers,
 * no local copy and no download), is a setting to fix, not a crash: its message, and exit code 1.
 */
export async function runEntryPoint(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof ModelLoadError || error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

/** Prints the message and usage, then exits with the bad-usage code. */
export function usageError(message: string, usage: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(EXIT_USAGE);
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses command-line arguments; `--help` prints the usage and exits 0, a malformed call (an argument
 * besides the options, where `positionals` is false) exits with it.
 */
export function parseCommandLine<T extends Options>(options: T, usage: string, { positionals = true }: { positionals?: boolean } = {}) {
  const args = process.argv.slice(2);
  const beforeSeparator = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (beforeSeparator.includes('--help') || beforeSeparator.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ options, allowPositionals: positionals, args });
  } catch (error) {
    usageError((error as Error).message, usage);
  }
}
