/**
 * The layout of the binary index files and caches: a header of Uint32 words, then the parts one
 * after the other, each padded to a multiple of 4 bytes so that every typed-array view is aligned.
 */

export function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The bytes of a typed array, without copying. */
export function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Bytes taken by `header` and `parts`, padded. */
export function packedSize(header: Uint32Array, parts: readonly Uint8Array[]): number {
  return parts.reduce((size, part) => size + align4(part.byteLength), header.byteLength);
}

/** Writes `header` and `parts` into `out` from `at`. */
export function writeParts(out: Uint8Array, at: number, header: Uint32Array, parts: readonly Uint8Array[]): void {
  out.set(bytesOf(header), at);
  at += header.byteLength;
  for (const part of parts) {
    out.set(part, at);
    at += align4(part.byteLength);
  }
}

/** `header`, then `parts`, in a new buffer. */
export function packParts(header: Uint32Array, parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(packedSize(header, parts));
  writeParts(out, 0, header, parts);
  return out;
}

/**
 * Walks the parts of `source` after a header of `headerWords`: each call claims the next part of
 * `length` bytes and returns its offset in `source.buffer`; past the end it throws `truncated`.
 */
export function partReader(source: Uint8Array, headerWords: number, truncated: string): (length: number) => number {
  let at = headerWords * 4;
  return (length) => {
    const start = at;
    at += align4(length);
    if (at > source.byteLength) throw new Error(truncated);
    return source.byteOffset + start;
  };
}
