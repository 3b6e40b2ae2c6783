/**
 * Growable byte writer and bounds-checked reader for the store's compact formats: unsigned LEB128
 * varints, zigzag varints for signed values, little-endian Float64. Varints are built with plain
 * arithmetic rather than 32-bit operators, so any safe integer (|v| < 2^53) round-trips.
 */
export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialBytes = 4096) {
    this.buffer = new Uint8Array(Math.max(16, initialBytes));
    this.view = new DataView(this.buffer.buffer);
  }

  /** Make room for `bytes` more bytes; returns the buffer to write them into from `length` on. */
  reserve(bytes: number): Uint8Array {
    if (this.length + bytes <= this.buffer.length) return this.buffer;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
    return next;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  /** An unsigned integer up to 2^53 - 1. */
  varint(value: number): void {
    this.reserve(8);
    let v = value;
    if (v < 0x80000000) {
      while (v >= 0x80) {
        this.buffer[this.length++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      this.buffer[this.length++] = v;
      return;
    }
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }

  /** A signed safe integer, zigzag-mapped so small magnitudes of either sign take one byte. */
  zigzag(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  float64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  bytes(value: Uint8Array): void {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }

  string(value: string): void {
    const encoded = new TextEncoder().encode(value);
    this.varint(encoded.length);
    this.bytes(encoded);
  }

  /** The bytes written so far (a view, valid until the next write). */
  written(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** Thrown by `ByteReader` when the bytes end early or hold an impossible value. */
export class ByteStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ByteStreamError';
  }
}

export class ByteReader {
  private readonly view: DataView;
  offset = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  byte(): number {
    const b = this.bytes[this.offset];
    if (b === undefined) throw new ByteStreamError('the bytes end early');
    this.offset += 1;
    return b;
  }

  varint(): number {
    const first = this.bytes[this.offset];
    if (first !== undefined && first < 0x80) {
      this.offset += 1;
      return first;
    }
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
    }
    throw new ByteStreamError('a varint is longer than a safe integer');
  }

  zigzag(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  float64(): number {
    if (this.offset + 8 > this.bytes.length) throw new ByteStreamError('the bytes end early');
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.offset + length > this.bytes.length)
      throw new ByteStreamError('the bytes end early');
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  string(): string {
    return new TextDecoder().decode(this.take(this.varint()));
  }
}
