export * from './run-analysis.ts';
export * from './analysis-options.ts';
export * from './analyse-run.ts';
export { minettiCost, flatEquivalentSpeed } from './grade-adjusted-speed.ts';
export * from './trends.ts';
export { cadenceTrace, type CadenceTrace } from './cadence-trace.ts';
export * from './units.ts';
export {
  dayStart,
  isoWeekAt,
  isoWeekOf,
  isTimeZone,
  lastCompleteIsoWeekAt,
  localDay,
  mondayOfIsoWeek,
} from './local-day.ts';
export { trustedLocalOffset } from './local-offset.ts';
