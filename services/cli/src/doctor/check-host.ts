import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Check } from './check.ts';

/** The oldest Node.js runcue supports (`require(esm)` and the `node:` APIs it uses). */
const MIN_NODE = [20, 19] as const;

/** Checks a Node.js version string such as `v20.19.2` against `MIN_NODE`. */
export function checkNode(version: string): Check {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { status: 'ok', name: 'node', message: `Node.js ${version}` }
    : {
        status: 'fail',
        name: 'node',
        message: `Node.js ${version} is older than ${MIN_NODE.join('.')}`,
        hint: 'install Node.js 20.19 or newer (22 LTS is fine)',
      };
}

/** The folders resvg scans for system fonts on Linux (and the user's own). */
export function fontFolders(home = os.homedir()): string[] {
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.fonts'),
    path.join(home, '.local/share/fonts'),
  ];
}

/**
 * Looks for fonts that chart labels can be drawn with: the report draws charts in DejaVu Sans
 * and resvg loads the system's fonts, so DejaVu is best, any other TTF/OTF font works, and with
 * none at all the emailed charts have no text.
 */
export async function checkFonts(folders: readonly string[]): Promise<Check> {
  const files: string[] = [];
  for (const folder of folders) files.push(...(await fontFiles(folder)));
  const dejavu =
    files.find((f) => path.basename(f) === 'DejaVuSans.ttf') ??
    files.find((f) => /^DejaVuSans(-|\.)/i.test(path.basename(f)));
  if (dejavu !== undefined) return { status: 'ok', name: 'fonts', message: `chart labels use ${dejavu}` };
  if (files.length > 0) {
    return {
      status: 'ok',
      name: 'fonts',
      message: `no DejaVu Sans, chart labels fall back to one of ${files.length} other fonts (e.g. ${files[0]})`,
    };
  }
  return {
    status: 'warn',
    name: 'fonts',
    message: `no TTF or OTF font in ${folders.join(', ')}, so charts would have no text`,
    hint: 'install one, e.g. apt-get install fonts-dejavu-core (Debian/Ubuntu) or apk add font-dejavu (Alpine)',
  };
}

async function fontFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && /\.(ttf|otf|ttc)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
