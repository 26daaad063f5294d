/**
 * The ISO 4217 currency and funds code table (STYLE.md §3.3, §9.2).
 *
 * Source: ISO 4217 List One ("Current currency & funds code list") published 2026-01-01 by SIX Financial
 * Information AG, the ISO 4217 Maintenance Agency; it includes every amendment up to Amendment 180.
 * The 178 entries were cross-checked against Debian iso-codes' `iso_4217.json` with Amendments 176 to 180
 * applied. This file is maintained by hand: on each new amendment, update the entries, this header and
 * the code count asserted in test/unit/core/currency.test.ts.
 *
 * Recent changes reflected here, with the amendment that made them:
 * - XCG Caribbean Guilder (532) replaced ANG for Curaçao and Sint Maarten on 2025-03-31 (Amendment 176).
 *   ANG is left out: it was withdrawn by the same amendment (its cash use ended 2025-06-30), it is not in
 *   the 2026-01-01 List One, and XCG reuses its numeric code 532, so keeping both would make 532 ambiguous.
 * - ZWG Zimbabwe Gold (924) replaced ZWL in 2024 (Amendment 177). ZWL is left out.
 * - CUC Peso Convertible (931) moved to List Three (Amendment 178). It is left out.
 * - XAD Arab Accounting Dinar (396) of the Arab Monetary Fund was added in 2025 (Amendment 179).
 * - BGN Bulgarian Lev (975) was withdrawn when Bulgaria adopted the euro on 2026-01-01 (Amendment 180).
 *   It is left out.
 * - Older withdrawals also absent: HRK (Croatia adopted the euro, 2023), SLL (redenominated to SLE),
 *   MRO (MRU), STD (STN), VEF (VES, then VED), BYR (BYN).
 *
 * `exponent` is ISO's "minor unit": the number of fraction digits an amount may carry (JPY 0, EUR 2,
 * BHD 3, CLF 4). For the codes ISO marks "N.A." (precious metals, bond market units, XDR, XSU, XUA,
 * XTS and XXX) there is no minor unit; they get exponent 0 so that amounts in them are whole units and
 * a text such as "1.5" XAU is rejected rather than silently given a scale ISO does not define.
 *
 * @packageDocumentation
 */
import type { Currency } from './currency';

/**
 * Every active ISO 4217 code, keyed by its alphabetic code. Frozen: the table is shared by every
 * DelTran instance in the process, so nobody may change it.
 * @public
 */
export const ISO4217 = {
  AED: { code: 'AED', numeric: '784', exponent: 2, name: 'UAE Dirham' },
  AFN: { code: 'AFN', numeric: '971', exponent: 2, name: 'Afghani' },
  ALL: { code: 'ALL', numeric: '008', exponent: 2, name: 'Lek' },
  AMD: { code: 'AMD', numeric: '051', exponent: 2, name: 'Armenian Dram' },
  AOA: { code: 'AOA', numeric: '973', exponent: 2, name: 'Kwanza' },
  ARS: { code: 'ARS', numeric: '032', exponent: 2, name: 'Argentine Peso' },
  AUD: { code: 'AUD', numeric: '036', exponent: 2, name: 'Australian Dollar' },
  AWG: { code: 'AWG', numeric: '533', exponent: 2, name: 'Aruban Florin' },
  AZN: { code: 'AZN', numeric: '944', exponent: 2, name: 'Azerbaijan Manat' },
  BAM: { code: 'BAM', numeric: '977', exponent: 2, name: 'Convertible Mark' },
  BBD: { code: 'BBD', numeric: '052', exponent: 2, name: 'Barbados Dollar' },
  BDT: { code: 'BDT', numeric: '050', exponent: 2, name: 'Taka' },
  BHD: { code: 'BHD', numeric: '048', exponent: 3, name: 'Bahraini Dinar' },
  BIF: { code: 'BIF', numeric: '108', exponent: 0, name: 'Burundi Franc' },
  BMD: { code: 'BMD', numeric: '060', exponent: 2, name: 'Bermudian Dollar' },
  BND: { code: 'BND', numeric: '096', exponent: 2, name: 'Brunei Dollar' },
  BOB: { code: 'BOB', numeric: '068', exponent: 2, name: 'Boliviano' },
  BOV: { code: 'BOV', numeric: '984', exponent: 2, name: 'Mvdol' },
  BRL: { code: 'BRL', numeric: '986', exponent: 2, name: 'Brazilian Real' },
  BSD: { code: 'BSD', numeric: '044', exponent: 2, name: 'Bahamian Dollar' },
  BTN: { code: 'BTN', numeric: '064', exponent: 2, name: 'Ngultrum' },
  BWP: { code: 'BWP', numeric: '072', exponent: 2, name: 'Pula' },
  BYN: { code: 'BYN', numeric: '933', exponent: 2, name: 'Belarusian Ruble' },
  BZD: { code: 'BZD', numeric: '084', exponent: 2, name: 'Belize Dollar' },
  CAD: { code: 'CAD', numeric: '124', exponent: 2, name: 'Canadian Dollar' },
  CDF: { code: 'CDF', numeric: '976', exponent: 2, name: 'Congolese Franc' },
  CHE: { code: 'CHE', numeric: '947', exponent: 2, name: 'WIR Euro' },
  CHF: { code: 'CHF', numeric: '756', exponent: 2, name: 'Swiss Franc' },
  CHW: { code: 'CHW', numeric: '948', exponent: 2, name: 'WIR Franc' },
  CLF: { code: 'CLF', numeric: '990', exponent: 4, name: 'Unidad de Fomento' },
  CLP: { code: 'CLP', numeric: '152', exponent: 0, name: 'Chilean Peso' },
  CNY: { code: 'CNY', numeric: '156', exponent: 2, name: 'Yuan Renminbi' },
  COP: { code: 'COP', numeric: '170', exponent: 2, name: 'Colombian Peso' },
  COU: { code: 'COU', numeric: '970', exponent: 2, name: 'Unidad de Valor Real' },
  CRC: { code: 'CRC', numeric: '188', exponent: 2, name: 'Costa Rican Colon' },
  CUP: { code: 'CUP', numeric: '192', exponent: 2, name: 'Cuban Peso' },
  CVE: { code: 'CVE', numeric: '132', exponent: 2, name: 'Cabo Verde Escudo' },
  CZK: { code: 'CZK', numeric: '203', exponent: 2, name: 'Czech Koruna' },
  DJF: { code: 'DJF', numeric: '262', exponent: 0, name: 'Djibouti Franc' },
  DKK: { code: 'DKK', numeric: '208', exponent: 2, name: 'Danish Krone' },
  DOP: { code: 'DOP', numeric: '214', exponent: 2, name: 'Dominican Peso' },
  DZD: { code: 'DZD', numeric: '012', exponent: 2, name: 'Algerian Dinar' },
  EGP: { code: 'EGP', numeric: '818', exponent: 2, name: 'Egyptian Pound' },
  ERN: { code: 'ERN', numeric: '232', exponent: 2, name: 'Nakfa' },
  ETB: { code: 'ETB', numeric: '230', exponent: 2, name: 'Ethiopian Birr' },
  EUR: { code: 'EUR', numeric: '978', exponent: 2, name: 'Euro' },
  FJD: { code: 'FJD', numeric: '242', exponent: 2, name: 'Fiji Dollar' },
  FKP: { code: 'FKP', numeric: '238', exponent: 2, name: 'Falkland Islands Pound' },
  GBP: { code: 'GBP', numeric: '826', exponent: 2, name: 'Pound Sterling' },
  GEL: { code: 'GEL', numeric: '981', exponent: 2, name: 'Lari' },
  GHS: { code: 'GHS', numeric: '936', exponent: 2, name: 'Ghana Cedi' },
  GIP: { code: 'GIP', numeric: '292', exponent: 2, name: 'Gibraltar Pound' },
  GMD: { code: 'GMD', numeric: '270', exponent: 2, name: 'Dalasi' },
  GNF: { code: 'GNF', numeric: '324', exponent: 0, name: 'Guinean Franc' },
  GTQ: { code: 'GTQ', numeric: '320', exponent: 2, name: 'Quetzal' },
  GYD: { code: 'GYD', numeric: '328', exponent: 2, name: 'Guyana Dollar' },
  HKD: { code: 'HKD', numeric: '344', exponent: 2, name: 'Hong Kong Dollar' },
  HNL: { code: 'HNL', numeric: '340', exponent: 2, name: 'Lempira' },
  HTG: { code: 'HTG', numeric: '332', exponent: 2, name: 'Gourde' },
  HUF: { code: 'HUF', numeric: '348', exponent: 2, name: 'Forint' },
  IDR: { code: 'IDR', numeric: '360', exponent: 2, name: 'Rupiah' },
  ILS: { code: 'ILS', numeric: '376', exponent: 2, name: 'New Israeli Sheqel' },
  INR: { code: 'INR', numeric: '356', exponent: 2, name: 'Indian Rupee' },
  IQD: { code: 'IQD', numeric: '368', exponent: 3, name: 'Iraqi Dinar' },
  IRR: { code: 'IRR', numeric: '364', exponent: 2, name: 'Iranian Rial' },
  ISK: { code: 'ISK', numeric: '352', exponent: 0, name: 'Iceland Krona' },
  JMD: { code: 'JMD', numeric: '388', exponent: 2, name: 'Jamaican Dollar' },
  JOD: { code: 'JOD', numeric: '400', exponent: 3, name: 'Jordanian Dinar' },
  JPY: { code: 'JPY', numeric: '392', exponent: 0, name: 'Yen' },
  KES: { code: 'KES', numeric: '404', exponent: 2, name: 'Kenyan Shilling' },
  KGS: { code: 'KGS', numeric: '417', exponent: 2, name: 'Som' },
  KHR: { code: 'KHR', numeric: '116', exponent: 2, name: 'Riel' },
  KMF: { code: 'KMF', numeric: '174', exponent: 0, name: 'Comorian Franc' },
  KPW: { code: 'KPW', numeric: '408', exponent: 2, name: 'North Korean Won' },
  KRW: { code: 'KRW', numeric: '410', exponent: 0, name: 'Won' },
  KWD: { code: 'KWD', numeric: '414', exponent: 3, name: 'Kuwaiti Dinar' },
  KYD: { code: 'KYD', numeric: '136', exponent: 2, name: 'Cayman Islands Dollar' },
  KZT: { code: 'KZT', numeric: '398', exponent: 2, name: 'Tenge' },
  LAK: { code: 'LAK', numeric: '418', exponent: 2, name: 'Lao Kip' },
  LBP: { code: 'LBP', numeric: '422', exponent: 2, name: 'Lebanese Pound' },
  LKR: { code: 'LKR', numeric: '144', exponent: 2, name: 'Sri Lanka Rupee' },
  LRD: { code: 'LRD', numeric: '430', exponent: 2, name: 'Liberian Dollar' },
  LSL: { code: 'LSL', numeric: '426', exponent: 2, name: 'Loti' },
  LYD: { code: 'LYD', numeric: '434', exponent: 3, name: 'Libyan Dinar' },
  MAD: { code: 'MAD', numeric: '504', exponent: 2, name: 'Moroccan Dirham' },
  MDL: { code: 'MDL', numeric: '498', exponent: 2, name: 'Moldovan Leu' },
  MGA: { code: 'MGA', numeric: '969', exponent: 2, name: 'Malagasy Ariary' },
  MKD: { code: 'MKD', numeric: '807', exponent: 2, name: 'Denar' },
  MMK: { code: 'MMK', numeric: '104', exponent: 2, name: 'Kyat' },
  MNT: { code: 'MNT', numeric: '496', exponent: 2, name: 'Tugrik' },
  MOP: { code: 'MOP', numeric: '446', exponent: 2, name: 'Pataca' },
  MRU: { code: 'MRU', numeric: '929', exponent: 2, name: 'Ouguiya' },
  MUR: { code: 'MUR', numeric: '480', exponent: 2, name: 'Mauritius Rupee' },
  MVR: { code: 'MVR', numeric: '462', exponent: 2, name: 'Rufiyaa' },
  MWK: { code: 'MWK', numeric: '454', exponent: 2, name: 'Malawi Kwacha' },
  MXN: { code: 'MXN', numeric: '484', exponent: 2, name: 'Mexican Peso' },
  MXV: { code: 'MXV', numeric: '979', exponent: 2, name: 'Mexican Unidad de Inversion (UDI)' },
  MYR: { code: 'MYR', numeric: '458', exponent: 2, name: 'Malaysian Ringgit' },
  MZN: { code: 'MZN', numeric: '943', exponent: 2, name: 'Mozambique Metical' },
  NAD: { code: 'NAD', numeric: '516', exponent: 2, name: 'Namibia Dollar' },
  NGN: { code: 'NGN', numeric: '566', exponent: 2, name: 'Naira' },
  NIO: { code: 'NIO', numeric: '558', exponent: 2, name: 'Cordoba Oro' },
  NOK: { code: 'NOK', numeric: '578', exponent: 2, name: 'Norwegian Krone' },
  NPR: { code: 'NPR', numeric: '524', exponent: 2, name: 'Nepalese Rupee' },
  NZD: { code: 'NZD', numeric: '554', exponent: 2, name: 'New Zealand Dollar' },
  OMR: { code: 'OMR', numeric: '512', exponent: 3, name: 'Rial Omani' },
  PAB: { code: 'PAB', numeric: '590', exponent: 2, name: 'Balboa' },
  PEN: { code: 'PEN', numeric: '604', exponent: 2, name: 'Sol' },
  PGK: { code: 'PGK', numeric: '598', exponent: 2, name: 'Kina' },
  PHP: { code: 'PHP', numeric: '608', exponent: 2, name: 'Philippine Peso' },
  PKR: { code: 'PKR', numeric: '586', exponent: 2, name: 'Pakistan Rupee' },
  PLN: { code: 'PLN', numeric: '985', exponent: 2, name: 'Zloty' },
  PYG: { code: 'PYG', numeric: '600', exponent: 0, name: 'Guarani' },
  QAR: { code: 'QAR', numeric: '634', exponent: 2, name: 'Qatari Rial' },
  RON: { code: 'RON', numeric: '946', exponent: 2, name: 'Romanian Leu' },
  RSD: { code: 'RSD', numeric: '941', exponent: 2, name: 'Serbian Dinar' },
  RUB: { code: 'RUB', numeric: '643', exponent: 2, name: 'Russian Ruble' },
  RWF: { code: 'RWF', numeric: '646', exponent: 0, name: 'Rwanda Franc' },
  SAR: { code: 'SAR', numeric: '682', exponent: 2, name: 'Saudi Riyal' },
  SBD: { code: 'SBD', numeric: '090', exponent: 2, name: 'Solomon Islands Dollar' },
  SCR: { code: 'SCR', numeric: '690', exponent: 2, name: 'Seychelles Rupee' },
  SDG: { code: 'SDG', numeric: '938', exponent: 2, name: 'Sudanese Pound' },
  SEK: { code: 'SEK', numeric: '752', exponent: 2, name: 'Swedish Krona' },
  SGD: { code: 'SGD', numeric: '702', exponent: 2, name: 'Singapore Dollar' },
  SHP: { code: 'SHP', numeric: '654', exponent: 2, name: 'Saint Helena Pound' },
  SLE: { code: 'SLE', numeric: '925', exponent: 2, name: 'Leone' },
  SOS: { code: 'SOS', numeric: '706', exponent: 2, name: 'Somali Shilling' },
  SRD: { code: 'SRD', numeric: '968', exponent: 2, name: 'Surinam Dollar' },
  SSP: { code: 'SSP', numeric: '728', exponent: 2, name: 'South Sudanese Pound' },
  STN: { code: 'STN', numeric: '930', exponent: 2, name: 'Dobra' },
  SVC: { code: 'SVC', numeric: '222', exponent: 2, name: 'El Salvador Colon' },
  SYP: { code: 'SYP', numeric: '760', exponent: 2, name: 'Syrian Pound' },
  SZL: { code: 'SZL', numeric: '748', exponent: 2, name: 'Lilangeni' },
  THB: { code: 'THB', numeric: '764', exponent: 2, name: 'Baht' },
  TJS: { code: 'TJS', numeric: '972', exponent: 2, name: 'Somoni' },
  TMT: { code: 'TMT', numeric: '934', exponent: 2, name: 'Turkmenistan New Manat' },
  TND: { code: 'TND', numeric: '788', exponent: 3, name: 'Tunisian Dinar' },
  TOP: { code: 'TOP', numeric: '776', exponent: 2, name: 'Pa’anga' },
  TRY: { code: 'TRY', numeric: '949', exponent: 2, name: 'Turkish Lira' },
  TTD: { code: 'TTD', numeric: '780', exponent: 2, name: 'Trinidad and Tobago Dollar' },
  TWD: { code: 'TWD', numeric: '901', exponent: 2, name: 'New Taiwan Dollar' },
  TZS: { code: 'TZS', numeric: '834', exponent: 2, name: 'Tanzanian Shilling' },
  UAH: { code: 'UAH', numeric: '980', exponent: 2, name: 'Hryvnia' },
  UGX: { code: 'UGX', numeric: '800', exponent: 0, name: 'Uganda Shilling' },
  USD: { code: 'USD', numeric: '840', exponent: 2, name: 'US Dollar' },
  USN: { code: 'USN', numeric: '997', exponent: 2, name: 'US Dollar (Next day)' },
  UYI: { code: 'UYI', numeric: '940', exponent: 0, name: 'Uruguay Peso en Unidades Indexadas (UI)' },
  UYU: { code: 'UYU', numeric: '858', exponent: 2, name: 'Peso Uruguayo' },
  UYW: { code: 'UYW', numeric: '927', exponent: 4, name: 'Unidad Previsional' },
  UZS: { code: 'UZS', numeric: '860', exponent: 2, name: 'Uzbekistan Sum' },
  VED: { code: 'VED', numeric: '926', exponent: 2, name: 'Bolívar Soberano' },
  VES: { code: 'VES', numeric: '928', exponent: 2, name: 'Bolívar Soberano' },
  VND: { code: 'VND', numeric: '704', exponent: 0, name: 'Dong' },
  VUV: { code: 'VUV', numeric: '548', exponent: 0, name: 'Vatu' },
  WST: { code: 'WST', numeric: '882', exponent: 2, name: 'Tala' },
  XAD: { code: 'XAD', numeric: '396', exponent: 2, name: 'Arab Accounting Dinar' },
  XAF: { code: 'XAF', numeric: '950', exponent: 0, name: 'CFA Franc BEAC' },
  XAG: { code: 'XAG', numeric: '961', exponent: 0, name: 'Silver' }, // minor unit N.A. in ISO 4217
  XAU: { code: 'XAU', numeric: '959', exponent: 0, name: 'Gold' }, // minor unit N.A. in ISO 4217
  XBA: {
    code: 'XBA',
    numeric: '955',
    exponent: 0,
    name: 'Bond Markets Unit European Composite Unit (EURCO)',
  }, // minor unit N.A. in ISO 4217
  XBB: {
    code: 'XBB',
    numeric: '956',
    exponent: 0,
    name: 'Bond Markets Unit European Monetary Unit (E.M.U.-6)',
  }, // minor unit N.A. in ISO 4217
  XBC: {
    code: 'XBC',
    numeric: '957',
    exponent: 0,
    name: 'Bond Markets Unit European Unit of Account 9 (E.U.A.-9)',
  }, // minor unit N.A. in ISO 4217
  XBD: {
    code: 'XBD',
    numeric: '958',
    exponent: 0,
    name: 'Bond Markets Unit European Unit of Account 17 (E.U.A.-17)',
  }, // minor unit N.A. in ISO 4217
  XCD: { code: 'XCD', numeric: '951', exponent: 2, name: 'East Caribbean Dollar' },
  XCG: { code: 'XCG', numeric: '532', exponent: 2, name: 'Caribbean Guilder' },
  XDR: { code: 'XDR', numeric: '960', exponent: 0, name: 'SDR (Special Drawing Right)' }, // minor unit N.A. in ISO 4217
  XOF: { code: 'XOF', numeric: '952', exponent: 0, name: 'CFA Franc BCEAO' },
  XPD: { code: 'XPD', numeric: '964', exponent: 0, name: 'Palladium' }, // minor unit N.A. in ISO 4217
  XPF: { code: 'XPF', numeric: '953', exponent: 0, name: 'CFP Franc' },
  XPT: { code: 'XPT', numeric: '962', exponent: 0, name: 'Platinum' }, // minor unit N.A. in ISO 4217
  XSU: { code: 'XSU', numeric: '994', exponent: 0, name: 'Sucre' }, // minor unit N.A. in ISO 4217
  XTS: { code: 'XTS', numeric: '963', exponent: 0, name: 'Codes specifically reserved for testing purposes' }, // minor unit N.A. in ISO 4217
  XUA: { code: 'XUA', numeric: '965', exponent: 0, name: 'ADB Unit of Account' }, // minor unit N.A. in ISO 4217
  XXX: {
    code: 'XXX',
    numeric: '999',
    exponent: 0,
    name: 'The codes assigned for transactions where no currency is involved',
  }, // minor unit N.A. in ISO 4217
  YER: { code: 'YER', numeric: '886', exponent: 2, name: 'Yemeni Rial' },
  ZAR: { code: 'ZAR', numeric: '710', exponent: 2, name: 'Rand' },
  ZMW: { code: 'ZMW', numeric: '967', exponent: 2, name: 'Zambian Kwacha' },
  ZWG: { code: 'ZWG', numeric: '924', exponent: 2, name: 'Zimbabwe Gold' },
} as const;

// `satisfies` on the literal would defeat isolatedDeclarations (the .d.ts could no longer be emitted
// from this file alone), so the table's shape is checked by this assignment instead.
const checkShape: Readonly<Record<string, Currency>> = ISO4217;
void checkShape;

for (const entry of Object.values(ISO4217)) Object.freeze(entry);
Object.freeze(ISO4217);
