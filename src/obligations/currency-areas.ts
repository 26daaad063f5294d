/**
 * Currency areas that make a payment between two countries domestic.
 * @packageDocumentation
 */
import type { CurrencyArea } from './types';

/**
 * The default currency areas, each a single clearing system for its currency across its members:
 *
 * - **euro area** (EUR): the 21 member states as of 1 January 2026 (Bulgaria joined that day), the
 *   states that use the euro by monetary agreement with the EU (Andorra, Monaco, San Marino,
 *   Vatican City) and the territories with their own ISO 3166 codes that are part of a member
 *   (Åland AX; French overseas GF, GP, MQ, RE, YT, PM, BL, MF). Montenegro and Kosovo use the euro
 *   unilaterally, without access to TARGET, and are not included;
 * - **WAEMU** (XOF, BCEAO): BJ, BF, CI, GW, ML, NE, SN, TG;
 * - **CEMAC** (XAF, BEAC): CM, CF, TD, CG, GQ, GA;
 * - **ECCU** (XCD, ECCB): AG, DM, GD, KN, LC, VC, AI, MS;
 * - **United States** (USD, Fedwire): US and the territories with their own codes (PR, GU, VI, AS, MP, UM).
 *
 * Sources: ECB "Euro area" membership; BCEAO, BEAC and ECCB member lists; ISO 3166-1.
 * @public
 */
export const DEFAULT_CURRENCY_AREAS: readonly CurrencyArea[] = Object.freeze([
  {
    name: 'euro area',
    currency: 'EUR',
    countries: [
      'AT',
      'BE',
      'BG',
      'HR',
      'CY',
      'EE',
      'FI',
      'FR',
      'DE',
      'GR',
      'IE',
      'IT',
      'LV',
      'LT',
      'LU',
      'MT',
      'NL',
      'PT',
      'SK',
      'SI',
      'ES',
      'AD',
      'MC',
      'SM',
      'VA',
      'AX',
      'GF',
      'GP',
      'MQ',
      'RE',
      'YT',
      'PM',
      'BL',
      'MF',
    ],
  },
  { name: 'WAEMU', currency: 'XOF', countries: ['BJ', 'BF', 'CI', 'GW', 'ML', 'NE', 'SN', 'TG'] },
  { name: 'CEMAC', currency: 'XAF', countries: ['CM', 'CF', 'TD', 'CG', 'GQ', 'GA'] },
  { name: 'ECCU', currency: 'XCD', countries: ['AG', 'DM', 'GD', 'KN', 'LC', 'VC', 'AI', 'MS'] },
  { name: 'United States', currency: 'USD', countries: ['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM'] },
] satisfies CurrencyArea[]);
