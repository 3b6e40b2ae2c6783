import type { IngestItem } from '@runcue/operations';
import { getActivity, type Db } from '@runcue/store';

/** The log line(s) `runcue start` writes for one file it took in: imported, duplicate or failed. */
export async function describeItem(db: Db, item: IngestItem): Promise<string> {
  const o = item.outcome;
  if (o.status === 'failed') return `failed     ${item.name}  ${o.error.code}: ${o.error.message}`;
  if (o.status === 'duplicate') return `duplicate  ${item.name}  (${o.reason} of activity ${o.duplicateOf})`;
  // The ingest says what it stored; an outcome made from a stored row says nothing, and is read back.
  const a = o.run ?? (await getActivity(db, o.activityId));
  const km = a?.distanceM == null ? '' : `  ${(a.distanceM / 1000).toFixed(2)} km`;
  const when = a ? `  ${new Date(a.startTime).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  const line = `imported   ${item.name}  ${a?.sport ?? ''}${when}${km}  activity ${o.activityId}`;
  return o.noSummary === undefined
    ? `${line}\n           post-run email queued`
    : `${line}\n           ${o.noSummary.message}`;
}
