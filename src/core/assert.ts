import { CoreErrorCodes, InvariantError } from './errors';

/**
 * Checks an internal invariant (STYLE.md §4.6). A failure is a bug in DelTran, never bad user input.
 * @internal
 */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition)
    throw new InvariantError(CoreErrorCodes.INVARIANT, `[deltran] invariant broken: ${message}`);
}
