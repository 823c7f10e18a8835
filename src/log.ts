import type { LogLevel } from './config.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const secrets = new Set<string>();
let threshold = ORDER.info;

/** Every later log line has this value replaced by `[redacted]`. */
export function redactSecret(secret: string | undefined): void {
  if (secret && secret.length >= 6) secrets.add(secret);
}

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

function render(value: unknown): string {
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

function write(level: Exclude<LogLevel, 'silent'>, scope: string, message: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold) return;
  const parts = [new Date().toISOString(), level.toUpperCase().padEnd(5), `[${scope}]`, message];
  let stack = '';
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    if (value instanceof Error) stack = `\n${render(value)}`;
    else parts.push(`${key}=${render(value)}`);
  }
  // Logs go to stderr so that stdout stays clean for --json output.
  process.stderr.write(redact(parts.join(' ') + stack) + '\n');
}

/** A logger whose lines start with a timestamp, the level and `scope`. */
export function createLogger(scope: string): Logger {
  return {
    debug: (m, f) => write('debug', scope, m, f),
    info: (m, f) => write('info', scope, m, f),
    warn: (m, f) => write('warn', scope, m, f),
    error: (m, f) => write('error', scope, m, f),
  };
}
