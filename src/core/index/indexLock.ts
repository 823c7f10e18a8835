import { promises as fs } from 'node:fs';
import path from 'node:path';

const POLL_MS = 200;
const UNREADABLE_GRACE_MS = 5_000;

async function ageMs(file: string): Promise<number> {
  try {
    return Date.now() - (await fs.stat(file)).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Holds `<indexDir>/.lock` while the callback runs, so that two builds never interleave.
 * A lock left by a process that has died (SIGKILL, power loss) is taken over.
 */
export async function withIndexLock<T>(
  indexDir: string,
  work: () => Promise<T>,
  onWait?: (holderPid: number) => void,
  timeoutMs = 10 * 60_000,
): Promise<T> {
  await fs.mkdir(indexDir, { recursive: true });
  const lockFile = path.join(indexDir, '.lock');
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await fs.readFile(lockFile, 'utf8').catch(() => '')).trim());
    const unreadable = !Number.isInteger(holder) || holder <= 0;
    // An empty lock file may be one another process has just created and not yet written its pid into.
    if ((unreadable && (await ageMs(lockFile)) > UNREADABLE_GRACE_MS) || (!unreadable && !isRunning(holder))) {
      await fs.rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`The index is locked by process ${holder} (${lockFile}).`);
    if (!told && !unreadable) {
      onWait?.(holder);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}
