/**
 * camt.054 builder: BankToCustomerDebitCreditNotification.
 * @packageDocumentation
 */

import type { BankToCustomerReport } from '../types';
import { buildBankToCustomer } from './_camt';
import type { BuildOptions, CamtGroupHeaderOptions } from './options';

/** The camt.054 versions {@link buildCamt054} writes. @public */
export type Camt054Version = 'camt.054.001.08';

/** Every version {@link buildCamt054} accepts. @public */
export const CAMT054_VERSIONS: readonly Camt054Version[] = Object.freeze(['camt.054.001.08']);

/** Options of {@link buildCamt054}: `messageId`/`creationDateTime` override the report's own. @public */
export interface BuildCamt054Options extends BuildOptions, CamtGroupHeaderOptions {
  /** Message version; default (and only) `camt.054.001.08`. */
  readonly version?: Camt054Version;
}

/**
 * Builds a camt.054 BankToCustomerDebitCreditNotification: `GrpHdr` (`MsgId`, `CreDtTm`), then one `Ntfctn` per report
 * with `Id`, `CreDtTm`, `Acct` (`CashAccount39`, with `Svcr`), `Ntry` (`NtryRef`, `Amt`,
 * `CdtDbtInd`, `RvslInd`, `Sts`, `BookgDt`, `ValDt`, `AcctSvcrRef`, `BkTxCd`, `NtryDtls/TxDtls` with
 * `Refs` (`EndToEndId`, `UETR` …), `Amt`, `CdtDbtInd`, `RmtInf/Ustrd`, `RltdDts/IntrBkSttlmDt`), in XSD order.
 *
 * @param report - the notification; `messageId`/`creationDateTime` may be overridden by the options
 * @param options - version, `MsgId`/`CreDtTm` override, envelope
 * @returns the XML text, deterministic
 * @throws {@link Iso20022BuildError} listing every value that cannot be represented
 * @public
 */
export function buildCamt054(report: BankToCustomerReport, options: BuildCamt054Options = {}): string {
  return buildBankToCustomer(report, options, {
    fn: 'buildCamt054',
    versions: CAMT054_VERSIONS,
    root: 'BkToCstmrDbtCdtNtfctn',
    element: 'Ntfctn',
    what: 'notification',
  });
}
