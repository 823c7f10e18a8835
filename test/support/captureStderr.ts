import { vi } from 'vitest';

/** Collects what is written to stderr (where logs go) until `vi.restoreAllMocks()`. */
export function captureStderr(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}
