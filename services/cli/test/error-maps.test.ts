import { TrendsError } from '@runcue/analysis';
import { CoachError } from '@runcue/coach';
import { CodedError, describeError } from '@runcue/errors';
import { FitError, WorkoutEncodeError } from '@runcue/fit';
import { ApiError, httpStatuses, httpStatusFor, IntervalsError, type ApiReachableCode } from '@runcue/ingest';
import { MailError } from '@runcue/notifier';
import { ArchiveError, BudgetError, OperationError } from '@runcue/operations';
import { ReportError } from '@runcue/report';
import { StoreError } from '@runcue/store';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { cliErrorCodes, exitCodeFor, exitCodes, type CliReachableCode } from '../src/cli-error.ts';

const useCaseCodes = [
  'INTERNAL',
  ...FitError.codes,
  ...WorkoutEncodeError.codes,
  ...StoreError.codes,
  ...TrendsError.codes,
  ...CoachError.codes,
  ...ReportError.codes,
  ...ArchiveError.codes,
  ...BudgetError.codes,
  ...OperationError.codes,
];

describe('error maps', () => {
  it('give every code of every package an exit code, and no code that does not exist', () => {
    const reachable = [...useCaseCodes, ...IntervalsError.codes, ...MailError.codes, ...cliErrorCodes];
    expect(Object.keys(exitCodes).sort()).toEqual([...new Set(reachable)].sort());
  });

  it('give every code that can reach the API an HTTP status, and no code that does not exist', () => {
    expect(Object.keys(httpStatuses).sort()).toEqual(
      [...new Set([...useCaseCodes, ...ApiError.codes])].sort(),
    );
    for (const [code, status] of Object.entries(httpStatuses)) {
      expect([code, status >= 400 && status < 600]).toEqual([code, true]);
    }
  });

  it('fail the typecheck when a code has no exit code or no HTTP status', () => {
    type WithNewCode<Code extends string> = Code | 'SOME_NEW_CODE';
    // @ts-expect-error a code added to a package's list without an exit code
    void (exitCodes satisfies Record<WithNewCode<CliReachableCode>, number>);
    // @ts-expect-error a code added to a package's list without an HTTP status
    void (httpStatuses satisfies Record<WithNewCode<ApiReachableCode>, number>);
    expectTypeOf<keyof typeof exitCodes>().toEqualTypeOf<CliReachableCode>();
    expectTypeOf<keyof typeof httpStatuses>().toEqualTypeOf<ApiReachableCode>();
  });

  it('recognise runcue errors by class, not by the shape of their code', () => {
    const fit = describeError(new FitError('FIT_TRUNCATED', 'the file ends early'));
    expect([fit, exitCodeFor(fit.code), httpStatusFor(fit.code)]).toEqual([
      { code: 'FIT_TRUNCATED', message: 'the file ends early' },
      2,
      422,
    ]);
    // An error that merely carries an upper-case code is not one of runcue's refusals.
    const lookalike = Object.assign(new Error('odd'), { code: 'FIT_TRUNCATED' });
    expect(describeError(lookalike).code).toBe('INTERNAL');
    // A coded error whose code no table knows is runcue's failure at both edges.
    const unknown = describeError(new CodedError('NEVER_MAPPED', 'x'));
    expect([exitCodeFor(unknown.code), httpStatusFor(unknown.code)]).toEqual([1, 500]);
  });

  it("say a refused connection is runcue's failure (exit 1, HTTP 500), not the runner's", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const report = describeError(refused);
    expect(report).toEqual({
      code: 'INTERNAL',
      message: 'runcue failed (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:5432',
    });
    expect([exitCodeFor(report.code), httpStatusFor(report.code)]).toEqual([1, 500]);
  });
});
