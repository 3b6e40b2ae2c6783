export * from './import/ingest-types.ts';
export { ArchiveError, archiveLimits } from './import/archive-error.ts';
export type { ArchiveErrorCode, ArchiveLimits } from './import/archive-error.ts';
export { extractFiles } from './import/extract-files.ts';
export type { ExtractedItem, ExtractSource } from './import/extract-files.ts';
export { fileKind, isIgnoredName, isIgnoredPath } from './import/file-names.ts';
export { hasControlCharacters, printable } from './import/printable.ts';
export { walkFolder } from './import/walk-folder.ts';
export type { FoundFile } from './import/walk-folder.ts';
export { createIngestQueue } from './import/ingest-queue.ts';
export type { Accepted, IngestQueue, IngestQueueOptions } from './import/ingest-queue.ts';
export { ingestSource } from './import/ingest-source.ts';
export type { IngestItem, IngestSourceOptions } from './import/ingest-source.ts';
export { importFile } from './import/import-file.ts';
export type { ImportFileOptions } from './import/import-file.ts';
export { importPaths } from './import/import-paths.ts';
export type { ImportOptions, ImportSummary } from './import/import-paths.ts';
export {
  createIngestFile,
  athleteAnalysisOptions,
  DEFAULT_SUMMARY_WINDOW_DAYS,
} from './import/ingest-file.ts';
export type { ImportedActivity, IngestFileOptions } from './import/ingest-file.ts';
export { noSummaryFor } from './import/no-summary.ts';
export type { NoSummary, NoSummaryReason, SummaryFacts } from './import/no-summary.ts';
export { listRuns } from './runs/list-runs.ts';
export type { RunListing } from './runs/list-runs.ts';
export { warmUpImport } from './import/warm-up.ts';
export { reanalyseAll } from './reanalyse.ts';
export type { ReanalyseFailure, ReanalyseOptions, ReanalyseResult } from './reanalyse.ts';
export { silentLogger } from './logger.ts';
export type { Logger } from './logger.ts';
export { logPain, recordPainMilestone, painAdvice, painAdviceJson } from './pain/log-pain.ts';
export type { PainAdvice } from './pain/log-pain.ts';
export { loadPainContext } from './pain/pain-context.ts';
export type { PainContext } from './pain/pain-context.ts';
export { createIngestPool } from './pool/worker-pool.ts';
export { workerEntry } from './pool/worker-entry.ts';
export type { IngestPool, IngestPoolOptions } from './pool/worker-pool.ts';
export { computeFile } from './pool/compute-file.ts';
export type { ComputedFile, ComputeOptions } from './pool/compute-file.ts';
export { BudgetError, defaultIngestBudget, MAX_SAMPLES } from './pool/ingest-budget.ts';
export type { BudgetErrorCode, IngestBudget } from './pool/ingest-budget.ts';
export { OperationError } from './error-codes.ts';
export { athleteFor, runFor } from './athletes/resolve.ts';
export {
  decodedActivityReport,
  storedActivityReport,
  storedActivitySummary,
} from './activities/report-contract.ts';
export type { ReportContract } from './activities/report-contract.ts';
export type { OperationErrorCode, UseCaseErrorCode } from './error-codes.ts';
export { loadActivity } from './activities/load-activity.ts';
export type { LoadedActivity, MissingPart } from './activities/load-activity.ts';
export { profileOf, reportAthleteOf } from './athletes/athlete-profile.ts';
export { loadCoachContext, coachInputOf } from './coach/coach-context.ts';
export type { CoachContext } from './coach/coach-context.ts';
export { coachStoredRun } from './coach/coach-stored-run.ts';
export type { CoachedRun } from './coach/coach-stored-run.ts';
export { loadWeeklyTrends, hasRunsToReview, REVIEW_WEEKS } from './trends/weekly-trends.ts';
export { weeklyReview } from './trends/weekly-review.ts';
export type { WeeklyReview } from './trends/weekly-review.ts';
export { changeAthlete } from './athletes/change-athlete.ts';
export type { AthleteChanges, SettingChange } from './athletes/change-athlete.ts';
export { shoeFor } from './shoes/shoe-for.ts';
export { sourceFor } from './sources/source-for.ts';
export { cadenceWorkout } from './workouts/cadence-workout.ts';
export type { CadenceWorkout } from './workouts/cadence-workout.ts';
export { uploadFile, uploadFiles } from './import/upload-files.ts';
export type {
  UploadAnswer,
  UploadFileResult,
  UploadOptions,
  UploadPart,
  UploadResults,
} from './import/upload-files.ts';
export { uploadStatus } from './import/upload-status.ts';
export type { UploadStatus } from './import/upload-status.ts';
export { createImportReport } from './import/import-report.ts';
