import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROMISES, SYNC_AND_CALLBACK } from './fileAccess.js';

/**
 * Preload modules for child processes (`NODE_OPTIONS=--import=<file>`): they run before the entry
 * point, so they see everything the program does. Written out as plain `.mjs`, since tests spawn
 * `node` on built files.
 */

const FILE_ACCESS = String.raw`
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// One line per path looked up or read: "<epoch ms> <absolute path>". The log is opened once, before wrapping.
const out = fs.openSync(process.env.FILE_ACCESS_LOG, 'a');
const write = fs.writeSync;
const pathOf = (target) => {
  if (typeof target === 'string') return path.resolve(target);
  if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : target.href;
  if (Buffer.isBuffer(target)) return path.resolve(target.toString('utf8'));
  return undefined;
};
const wrap = (owner, name) => {
  const original = owner[name];
  if (typeof original !== 'function') return;
  const wrapper = function (...args) {
    const target = pathOf(args[0]);
    if (target !== undefined) write(out, Date.now() + ' ' + target + '\n');
    return original.apply(this, args);
  };
  Object.assign(wrapper, original);
  owner[name] = wrapper;
};
for (const name of ${JSON.stringify(SYNC_AND_CALLBACK)}) wrap(fs, name);
for (const name of ${JSON.stringify(PROMISES)}) wrap(fs.promises, name);
syncBuiltinESMExports();
`;

const NO_NETWORK = String.raw`
import dns from 'node:dns';
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

// Records every attempt to reach the network ("<kind> <target>" per line) and refuses it, so that a
// test can tell "asked for the network" apart from "never tried", without any traffic leaving.
const out = fs.openSync(process.env.NETWORK_LOG, 'a');
const record = (kind, target) => fs.writeSync(out, kind + ' ' + String(target) + '\n');
const refused = () => Object.assign(new Error('network disabled by the test'), { code: 'ECONNREFUSED' });

globalThis.fetch = async (input) => {
  record('fetch', input instanceof Request ? input.url : input);
  throw new TypeError('fetch failed', { cause: refused() });
};
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  record('dns', hostname);
  const callback = rest.find((arg) => typeof arg === 'function');
  process.nextTick(() => callback?.(Object.assign(new Error('getaddrinfo ENOTFOUND ' + hostname), { code: 'ENOTFOUND' })));
};
Object.assign(dns.lookup, lookup);
dns.promises.lookup = async (hostname) => {
  record('dns', hostname);
  throw Object.assign(new Error('getaddrinfo ENOTFOUND ' + hostname), { code: 'ENOTFOUND' });
};
syncBuiltinESMExports();
// Any TCP or TLS client socket, however it was made.
diagnostics.subscribe('net.client.socket', ({ socket }) => {
  record('socket', socket.remoteAddress ?? '(connecting)');
  socket.destroy(refused());
});
`;

/** Writes a preload that logs every file path the process reads or looks up to `FILE_ACCESS_LOG`. */
export async function writeFileAccessPreload(dir: string): Promise<string> {
  const file = path.join(dir, 'record-file-access.mjs');
  await writeFile(file, FILE_ACCESS);
  return file;
}

/** Writes a preload that records and refuses every network attempt (fetch, DNS, sockets) in `NETWORK_LOG`. */
export async function writeNoNetworkPreload(dir: string): Promise<string> {
  const file = path.join(dir, 'no-network.mjs');
  await writeFile(file, NO_NETWORK);
  return file;
}

/** Paths from a file-access log, recorded at or after `since` (epoch ms). */
export async function accessedSince(log: string, since: number): Promise<string[]> {
  const text = await readFile(log, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const space = line.indexOf(' ');
      return { at: Number(line.slice(0, space)), file: line.slice(space + 1) };
    })
    .filter((entry) => entry.at >= since)
    .map((entry) => entry.file);
}
