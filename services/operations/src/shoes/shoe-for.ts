import { listShoes, StoreError, type Db, type Shoe } from '@runcue/store';
import { OperationError } from '../error-codes.ts';

/** The athlete's shoe with this id or name (any case): SHOE_NOT_FOUND, or SHOE_AMBIGUOUS for a name two pairs share. */
export async function shoeFor(db: Db, athleteId: string, ref: string): Promise<Shoe> {
  const shoes = await listShoes(db, athleteId);
  const matches = shoes.filter((s) => s.id === ref || s.name.toLowerCase() === ref.trim().toLowerCase());
  const only = matches[0];
  if (matches.length === 1 && only) return only;
  if (matches.length === 0)
    throw new StoreError(
      'SHOE_NOT_FOUND',
      `no shoe is called or has the id "${ref}" (see 'runcue shoe list')`,
    );
  throw new OperationError('SHOE_AMBIGUOUS', `${matches.length} shoes are called "${ref}"; use the id`);
}
