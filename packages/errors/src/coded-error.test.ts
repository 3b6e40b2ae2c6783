import { describe, expect, expectTypeOf, it } from 'vitest';
import { codedErrors, type CodedError, type CodeOf } from './coded-error.ts';
import { describeError, isCodedError } from './describe-error.ts';

class ShelfError extends codedErrors(['SHELF_EMPTY', 'SHELF_FULL']) {}

describe('codedErrors', () => {
  it('declares a CodedError named after its class, keeping its codes in the order given', () => {
    const err = new ShelfError('SHELF_FULL', 'no room for another shoe', { cause: 'x' });
    expect([err instanceof ShelfError, isCodedError(err), err.name, err.code, err.cause]).toEqual([
      true,
      true,
      'ShelfError',
      'SHELF_FULL',
      'x',
    ]);
    expect(ShelfError.codes).toEqual(['SHELF_EMPTY', 'SHELF_FULL']);
    expect(describeError(err)).toEqual({ code: 'SHELF_FULL', message: 'no room for another shoe' });
  });

  it('narrows the code to the declared ones', () => {
    expectTypeOf<CodeOf<typeof ShelfError>>().toEqualTypeOf<'SHELF_EMPTY' | 'SHELF_FULL'>();
    expectTypeOf(new ShelfError('SHELF_EMPTY', '')).toMatchTypeOf<CodedError<'SHELF_EMPTY' | 'SHELF_FULL'>>();
    // @ts-expect-error a code the class does not declare
    void new ShelfError('SHELF_MISSING', '');
  });
});
