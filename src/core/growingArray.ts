/** A typed array that doubles when full: no boxed numbers, no per-item garbage. */
export class GrowingArray<T extends Uint32Array | Float64Array> {
  values: T;
  length = 0;

  constructor(private readonly make: (size: number) => T, size = 1024) {
    this.values = make(size);
  }

  push(value: number): void {
    this.reserve(1);
    this.values[this.length++] = value;
  }

  /** Appends every value of `source`. */
  append(source: ArrayLike<number>): void {
    this.reserve(source.length);
    this.values.set(source, this.length);
    this.length += source.length;
  }

  /** Empties the array, keeping its storage. */
  clear(): void {
    this.length = 0;
  }

  /** The values, in an array of exactly their length. */
  trimmed(): T {
    return this.values.slice(0, this.length) as T;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.values.length) return;
    const grown = this.make(Math.max(2 * this.values.length, this.length + extra));
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }
}

export const growingIds = (size?: number): GrowingArray<Uint32Array> => new GrowingArray((n) => new Uint32Array(n), size);
