export * from './run-analysis.ts';
