import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

/** Two levels up from this file: the repository root, or `dist/` when the load test runs the built copy. */
const UP_TWO = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The repository root, where `dist/` is built. */
export const REPO_ROOT = path.basename(UP_TWO) === 'dist' ? path.dirname(UP_TWO) : UP_TWO;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface NodeProcessOptions {
  /** The complete environment apart from PATH and HOME; nothing else leaks in from the test runner. */
  env: Record<string, string>;
  /** Working directory; a temporary folder keeps a developer's `.env` out of the test. */
  cwd: string;
}

/** A built entry point (such as `dist/src/main.js`) run with `node`, its output captured. */
export class NodeProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  private stdoutText = '';
  private stderrText = '';
  private readonly changes = new EventEmitter();
  private exit: Exit | undefined;

  constructor(entry: string, args: readonly string[], options: NodeProcessOptions) {
    this.child = spawn(process.execPath, [path.resolve(REPO_ROOT, entry), ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? options.cwd, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdoutText += chunk;
      this.changes.emit('change');
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText += chunk;
      this.changes.emit('change');
    });
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal };
        this.changes.emit('change');
        resolve(this.exit);
      });
    });
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Both streams (logs go to stderr). */
  get output(): string {
    return this.stdoutText + this.stderrText;
  }

  /** Resolves with the first match of `pattern` in the output; fails early if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    return waitFor(
      this.changes,
      'change',
      () => {
        const match = this.output.match(pattern);
        if (match) return match;
        if (this.exit) throw new Error(`Process exited (${JSON.stringify(this.exit)}) before printing ${pattern}:\n${this.output}`);
        return undefined;
      },
      timeoutMs,
      `${pattern} in the output of the process. Output so far:\n${this.output}`,
    );
  }

  /** Resolves with the exit, or rejects (after SIGKILL) if the process outlives `timeoutMs`. */
  async waitForExit(timeoutMs = 30_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`Process still running after ${timeoutMs} ms. Output:\n${this.output}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `signal` and waits for the exit. */
  stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<Exit> {
    if (!this.exit) this.child.kill(signal);
    return this.waitForExit(timeoutMs);
  }
}
