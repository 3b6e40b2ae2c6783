/**
 * Finding a connected watch in folders laid out like the mounts desktops make: gvfs MTP
 * (`/run/user/<uid>/gvfs/mtp:host=…/Primary/GARMIN`), jmtpfs and go-mtpfs mount points from the
 * mount table, and USB volumes labelled GARMIN under /media/<user> and /run/media/<user>.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findWatchMounts,
  mountOf,
  needsPolling,
  parseMountTable,
  type WatchSearch,
} from '../src/watch-mounts.ts';
import { GVFS_HOST } from './mtp-layout.ts';

describe('finding a connected watch', () => {
  let root: string;
  const search = (roots: Array<[string, number]>, table = ''): WatchSearch => ({
    roots: roots.map(([pattern, depth]) => ({ pattern: path.join(root, pattern), depth })),
    readMountTable: () => Promise.resolve(table),
  });
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'runcue-mounts-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds a gvfs MTP watch under /run/user/<uid>/gvfs and polls it', async () => {
    const gvfs = path.join(root, 'run/user/1000/gvfs');
    await mkdir(path.join(gvfs, GVFS_HOST, 'Primary/GARMIN/Activity'), { recursive: true });
    await mkdir(path.join(gvfs, GVFS_HOST, 'Primary/GARMIN/NewFiles'), { recursive: true });
    const table = `gvfsd-fuse ${gvfs} fuse.gvfsd-fuse rw,nosuid,nodev,relatime,user_id=1000,group_id=1000 0 0\n`;
    const [watch, ...rest] = await findWatchMounts(search([['run/user/*/gvfs', 2]], table));
    expect(rest).toEqual([]);
    expect(watch).toEqual({
      garminDir: path.join(gvfs, GVFS_HOST, 'Primary/GARMIN'),
      activityDir: path.join(gvfs, GVFS_HOST, 'Primary/GARMIN/Activity'),
      newFilesDir: path.join(gvfs, GVFS_HOST, 'Primary/GARMIN/NewFiles'),
      fsType: 'fuse.gvfsd-fuse',
      poll: true,
    });
    // Without a mount table (a container, another OS) a gvfs path is still known to need polling.
    const [bare] = await findWatchMounts(search([['run/user/*/gvfs', 2]]));
    expect(bare?.poll).toBe(true);
  });

  it('finds jmtpfs and go-mtpfs mount points from the mount table, wherever they are', async () => {
    const jmtp = path.join(root, 'home/ada/my watch');
    const gomtp = path.join(root, 'mnt/fr965');
    await mkdir(path.join(jmtp, 'Internal Storage/GARMIN/Activity'), { recursive: true });
    await mkdir(path.join(gomtp, 'Primary/Garmin/ACTIVITY'), { recursive: true });
    const table = [
      'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
      `jmtpfs ${jmtp.replace(/ /g, '\\040')} fuse.jmtpfs rw,nosuid,nodev,relatime,user_id=1000 0 0`,
      `mtpfs ${gomtp} fuse.mtpfs rw,nosuid,nodev,relatime,user_id=1000 0 0`,
    ].join('\n');
    const found = await findWatchMounts(search([], table));
    expect(found.map((m) => [m.activityDir, m.fsType, m.poll])).toEqual([
      [path.join(jmtp, 'Internal Storage/GARMIN/Activity'), 'fuse.jmtpfs', true],
      [path.join(gomtp, 'Primary/Garmin/ACTIVITY'), 'fuse.mtpfs', true],
    ]);
    expect(found[1]?.newFilesDir).toBe(path.join(gomtp, 'Primary/Garmin/NewFiles'));
  });

  it('finds a USB volume labelled GARMIN under /media/<user> and /run/media/<user>, read with inotify', async () => {
    await mkdir(path.join(root, 'media/ada/GARMIN/GARMIN/Activity'), { recursive: true });
    await mkdir(path.join(root, 'run/media/bob/GARMIN/GARMIN/Activity'), { recursive: true });
    await mkdir(path.join(root, 'media/ada/BACKUP/photos/2026'), { recursive: true });
    const table = `/dev/sdb ${path.join(root, 'media/ada/GARMIN')} vfat rw,nosuid,nodev,relatime 0 0\n`;
    const found = await findWatchMounts(
      search(
        [
          ['media', 2],
          ['run/media', 2],
        ],
        table,
      ),
    );
    expect(found.map((m) => [m.garminDir, m.fsType, m.poll])).toEqual([
      [path.join(root, 'media/ada/GARMIN/GARMIN'), 'vfat', false],
      [path.join(root, 'run/media/bob/GARMIN/GARMIN'), null, false],
    ]);
  });

  it('finds nothing when nothing is plugged in, and a watch without Activity has no folder to read', async () => {
    expect(
      await findWatchMounts(
        search([
          ['run/user/*/gvfs', 2],
          ['media', 2],
        ]),
      ),
    ).toEqual([]);
    await mkdir(path.join(root, 'media/ada/GARMIN/GARMIN'), { recursive: true });
    const [fresh] = await findWatchMounts(search([['media', 2]]));
    expect(fresh?.activityDir).toBeNull();
    expect(fresh?.newFilesDir).toBe(path.join(root, 'media/ada/GARMIN/GARMIN/NewFiles'));
  });

  it('polls FUSE and network mounts, and uses inotify on local disks and USB drives', () => {
    for (const fs of [
      'fuse.gvfsd-fuse',
      'fuse.jmtpfs',
      'fuse.sshfs',
      'nfs4',
      'nfs',
      'cifs',
      'smb3',
      '9p',
      'fuseblk',
    ])
      expect(needsPolling(fs), fs).toBe(true);
    for (const fs of ['ext4', 'vfat', 'exfat', 'btrfs', 'xfs', 'tmpfs', 'apfs'])
      expect(needsPolling(fs), fs).toBe(false);
    const entries = parseMountTable('/dev/sda1 / ext4 rw 0 0\nserver:/runs /mnt/nas nfs4 rw 0 0\n');
    expect(mountOf('/mnt/nas/ada/run.fit', entries)?.fsType).toBe('nfs4');
    expect(mountOf('/mnt/nasty/run.fit', entries)?.fsType).toBe('ext4');
  });
});
