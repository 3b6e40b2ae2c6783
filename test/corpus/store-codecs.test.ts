import { describe, expect, it } from 'vitest';
import { channelNames, decodeFit, isFitError } from '@runcue/fit';
import { RAW_ENCODINGS, decodeRawFile, decodeSamples, encodeRawFile, encodeSamples } from '@runcue/store';
import { readCorpusFile, readManifest } from './manifest.ts';

/**
 * Every corpus file through the store's codecs: the raw file comes back byte for byte (its sha256
 * is its identity), and the decoded samples come back as the very same doubles. The sizes are
 * summed over the corpus and compared with the FIT bytes, so a change that makes storage bigger
 * shows here; the import benchmark prints the same ratios for generated runs.
 */
const rows = readManifest();

describe('store codecs on every corpus file', () => {
  const totals = { fit: 0, raw: 0, samples: 0, fitOfDecoded: 0, columnFiles: 0 };

  it.each(rows.map((r) => [r.path]))('%s', (path) => {
    const bytes = readCorpusFile(path);
    const { encoding, stored } = encodeRawFile(bytes);
    expect(Buffer.from(decodeRawFile(stored, encoding)).equals(Buffer.from(bytes))).toBe(true);
    totals.fit += bytes.byteLength;
    totals.raw += stored.byteLength;
    if (encoding === RAW_ENCODINGS.fitColumns) totals.columnFiles += 1;

    let samples;
    try {
      samples = decodeFit(bytes).samples;
    } catch (error) {
      if (isFitError(error)) return;
      throw error;
    }
    const encoded = encodeSamples(samples);
    const back = decodeSamples(encoded);
    expect(back.length).toBe(samples.length);
    for (const name of channelNames) {
      const a = samples[name];
      const b = back[name];
      for (let i = 0; i < a.length; i++) {
        if (!Object.is(a[i], b[i]) && !(Number.isNaN(a[i]) && Number.isNaN(b[i])))
          throw new Error(`${name}[${i}]: stored ${b[i]}, decoded ${a[i]}`);
      }
    }
    totals.samples += encoded.byteLength;
    totals.fitOfDecoded += bytes.byteLength;
  });

  it('keeps the corpus in well under half its size (raw files and samples, each against the FIT bytes)', () => {
    expect(totals.columnFiles).toBeGreaterThan(rows.length * 0.9);
    // The columns are kept as stored deflate blocks, not deflated: 0.30 of the corpus (0.23 deflated).
    expect(totals.raw / totals.fit).toBeLessThan(0.33);
    expect(totals.samples / totals.fitOfDecoded).toBeLessThan(0.2);
  });
});
