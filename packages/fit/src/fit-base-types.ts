import { readElement } from './profile-message.ts';

/** Size in bytes of each FIT base type (low 5 bits of the base type byte). */
const SIZES = [1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8] as const;
const STRING = 0x07;

/** Element size of a base type; 1 for unknown types (read as bytes). */
export function baseTypeSize(baseType: number): number {
  return SIZES[baseType & 0x1f] ?? 1;
}

function isInvalid(type: number, view: DataView, at: number, size: number, le: boolean): boolean {
  switch (type) {
    case 0x00:
    case 0x02:
    case 0x0d:
      return view.getUint8(at) === 0xff;
    case 0x01:
      return view.getInt8(at) === 0x7f;
    case 0x03:
      return view.getInt16(at, le) === 0x7fff;
    case 0x04:
      return view.getUint16(at, le) === 0xffff;
    case 0x05:
      return view.getInt32(at, le) === 0x7fffffff;
    case 0x06:
    case 0x08:
      return view.getUint32(at, le) === 0xffffffff;
    case 0x0a:
      return view.getUint8(at) === 0;
    case 0x0b:
      return view.getUint16(at, le) === 0;
    case 0x0c:
      return view.getUint32(at, le) === 0;
    case 0x09:
    case 0x0f:
      return view.getBigUint64(at, le) === 0xffffffffffffffffn;
    case 0x0e:
      return view.getBigInt64(at, le) === 0x7fffffffffffffffn;
    case 0x10:
      return view.getBigUint64(at, le) === 0n;
    default:
      return size < 0;
  }
}

/** One element as a number (64-bit integers lose precision beyond 2^53, as the SDK's do). */
function readOne(type: number, view: DataView, at: number, le: boolean): number {
  return Number(readElement(view, at, type, le));
}

/**
 * Reads one field value of `size` bytes. Returns a number, a string, an array of numbers (with
 * null for invalid elements) for multi-element fields, or null when every element is the base
 * type's invalid value. Byte arrays are kept whole (they feed component expansion).
 */
export function readFieldValue(
  view: DataView,
  at: number,
  size: number,
  baseType: number,
  littleEndian: boolean,
): number | string | (number | null)[] | null {
  const type = baseType & 0x1f;
  if (type === STRING) {
    const raw = new Uint8Array(view.buffer, view.byteOffset + at, size);
    const end = raw.indexOf(0);
    const text = new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end));
    return text.length === 0 ? null : text;
  }
  const el = baseTypeSize(type);
  const count = Math.floor(size / el);
  if (count <= 1) {
    if (size < el) return null;
    return isInvalid(type, view, at, el, littleEndian) ? null : readOne(type, view, at, littleEndian);
  }
  const out: (number | null)[] = [];
  let valid = false;
  for (let i = 0; i < count; i++) {
    if (isInvalid(type, view, at + i * el, el, littleEndian) && type !== 0x0d) out.push(null);
    else {
      out.push(readOne(type, view, at + i * el, littleEndian));
      valid = true;
    }
  }
  if (type === 0x0d) valid = out.some((v) => v !== 0xff);
  return valid ? out : null;
}
