/** One byte-level change a fuzzer makes to a file; `at` and `from` wrap around its length. */
export type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'set'; at: number; value: number }
  /** Sets byte `at` itself (not wrapped), within the FIT header and its size fields. */
  | { kind: 'header'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'copy'; at: number; from: number; length: number };

/**
 * Applies the mutations in order to a copy of `seed`: XOR a byte with `value` (1 for 0), set a
 * byte, cut the file short, insert bytes, delete a run, copy a run of the file elsewhere in it.
 * What the suite's fuzz tests and `scripts/fuzz.ts` do to their seed files.
 */
export function mutateBytes(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  // A copy, whatever `seed` is: a Buffer's `slice` is a view, and the seed must stay as it was.
  let b: Uint8Array = new Uint8Array(seed);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'flip' && b.length > 0) b[at] = (b[at] ?? 0) ^ (m.value || 1);
    else if ((m.kind === 'set' || m.kind === 'header') && b.length > 0)
      b[m.kind === 'header' ? Math.min(m.at, b.length - 1) : at] = m.value;
    else if (m.kind === 'truncate') b = b.slice(0, at);
    else if (m.kind === 'insert') b = concat(b.slice(0, at), m.bytes, b.slice(at));
    else if (m.kind === 'delete') b = concat(b.slice(0, at), b.slice(at + m.length));
    else if (m.kind === 'copy' && b.length > 0) {
      const from = m.from % b.length;
      b = concat(b.slice(0, at), b.slice(from, from + m.length), b.slice(at));
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
