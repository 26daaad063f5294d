/**
 * Currency pegs: near-zero measured volatility that must not hide de-peg risk.
 *
 * @packageDocumentation
 */
import { Decimal } from '../index';
import type { Peg } from './types';

/**
 * Pegs in force, from the central banks' published regimes: the Gulf dirhams, riyals and dinars to USD
 * (CBUAE 3.6725 AED per USD since 1997; SAMA 3.75; QCB 3.64; CBO 0.3845 OMR; CBB 0.376 BHD; CBJ 0.709
 * JOD), the Hong Kong dollar's convertibility band 7.75–7.85 per USD (HKMA), the Danish krone in ERM II
 * at 7.46038 per EUR ±2.25% (Danmarks Nationalbank), and the CFA francs at 655.957 per EUR (BCEAO, BEAC).
 * Pass your own list in `RiskContext.pegs` to change it.
 * @public
 */
export const DEFAULT_PEGS: readonly Peg[] = Object.freeze([
  Object.freeze({ currency: 'AED', anchor: 'USD', rate: '3.6725', band: '0' }),
  Object.freeze({ currency: 'SAR', anchor: 'USD', rate: '3.75', band: '0' }),
  Object.freeze({ currency: 'QAR', anchor: 'USD', rate: '3.64', band: '0' }),
  Object.freeze({ currency: 'OMR', anchor: 'USD', rate: '0.3845', band: '0' }),
  Object.freeze({ currency: 'BHD', anchor: 'USD', rate: '0.376', band: '0' }),
  Object.freeze({ currency: 'JOD', anchor: 'USD', rate: '0.709', band: '0' }),
  Object.freeze({ currency: 'HKD', anchor: 'USD', rate: '7.80', band: '0.0064102564' }),
  Object.freeze({ currency: 'DKK', anchor: 'EUR', rate: '7.46038', band: '0.0225' }),
  Object.freeze({ currency: 'XOF', anchor: 'EUR', rate: '655.957', band: '0' }),
  Object.freeze({ currency: 'XAF', anchor: 'EUR', rate: '655.957', band: '0' }),
]);

/**
 * The peg between two currencies, if any: a direct peg in either direction, or two currencies pegged to
 * the same anchor (AED/SAR through USD), whose cross peg is derived with decimal arithmetic and whose
 * band is the sum of the two bands.
 *
 * @param pegs - the pegs to search
 * @param base - one currency of the pair
 * @param quote - the other
 * @returns the peg as `currency` per `anchor` (either orientation of the pair), or `undefined`
 * @example
 * ```ts
 * findPeg(DEFAULT_PEGS, 'USD', 'AED'); // { currency: 'AED', anchor: 'USD', rate: '3.6725', band: '0' }
 * ```
 * @public
 */
export function findPeg(pegs: readonly Peg[], base: string, quote: string): Peg | undefined {
  for (const peg of pegs) {
    if ((peg.currency === base && peg.anchor === quote) || (peg.currency === quote && peg.anchor === base))
      return peg;
  }
  for (const a of pegs) {
    if (a.currency !== base) continue;
    for (const b of pegs) {
      if (b.currency === quote && b.anchor === a.anchor) {
        return {
          currency: quote,
          anchor: base,
          rate: new Decimal(b.rate).div(a.rate).toSignificantDigits(15).toFixed(),
          band: new Decimal(a.band).plus(b.band).toFixed(),
        };
      }
    }
  }
  return undefined;
}

/**
 * How far a rate is from a peg's band, as a fraction of the peg rate: 0 inside the band.
 *
 * @param peg - the peg
 * @param base - the base of the quoted rate
 * @param rate - the rate, units of the quote per unit of `base`, decimal string
 * @returns the distance outside the band (a statistic), 0 when inside
 * @public
 */
export function pegDeviationScore(peg: Peg, base: string, rate: string): number {
  const central = new Decimal(peg.rate);
  // Bring the rate to `currency` per `anchor`.
  const oriented = base === peg.anchor ? new Decimal(rate) : new Decimal(1).div(rate);
  const deviation = oriented.minus(central).abs().div(central).minus(peg.band);
  return deviation.isPositive() && !deviation.isZero() ? deviation.toNumber() : 0;
}
