export { CodedError, codedErrors } from './coded-error.ts';
export type { CodedErrorClass, CodeOf } from './coded-error.ts';
export { describeError, INTERNAL, isCodedError } from './describe-error.ts';
export type { ErrorReport } from './describe-error.ts';
export { maskSecrets, maskUrl } from './mask-secrets.ts';
