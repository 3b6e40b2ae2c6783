export * from './cue.ts';
