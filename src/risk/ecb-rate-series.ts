/**
 * Rate series out of the ECB table, including cross rates.
 *
 * @packageDocumentation
 */
import { Decimal } from '../index';
import { RateDataError, RiskErrorCodes } from './errors';
import type { EcbRateTable } from './parse-ecb-csv';
import type { RateSeries } from './types';

// Cross rates carry 15 significant digits: more than any quote in the file (at most 6), so the cross
// rate's own rounding is far below the precision of the inputs.
const CROSS_DIGITS = 15;

/**
 * The history of `base`/`quote` (units of `quote` per unit of `base`) from the ECB table, on every date
 * both currencies have a rate. `EUR`/`X` is the column itself; `X`/`EUR` is its inverse; `X`/`Y` is the
 * cross rate `Y per EUR ÷ X per EUR`, computed with decimal arithmetic and kept to 15 significant digits.
 *
 * @param table - a table from {@link parseEcbCsv}
 * @param base - the base currency, `EUR` or a column of the table
 * @param quote - the quote currency, `EUR` or a column of the table
 * @returns the series, ascending
 * @throws {@link RateDataError} (`RISK_UNKNOWN_SERIES`) when a currency is not in the table or the two are equal
 * @example
 * ```ts
 * ecbRateSeries(table, 'USD', 'ILS'); // USD/ILS = ILS per EUR ÷ USD per EUR
 * ```
 * @public
 */
export function ecbRateSeries(table: EcbRateTable, base: string, quote: string): RateSeries {
  if (base === quote) {
    throw new RateDataError(
      RiskErrorCodes.UNKNOWN_SERIES,
      `[deltran/risk] ecbRateSeries: expected two different currencies, got ${base}/${quote}`,
    );
  }
  const column = (code: string, name: string): readonly (string | undefined)[] | undefined => {
    if (code === 'EUR') return undefined;
    const values = table.columns.get(code);
    if (values === undefined) {
      throw new RateDataError(
        RiskErrorCodes.UNKNOWN_SERIES,
        `[deltran/risk] ecbRateSeries: ${name}: expected EUR or one of the table's currencies (${table.currencies.join(', ')}), got ${JSON.stringify(code)}`,
        { path: [name] },
      );
    }
    return values;
  };
  const baseColumn = column(base, 'base');
  const quoteColumn = column(quote, 'quote');
  const times: number[] = [];
  const rates: string[] = [];
  for (let i = 0; i < table.times.length; i++) {
    const b = baseColumn === undefined ? undefined : baseColumn[i];
    const q = quoteColumn === undefined ? undefined : quoteColumn[i];
    let rate: string;
    if (baseColumn === undefined) {
      if (q === undefined) continue;
      rate = q;
    } else if (b === undefined) {
      continue;
    } else if (quoteColumn === undefined) {
      rate = new Decimal(1).div(b).toSignificantDigits(CROSS_DIGITS).toFixed();
    } else {
      if (q === undefined) continue;
      rate = new Decimal(q).div(b).toSignificantDigits(CROSS_DIGITS).toFixed();
    }
    times.push(table.times[i] as number);
    rates.push(rate);
  }
  return { base, quote, times, rates };
}
