import { getFile, type Db, type DuplicateReason } from '@runcue/store';

/** Where an uploaded file is: kept and still to be read, or read with its outcome. */
export type UploadStatus =
  | { fileId: string; status: 'pending' }
  | { fileId: string; status: 'imported'; activityId: string }
  | { fileId: string; status: 'duplicate'; duplicateOf: string; reason: DuplicateReason }
  | { fileId: string; status: 'failed'; error: { code: string; message: string } };

/**
 * The status of a file the athlete uploaded, or null when there is no such file or it is another
 * athlete's (the two are not told apart).
 */
export async function uploadStatus(db: Db, athleteId: string, fileId: string): Promise<UploadStatus | null> {
  const file = await getFile(db, fileId);
  if (!file || file.athleteId !== athleteId) return null;
  if (file.status === 'imported' && file.activityId !== null)
    return { fileId: file.id, status: 'imported', activityId: file.activityId };
  if (file.status === 'duplicate' && file.duplicateOf !== null && file.duplicateReason !== null)
    return {
      fileId: file.id,
      status: 'duplicate',
      duplicateOf: file.duplicateOf,
      reason: file.duplicateReason,
    };
  if (file.status === 'failed')
    return {
      fileId: file.id,
      status: 'failed',
      error: { code: file.errorCode ?? 'INTERNAL', message: file.errorMessage ?? '' },
    };
  return { fileId: file.id, status: 'pending' };
}
