import { inflateSync } from 'node:zlib';

/** What a PNG says about itself, after checking it really decodes. */
export interface PngInfo {
  width: number;
  height: number;
  colorType: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Test helper: checks the PNG signature, reads IHDR, inflates the IDAT stream and checks that it
 * holds exactly height × (1 + width × bytes per pixel) bytes, i.e. the image data is complete.
 * Throws with what is wrong otherwise.
 */
export function decodePngInfo(png: Uint8Array): PngInfo {
  SIGNATURE.forEach((b, i) => {
    if (png[i] !== b) throw new Error(`byte ${i} is not the PNG signature`);
  });
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let info: (PngInfo & { bitDepth: number; interlace: number }) | null = null;
  const idat: Uint8Array[] = [];
  while (offset + 8 <= png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      info = {
        width: view.getUint32(offset + 8),
        height: view.getUint32(offset + 12),
        bitDepth: data[8] ?? 0,
        colorType: data[9] ?? 0,
        interlace: data[12] ?? 0,
      };
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  if (!info) throw new Error('no IHDR chunk');
  const channels = CHANNELS[info.colorType];
  if (channels === undefined || info.bitDepth !== 8 || info.interlace !== 0)
    throw new Error('unexpected PNG format');
  const raw = inflateSync(Buffer.concat(idat));
  const expected = info.height * (1 + info.width * channels);
  if (raw.length !== expected) throw new Error(`image data has ${raw.length} bytes, expected ${expected}`);
  return { width: info.width, height: info.height, colorType: info.colorType };
}
