/**
 * camt.053 builder: BankToCustomerStatement.
 * @packageDocumentation
 */

import { Iso20022BuildErrorCodes as Codes } from '../errors';
import type { BankToCustomerReport } from '../types';
import { writeAccountReport, writeCamtGroupHeader } from './_camt';
import { Issues } from './_shared';
import {
  type BuildOptions,
  type CamtGroupHeaderOptions,
  finishDocument,
  resolveHeader,
  startDocument,
} from './options';

/** The camt.053 versions {@link buildCamt053} writes. @public */
export type Camt053Version = 'camt.053.001.08';

/** Every version {@link buildCamt053} accepts. @public */
export const CAMT053_VERSIONS: readonly Camt053Version[] = Object.freeze(['camt.053.001.08']);

/** Options of {@link buildCamt053}: `messageId`/`creationDateTime` override the report's own. @public */
export interface BuildCamt053Options extends BuildOptions, CamtGroupHeaderOptions {
  /** Message version; default (and only) `camt.053.001.08`. */
  readonly version?: Camt053Version;
}

/**
 * Builds a camt.053 BankToCustomerStatement: `GrpHdr` (`MsgId`, `CreDtTm`), then one `Stmt` per report
 * with `Id`, `CreDtTm`, `Acct` (`CashAccount39`, with `Svcr`), `Bal` (at least one), `Ntry` (`NtryRef`, `Amt`,
 * `CdtDbtInd`, `RvslInd`, `Sts`, `BookgDt`, `ValDt`, `AcctSvcrRef`, `BkTxCd`, `NtryDtls/TxDtls` with
 * `Refs` (`EndToEndId`, `UETR` …), `Amt`, `CdtDbtInd`, `RmtInf/Ustrd`, `RltdDts/IntrBkSttlmDt`), in XSD order.
 *
 * @param report - the statement; `messageId`/`creationDateTime` may be overridden by the options
 * @param options - version, `MsgId`/`CreDtTm` override, envelope
 * @returns the XML text, deterministic
 * @throws {@link Iso20022BuildError} listing every value that cannot be represented
 * @public
 */
export function buildCamt053(report: BankToCustomerReport, options: BuildCamt053Options = {}): string {
  const version = options.version ?? 'camt.053.001.08';
  const issues = new Issues(true);
  if (!CAMT053_VERSIONS.includes(version)) {
    issues.add(
      Codes.UNSUPPORTED_VERSION,
      [],
      `expected ${CAMT053_VERSIONS.join(', ')}, got "${String(version)}"`,
    );
    issues.throwIfAny('buildCamt053');
  }
  const header = resolveHeader(issues, options, report);
  if (report.reports.length === 0)
    issues.add(Codes.MISSING_ELEMENT, ['Stmt'], 'expected at least one statement');
  const w = startDocument(issues, options, version, 'BkToCstmrStmt', header);
  writeCamtGroupHeader(w, issues, header, options);
  for (let i = 0; i < report.reports.length; i++)
    writeAccountReport(w, issues, ['Stmt', i], 'Stmt', report.reports[i]!);
  issues.throwIfAny('buildCamt053');
  return finishDocument(w, options);
}
