/**
 * Token codes: each ISO 4217 currency C has the token xC, backed one to one by C in the reserve.
 * @packageDocumentation
 */
import type { CurrencyCode } from '../index';
import type { TokenCode } from './types';

/**
 * The token code of a currency.
 *
 * @param currency - ISO 4217 alphabetic code
 * @returns `x` followed by the code
 * @example
 * ```ts
 * tokenCode('AED'); // 'xAED'
 * ```
 * @public
 */
export function tokenCode<C extends CurrencyCode>(currency: C): `x${C}` & TokenCode {
  return `x${currency}` as `x${C}` & TokenCode;
}
