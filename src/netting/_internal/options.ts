import { InvalidNettingOptionsError, NettingErrorCodes } from '../errors';
import { DEFAULT_HUB, NETTING_MODES } from '../netting-modes';
import type { NettingMode } from '../types';
import { describe, NAME_LENGTH_MAX, prefix } from './messages';

/** Options after checking. @internal */
export interface CheckedNetOptions {
  readonly mode: NettingMode;
  /** Set in hub mode only. */
  readonly hub: string | undefined;
}

function invalid(where: string, field: string, text: string): InvalidNettingOptionsError {
  return new InvalidNettingOptionsError(
    NettingErrorCodes.INVALID_OPTIONS,
    `${prefix(where, [field])}${text}`,
    {
      path: [field],
    },
  );
}

/**
 * Checks `{ mode, hub }`.
 * @throws InvalidNettingOptionsError
 * @internal
 */
export function checkNetOptions(options: unknown, where: string): CheckedNetOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalid(
      where,
      'mode',
      `expected options such as { mode: 'multilateral' }, got ${describe(options)}`,
    );
  }
  const { mode, hub } = options as { mode?: unknown; hub?: unknown };
  if (!NETTING_MODES.includes(mode as NettingMode)) {
    throw invalid(where, 'mode', `expected one of ${NETTING_MODES.join(', ')}, got ${describe(mode)}`);
  }
  if (hub !== undefined && mode !== 'hub') {
    throw invalid(where, 'hub', `a hub is only used with mode 'hub', got mode ${describe(mode)}`);
  }
  if (mode !== 'hub') return { mode: mode as NettingMode, hub: undefined };
  const name = hub ?? DEFAULT_HUB;
  if (typeof name !== 'string' || name.length === 0 || name.length > NAME_LENGTH_MAX) {
    throw invalid(
      where,
      'hub',
      `expected a non-empty participant name of at most ${NAME_LENGTH_MAX} characters, got ${describe(name)}`,
    );
  }
  return { mode: 'hub', hub: name };
}
