/**
 * `deltran/iso20022`: the gateway. Parses pain.001, pacs.008, pacs.009, pacs.002, camt.052, camt.053
 * and camt.054 (every version in use, enveloped or not) into canonical payments and reports, safely;
 * builds messages back from them; reads and writes MT103.
 *
 * Export statements are kept sorted by module path (biome's organize-imports): parsing
 * (`parse-message`, `<msg>/parse`, `json`, `types`), building (`build/*`) and MT103 (`mt103/*`).
 * @packageDocumentation
 */

export { type AppHdrOptions, type AppHdrVersion, ENVELOPE_NAMESPACE } from './build/app-hdr';
export {
  BUILD_MESSAGE_TYPES,
  type BuildMessageOptions,
  type BuildMessageType,
  buildMessage,
  safeBuildMessage,
} from './build/build-message';
export {
  type BuildCamt053Options,
  buildCamt053,
  CAMT053_VERSIONS,
  type Camt053Version,
} from './build/camt053';
export {
  type BuildCamt054Options,
  buildCamt054,
  CAMT054_VERSIONS,
  type Camt054Version,
} from './build/camt054';
export type { BuildOptions, CamtGroupHeaderOptions } from './build/options';
export {
  type BuildPacs002Options,
  buildPacs002,
  PACS002_VERSIONS,
  type Pacs002Version,
} from './build/pacs002';
export {
  type BuildPacs008Options,
  buildPacs008,
  PACS008_VERSIONS,
  type Pacs008Version,
  type SettlementMethod,
} from './build/pacs008';
export {
  type BuildPacs009Options,
  buildPacs009,
  PACS009_VERSIONS,
  type Pacs009Version,
} from './build/pacs009';
export {
  type BuildPain001Options,
  buildPain001,
  PAIN001_VERSIONS,
  type Pain001Version,
} from './build/pain001';
export { parseCamt052, safeParseCamt052 } from './camt052/parse';
export { parseCamt053, safeParseCamt053 } from './camt053/parse';
export { parseCamt054, safeParseCamt054 } from './camt054/parse';
export {
  Iso20022BuildError,
  type Iso20022BuildErrorCode,
  Iso20022BuildErrorCodes,
  Iso20022Error,
  type Iso20022ErrorCode,
  Iso20022ErrorCodes,
  Mt103Error,
  type Mt103ErrorCode,
  Mt103ErrorCodes,
} from './errors';
export {
  type JsonOf,
  MESSAGE_JSON_FORMAT,
  messageFromJson,
  messageToJson,
  type ParsedMessageJson,
  safeMessageFromJson,
} from './json';
export { type BuildMt103Options, buildMt103, type Mt103BuildResult, toSwiftX } from './mt103/build';
export {
  type Mt103ToPaymentOptions,
  mt103ToPayment,
  type PaymentToMt103Options,
  type PaymentToMt103Result,
  paymentToMt103,
} from './mt103/convert';
export {
  type ParseMt103Options,
  parseMt103,
  parseMt103Batch,
  safeParseMt103,
  safeParseMt103Batch,
} from './mt103/parse';
export type {
  Mt103Amount,
  Mt103BasicHeader,
  Mt103BatchEntry,
  Mt103Customer,
  Mt103InputHeader,
  Mt103Institution,
  Mt103InstitutionOption,
  Mt103Message,
  Mt103OutputHeader,
  Mt103Text,
  MtAcknowledgement,
  MtTagValue,
} from './mt103/schema';
export { parsePacs002, safeParsePacs002 } from './pacs002/parse';
export { parsePacs008, safeParsePacs008 } from './pacs008/parse';
export { parsePacs009, safeParsePacs009 } from './pacs009/parse';
export { parsePain001, safeParsePain001 } from './pain001/parse';
export { parseMessage, safeParseMessage } from './parse-message';
export { SUPPORTED_VERSIONS } from './supported-versions';
export type {
  AccountReport,
  AppHeader,
  AppHeaderParty,
  Balance,
  BankToCustomerReport,
  BankTransactionCode,
  Camt052Message,
  Camt053Message,
  Camt054Message,
  CreditDebit,
  EntryTransaction,
  GroupHeader,
  MessageOf,
  MessageType,
  OriginalGroupStatus,
  Pacs002Message,
  Pacs008Message,
  Pacs009Message,
  Pagination,
  Pain001Message,
  ParsedMessage,
  ParsedMessageBase,
  ParseOptions,
  PaymentStatusReport,
  ReportEntry,
  StatusReason,
  TransactionStatus,
} from './types';
