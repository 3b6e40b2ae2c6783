/**
 * Which file names runcue reads. Watches and phone apps write FIT files under many spellings
 * (`.fit`, `.FIT`, gzipped by HealthFit or Gadgetbridge, zipped by Garmin Connect exports), and
 * sync tools leave temp files next to them that must never be read half-written.
 */
export type FileKind = 'fit' | 'fit.gz' | 'zip';

/** The kind of a file by its name, or null when runcue does not read it. */
export function fileKind(name: string): FileKind | null {
  const lower = baseName(name).toLowerCase();
  if (lower.endsWith('.fit')) return 'fit';
  if (lower.endsWith('.fit.gz')) return 'fit.gz';
  if (lower.endsWith('.zip')) return 'zip';
  return null;
}

const ignoredPatterns: readonly RegExp[] = [
  /^\./, // dotfiles: .syncthing.x.fit.tmp, .dropbox, macOS ._ resource forks, .DS_Store
  /^~syncthing~/,
  /\.partial$/i,
  /\.tmp$/i,
  /\.crdownload$/i,
  /^__MACOSX$/,
];

/** True for sync-tool temp files and hidden files or folders, which are never read. */
export function isIgnoredName(name: string): boolean {
  const base = baseName(name);
  return ignoredPatterns.some((p) => p.test(base));
}

/** True when any path segment is ignored (a hidden folder hides everything in it). */
export function isIgnoredPath(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).some((segment) => segment !== '' && isIgnoredName(segment));
}

function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? name;
}
