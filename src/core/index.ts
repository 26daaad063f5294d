/**
 * Core: exact money (bigint minor units + ISO 4217), identifiers (BIC, IBAN, LEI, UETR, country),
 * the canonical payment, errors and `Result`. Published as the package root `deltran`; every other
 * module imports core only through this entry.
 * @packageDocumentation
 */
export { type AllocationRatio, allocate } from './allocate';
export {
  type BicOptions,
  type BicParts,
  bicCountry,
  isValidBic,
  normalizeBic,
  parseBic,
  toBic8,
  toBic11,
} from './bic';
export { COUNTRY_CODES, type CountryCodeOptions, isCountryCode, parseCountryCode } from './country';
export {
  type Currency,
  type CurrencyCode,
  currencyExponent,
  getCurrency,
  isCurrencyCode,
  listCurrencies,
} from './currency';
export { Decimal, fromDecimal, type RoundingMode, toDecimal } from './decimal';
export {
  type CoreErrorCode,
  CoreErrorCodes,
  CurrencyMismatchError,
  DeltranError,
  type DeltranErrorOptions,
  formatPath,
  InvalidAmountError,
  InvalidIdentifierError,
  InvalidRatiosError,
  InvariantError,
  type Issue,
  UnknownCurrencyError,
  ValidationError,
} from './errors';
export {
  formatIban,
  IBAN_COUNTRY_CODES,
  IBAN_REGISTRY_RELEASE,
  type IbanOptions,
  type IbanParts,
  type IbanSpec,
  ibanCountry,
  ibanSpec,
  isElectronicIban,
  isValidIban,
  normalizeIban,
  parseIban,
} from './iban';
export { ISO4217 } from './iso4217';
export { isValidLei, type LeiOptions, type LeiParts, normalizeLei, parseLei } from './lei';
export {
  abs,
  add,
  compare,
  equals,
  formatMoney,
  fromMinor,
  isNegative,
  isPositive,
  isZero,
  type Money,
  type MoneyOptions,
  max,
  min,
  money,
  negate,
  subtract,
  sum,
} from './money';
export {
  type Account,
  type Agent,
  type CanonicalPayment,
  type CanonicalPaymentJson,
  CanonicalPaymentJsonSchema,
  CanonicalPaymentSchema,
  type Charge,
  type ChargeBearer,
  type ChargeJson,
  canonicalPaymentToJson,
  type InstructionPriority,
  type MoneyJson,
  type OtherIdentification,
  type Party,
  type PaymentSourceType,
  type PostalAddress,
  parseCanonicalPayment,
  type RemittanceInformation,
  type SettlementPriority,
  safeParseCanonicalPayment,
  type UnderlyingCustomerCreditTransfer,
  type UnderlyingCustomerCreditTransferJson,
  validateCanonicalPayment,
} from './payment';
export { createSeededRandom, cryptoRandom, type RandomSource } from './random';
export { type Err, err, type Ok, ok, type Result } from './result';
export { createSha256, type Sha256, sha256Hex } from './sha256';
export { createUetr, isValidUetr, normalizeUetr, parseUetr, type UetrOptions } from './uetr';
