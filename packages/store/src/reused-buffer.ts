/** Buffers kept from one call to the next hold at most this many values (2 MB of doubles). */
const MAX_KEPT_VALUES = 1 << 18;

/**
 * A scratch buffer that a codec keeps from one call to the next, so that encoding a run does not
 * allocate (and the garbage collector free) the same few MB of typed arrays for every file. A call
 * that needs more than `MAX_KEPT_VALUES` values (a file far longer than any watch run) gets a
 * buffer of its own, freed with it, so a worker never holds more than a few MB of them.
 */
export class ReusedBuffer<T extends Int32Array | Float64Array> {
  private kept: T;

  constructor(private readonly create: (length: number) => T) {
    this.kept = create(4096);
  }

  /** A buffer of at least `length` values; what it holds is left from earlier calls. */
  get(length: number): T {
    if (this.kept.length >= length) return this.kept;
    if (length > MAX_KEPT_VALUES) return this.create(length);
    this.kept = this.create(Math.min(MAX_KEPT_VALUES, Math.max(length, this.kept.length * 2)));
    return this.kept;
  }
}
