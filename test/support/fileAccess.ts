import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Functions that read a file or a folder, or look one up, by path (the preload in `preloads.ts` wraps the same). */
export const SYNC_AND_CALLBACK = [
  'readFile', 'readFileSync', 'open', 'openSync', 'createReadStream', 'readdir', 'readdirSync', 'opendir', 'opendirSync',
  'stat', 'statSync', 'lstat', 'lstatSync', 'access', 'accessSync', 'existsSync', 'watch', 'watchFile',
] as const;
export const PROMISES = ['readFile', 'open', 'readdir', 'opendir', 'stat', 'lstat', 'access'] as const;

function pathOf(target: unknown): string | undefined {
  if (typeof target === 'string') return path.resolve(target);
  if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : target.href;
  if (Buffer.isBuffer(target)) return path.resolve(target.toString('utf8'));
  return undefined; // a file descriptor or a FileHandle: opened earlier, by path
}

export interface FileAccessRecorder {
  /** Every path looked up or read since `recordFileAccess()`, in order. */
  readonly paths: string[];
  restore(): void;
}

/**
 * Records every path this process passes to `node:fs` and `node:fs/promises`, including through
 * named ESM imports (`syncBuiltinESMExports` updates those bindings), until `restore()`.
 */
export function recordFileAccess(): FileAccessRecorder {
  const paths: string[] = [];
  const originals: (() => void)[] = [];
  const wrap = (owner: Record<string, unknown>, name: string): void => {
    const original = owner[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof original !== 'function') return;
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      const target = pathOf(args[0]);
      if (target !== undefined) paths.push(target);
      return original.apply(this, args);
    };
    Object.assign(wrapper, original);
    owner[name] = wrapper;
    originals.push(() => {
      owner[name] = original;
    });
  };
  for (const name of SYNC_AND_CALLBACK) wrap(fs as unknown as Record<string, unknown>, name);
  for (const name of PROMISES) wrap(fs.promises as unknown as Record<string, unknown>, name);
  syncBuiltinESMExports();
  return {
    paths,
    restore() {
      for (const undo of originals.reverse()) undo();
      syncBuiltinESMExports();
    },
  };
}

/** Whether `file` is `folder` or lies inside it. */
export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
