/**
 * The netting modes as data, for option parsing and command lines.
 *
 * @packageDocumentation
 */
import type { NettingMode } from './types';

/**
 * Every {@link NettingMode}, from the least netting to the most constrained optimum.
 * @public
 */
export const NETTING_MODES: readonly NettingMode[] = Object.freeze([
  'gross',
  'bilateral',
  'multilateral',
  'hub',
  'conservative',
] as const);

/**
 * The hub account of `hub` mode when none is given.
 * @public
 */
export const DEFAULT_HUB = 'HUB';
