import { Profile } from '@garmin/fitsdk';
import { baseTypeSize, readFieldValue } from './fit-base-types.ts';
import type { FitMessage, FitMessages } from './fit-messages.ts';
import { expandMessage } from './profile-fields.ts';
import type { RawValue } from './profile-fields.ts';

interface FieldDef {
  readonly num: number;
  readonly size: number;
  readonly baseType: number;
}
interface DevFieldDef {
  readonly num: number;
  readonly size: number;
  readonly devIndex: number;
}
interface Definition {
  readonly global: number;
  readonly littleEndian: boolean;
  readonly fields: readonly FieldDef[];
  readonly devFields: readonly DevFieldDef[];
}

export interface RecordReadResult {
  readonly messages: FitMessages;
  /** Why reading stopped before the end of the data area, or null. */
  readonly error: string | null;
  /** Data messages that used a compressed-timestamp header. */
  readonly compressedTimestampMessages: number;
}

const TIMESTAMP_FIELD = 253;
const FIELD_DESCRIPTION = 206;
const DEVELOPER_DATA_ID = 207;

/**
 * Reads the record layer of one FIT data area on its own: definition and data messages,
 * compressed-timestamp headers (a 5-bit offset from the last full timestamp, used by the FR70 and
 * Lezyne devices and unsupported by the SDK), big- and little-endian definitions and developer
 * fields. Field meaning, scale, offset, sub-fields and components come from the SDK's `Profile`, so
 * the messages have the SDK's shape. Stops at the first structural problem (a cut-off message, a
 * data message with no definition) and returns what was read before it.
 */
export function readFitRecords(bytes: Uint8Array, dataStart: number, dataEnd: number): RecordReadResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const messages: FitMessages = {};
  const locals = new Map<number, Definition>();
  const devKeys = new Map<string, { key: number; baseType: number }>();
  const devIndexes = new Set<number>();
  const accumulators = new Map<string, number>();
  let lastTimestamp: number | null = null;
  let compressed = 0;
  let pos = dataStart;
  const fail = (why: string): RecordReadResult => ({
    messages,
    error: `${why} at byte ${pos}`,
    compressedTimestampMessages: compressed,
  });

  while (pos < dataEnd) {
    const header = bytes[pos] ?? 0;
    if ((header & 0x80) === 0 && (header & 0x40) !== 0) {
      if (pos + 6 > dataEnd) return fail('message definition cut off');
      const littleEndian = bytes[pos + 2] === 0;
      const global = view.getUint16(pos + 3, littleEndian);
      const n = bytes[pos + 5] ?? 0;
      let p = pos + 6;
      if (p + 3 * n > dataEnd) return fail('message definition cut off');
      const fields: FieldDef[] = [];
      for (let i = 0; i < n; i++, p += 3)
        fields.push({ num: bytes[p] ?? 0, size: bytes[p + 1] ?? 0, baseType: bytes[p + 2] ?? 0 });
      const devFields: DevFieldDef[] = [];
      if ((header & 0x20) !== 0) {
        const nd = bytes[p] ?? 0;
        p++;
        if (p + 3 * nd > dataEnd) return fail('developer field definition cut off');
        for (let i = 0; i < nd; i++, p += 3)
          devFields.push({ num: bytes[p] ?? 0, size: bytes[p + 1] ?? 0, devIndex: bytes[p + 2] ?? 0 });
      }
      locals.set(header & 0x0f, { global, littleEndian, fields, devFields });
      pos = p;
      continue;
    }
    const isCompressed = (header & 0x80) !== 0;
    const local = isCompressed ? (header >> 5) & 0x03 : header & 0x0f;
    const def = locals.get(local);
    if (def === undefined) return fail(`data message for undefined local message type ${local}`);
    const size = def.fields.reduce((s, f) => s + f.size, 0) + def.devFields.reduce((s, f) => s + f.size, 0);
    if (pos + 1 + size > dataEnd) return fail('data message cut off');
    let p = pos + 1;
    const raw = new Map<number, RawValue>();
    for (const f of def.fields) {
      const v = readFieldValue(
        view,
        p,
        f.size,
        baseTypeSize(f.baseType) > f.size ? 0x0d : f.baseType,
        def.littleEndian,
      );
      if (v !== null) raw.set(f.num, v);
      p += f.size;
    }
    const developerFields: Record<number, unknown> = {};
    for (const f of def.devFields) {
      const d = devKeys.get(`${f.devIndex}:${f.num}`);
      if (d !== undefined) {
        const v = readFieldValue(
          view,
          p,
          f.size,
          baseTypeSize(d.baseType) > f.size ? 0x0d : d.baseType,
          def.littleEndian,
        );
        if (v !== null) developerFields[d.key] = v;
      }
      p += f.size;
    }
    pos = p;

    if (isCompressed) {
      compressed++;
      if (lastTimestamp !== null) {
        const offset = header & 0x1f;
        let ts: number = lastTimestamp - (lastTimestamp & 0x1f) + offset;
        if (offset < (lastTimestamp & 0x1f)) ts += 0x20;
        raw.set(TIMESTAMP_FIELD, ts);
        lastTimestamp = ts;
      }
    } else {
      const ts = raw.get(TIMESTAMP_FIELD);
      if (typeof ts === 'number') lastTimestamp = ts;
    }

    if (def.global === DEVELOPER_DATA_ID) {
      const index = raw.get(3);
      if (typeof index === 'number') devIndexes.add(index);
    } else if (def.global === FIELD_DESCRIPTION) {
      const index = raw.get(0);
      const num = raw.get(1);
      const baseType = raw.get(2);
      if (
        typeof index === 'number' &&
        typeof num === 'number' &&
        typeof baseType === 'number' &&
        devIndexes.has(index)
      ) {
        devKeys.set(`${index}:${num}`, { key: devKeys.size, baseType: baseType & 0x1f });
        raw.set(-1, devKeys.size - 1);
      }
    }

    const profile = Profile.messages[def.global];
    if (profile === undefined) continue;
    const message: FitMessage = expandMessage(def.global, raw, accumulators);
    if (def.global === FIELD_DESCRIPTION && raw.has(-1)) message.key = raw.get(-1);
    if (Object.keys(developerFields).length > 0) message.developerFields = developerFields;
    const list = messages[profile.messagesKey] ?? [];
    list.push(message);
    messages[profile.messagesKey] = list;
  }
  return { messages, error: null, compressedTimestampMessages: compressed };
}
