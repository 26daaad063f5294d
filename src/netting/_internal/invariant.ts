import { CoreErrorCodes, InvariantError } from '../../index';

/**
 * Checks an internal invariant of the netting engine (STYLE.md §4.6). A failure is a bug in DelTran,
 * never bad input: bad input is rejected with a typed error before any algorithm runs.
 * @internal
 */
export function nettingInvariant(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new InvariantError(CoreErrorCodes.INVARIANT, `[deltran] netting invariant broken: ${message}`);
  }
}
