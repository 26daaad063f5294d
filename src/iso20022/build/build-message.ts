/**
 * One entry point for every ISO 20022 builder, chosen by message type (what the CLI uses).
 * @packageDocumentation
 */
import { type CanonicalPayment, err, ok, type Party, type Result } from '../../index';
import { Iso20022BuildErrorCodes as Codes, Iso20022BuildError } from '../errors';
import type { BankToCustomerReport, PaymentStatusReport } from '../types';
import { buildCamt053 } from './camt053';
import { buildCamt054 } from './camt054';
import type { BuildOptions, CamtGroupHeaderOptions } from './options';
import { buildPacs002 } from './pacs002';
import { buildPacs008, type Pacs008Version, type SettlementMethod } from './pacs008';
import { buildPacs009 } from './pacs009';
import { buildPain001 } from './pain001';

/** The message types the builders write. @public */
export type BuildMessageType = 'pacs.008' | 'pacs.009' | 'pacs.002' | 'camt.053' | 'camt.054' | 'pain.001';

/** Every {@link BuildMessageType}. @public */
export const BUILD_MESSAGE_TYPES: readonly BuildMessageType[] = Object.freeze([
  'pacs.008',
  'pacs.009',
  'pacs.002',
  'camt.053',
  'camt.054',
  'pain.001',
]);

/** Options of {@link buildMessage}: the union of every builder's options. @public */
export interface BuildMessageOptions extends BuildOptions, CamtGroupHeaderOptions {
  /** Full identifier (`pacs.008.001.13`) or its last part (`13`, `001.13`); default: the type's default. */
  readonly version?: string;
  /** pacs.008 / pacs.009 `SttlmInf/SttlmMtd`. */
  readonly settlementMethod?: SettlementMethod;
  /** pacs.008 / pacs.009 `SttlmInf/ClrSys`. */
  readonly clearingSystem?: string;
  /** pain.001 `GrpHdr/InitgPty`. */
  readonly initiatingParty?: Party;
}

function fullVersion(type: string, version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  if (/^\d{2}$/.test(version)) return `${type}.001.${version}`;
  if (/^\d{3}\.\d{2}$/.test(version)) return `${type}.${version}`;
  return version;
}

/**
 * Builds a message of any supported type.
 * @param type - `pacs.008`, `pacs.009`, `pain.001` (input: payments), `pacs.002` (a
 *   {@link PaymentStatusReport}), `camt.053`, `camt.054` (a {@link BankToCustomerReport})
 * @param input - payments or report, as the type needs
 * @param options - version and the builder's options
 * @returns the XML text
 * @throws {@link Iso20022BuildError} as the chosen builder does, or `ISO20022_UNSUPPORTED_VERSION` for an
 *   unknown type / `ISO20022_INCONSISTENT_INPUT` for input of the wrong shape
 * @public
 */
export function buildMessage(
  type: BuildMessageType,
  input: readonly CanonicalPayment[] | PaymentStatusReport | BankToCustomerReport,
  options: BuildMessageOptions = {},
): string {
  const {
    version: short,
    settlementMethod,
    clearingSystem,
    initiatingParty,
    messageRecipient,
    pagination,
    additionalInformation,
    ...common
  } = options;
  const version = fullVersion(type, short);
  const withVersion = version !== undefined ? { ...common, version } : common;
  const payments = (): readonly CanonicalPayment[] => {
    if (!Array.isArray(input)) throw shapeError(type, 'an array of canonical payments');
    return input as readonly CanonicalPayment[];
  };
  const report = <T>(what: string, key: string): T => {
    if (Array.isArray(input) || typeof input !== 'object' || input === null || !(key in input))
      throw shapeError(type, what);
    return input as T;
  };
  const settlement = {
    ...(settlementMethod !== undefined ? { settlementMethod } : {}),
    ...(clearingSystem !== undefined ? { clearingSystem } : {}),
  };
  const camt = {
    ...withVersion,
    ...(messageRecipient !== undefined ? { messageRecipient } : {}),
    ...(pagination !== undefined ? { pagination } : {}),
    ...(additionalInformation !== undefined ? { additionalInformation } : {}),
  };
  switch (type) {
    case 'pacs.008':
      return buildPacs008(payments(), { ...withVersion, ...settlement } as { version?: Pacs008Version });
    case 'pacs.009':
      return buildPacs009(payments(), { ...withVersion, ...settlement } as object);
    case 'pain.001':
      return buildPain001(payments(), {
        ...withVersion,
        ...(initiatingParty !== undefined ? { initiatingParty } : {}),
      } as object);
    case 'pacs.002':
      return buildPacs002(
        report<PaymentStatusReport>('a payment status report', 'transactions'),
        withVersion as object,
      );
    case 'camt.053':
      return buildCamt053(
        report<BankToCustomerReport>('a bank-to-customer report', 'reports'),
        camt as object,
      );
    case 'camt.054':
      return buildCamt054(
        report<BankToCustomerReport>('a bank-to-customer report', 'reports'),
        camt as object,
      );
    default:
      throw new Iso20022BuildError(
        Codes.UNSUPPORTED_VERSION,
        `[deltran] buildMessage: expected one of ${BUILD_MESSAGE_TYPES.join(', ')}, got "${String(type)}"`,
      );
  }
}

function shapeError(type: string, what: string): Iso20022BuildError {
  return new Iso20022BuildError(Codes.INCONSISTENT_INPUT, `[deltran] buildMessage: ${type} takes ${what}`);
}

/** Like {@link buildMessage}, returning a {@link Result} instead of throwing. @public */
export function safeBuildMessage(
  type: BuildMessageType,
  input: readonly CanonicalPayment[] | PaymentStatusReport | BankToCustomerReport,
  options: BuildMessageOptions = {},
): Result<string, Iso20022BuildError> {
  try {
    return ok(buildMessage(type, input, options));
  } catch (error) {
    if (error instanceof Iso20022BuildError) return err(error);
    throw error;
  }
}
