/**
 * One extraction per concept, shared by every message and version: agents (`FinInstnId`), parties
 * (`PartyIdentification`), accounts (`CashAccount`), postal addresses and remittance information.
 * Element renames across versions are absorbed here (`BIC` → `BICFI`, `BICOrBEI` → `AnyBIC`).
 * @internal
 * @packageDocumentation
 */
import {
  type Account,
  type Agent,
  isCurrencyCode,
  type Party,
  type PostalAddress,
  type RemittanceInformation,
} from '../../index';
import { Iso20022ErrorCodes as Codes } from '../errors';
import {
  at,
  bicOf,
  codeOrProprietary,
  country,
  iban,
  lei,
  type ParseContext,
  type Path,
  quote,
  text,
} from './context';
import type { XmlElement } from './xml';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type OtherIdentification = NonNullable<Party['otherIdentifications']>[number];

/** True when an object built by an extractor got no field at all. */
function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * `BranchAndFinancialInstitutionIdentification` (`DbtrAgt`, `InstgAgt`, `Svcr` …) → {@link Agent}.
 * An absent element gives `undefined`; an empty `FinInstnId` gives `{}`.
 * @internal
 */
export function agent(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): Agent | undefined {
  const el = ctx.doc.child(parent, name);
  if (el === undefined) return undefined;
  return financialInstitution(ctx, ctx.doc.child(el, 'FinInstnId'), at(base, name, 'FinInstnId'));
}

/** `FinInstnId` (`FinancialInstitutionIdentification`) → {@link Agent}. @internal */
export function financialInstitution(ctx: ParseContext, fin: XmlElement | undefined, path: Path): Agent {
  const out: Writable<Agent> = {};
  if (fin === undefined) return out;
  // BICFI since pacs.008.001.03 / pain.001.001.04; BIC before.
  const b = bicOf(ctx, ctx.doc.child(fin, 'BICFI') ?? ctx.doc.child(fin, 'BIC'), path);
  if (b !== undefined) out.bic = b;
  const clr = ctx.doc.child(fin, 'ClrSysMmbId');
  if (clr !== undefined) {
    const clrPath = at(path, 'ClrSysMmbId');
    const member = text(ctx, clr, 'MmbId', clrPath, 35);
    if (member !== undefined) out.clearingMemberId = member;
    const system = codeOrProprietary(ctx, ctx.doc.child(clr, 'ClrSysId'), at(clrPath, 'ClrSysId'), 35);
    if (system !== undefined) out.clearingSystem = system;
  }
  const l = lei(ctx, fin, 'LEI', path);
  if (l !== undefined) out.lei = l;
  const name = text(ctx, fin, 'Nm', path, 140);
  if (name !== undefined) out.name = name;
  const address = ctx.doc.child(fin, 'PstlAdr');
  if (address !== undefined) {
    const c = country(ctx, address, 'Ctry', at(path, 'PstlAdr'));
    if (c !== undefined) out.country = c;
  }
  return out;
}

/** `PstlAdr` → {@link PostalAddress}; `undefined` when absent or empty. @internal */
export function postalAddress(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  base: Path,
): PostalAddress | undefined {
  const el = ctx.doc.child(parent, 'PstlAdr');
  if (el === undefined) return undefined;
  const path = at(base, 'PstlAdr');
  const out: Writable<PostalAddress> = {};
  const c = country(ctx, el, 'Ctry', path);
  if (c !== undefined) out.country = c;
  const town = text(ctx, el, 'TwnNm', path, 35);
  if (town !== undefined) out.townName = town;
  const postCode = text(ctx, el, 'PstCd', path, 16);
  if (postCode !== undefined) out.postCode = postCode;
  const street = text(ctx, el, 'StrtNm', path, 70);
  if (street !== undefined) out.streetName = street;
  const building = text(ctx, el, 'BldgNb', path, 16);
  if (building !== undefined) out.buildingNumber = building;
  const lines = ctx.doc.childrenNamed(el, 'AdrLine');
  if (lines.length > 0) {
    const kept: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = ctx.doc.text(lines[i]!);
      if (line === '') continue;
      if (
        line.length <= 70 ||
        ctx.lenient(
          Codes.TEXT_TOO_LONG,
          at(path, 'AdrLine', i),
          `expected at most 70 characters, got ${line.length}`,
        )
      ) {
        kept.push(line);
      }
    }
    if (
      kept.length <= 7 ||
      ctx.lenient(
        Codes.INVALID_VALUE,
        at(path, 'AdrLine'),
        `expected at most 7 address lines, got ${kept.length}`,
      )
    ) {
      if (kept.length > 0) out.addressLines = kept;
    }
  }
  return isEmpty(out) ? undefined : out;
}

/** `DbtrAcct` / `CdtrAcct` / `Acct` (`CashAccount`) → {@link Account}; `undefined` when absent. @internal */
export function account(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
): Account | undefined {
  const el = ctx.doc.child(parent, name);
  if (el === undefined) return undefined;
  const path = at(base, name);
  const out: Writable<Account> = {};
  const id = ctx.doc.child(el, 'Id');
  const idPath = at(path, 'Id');
  const i = iban(ctx, id, 'IBAN', idPath);
  if (i !== undefined) out.iban = i;
  const other = ctx.doc.child(id, 'Othr');
  if (other !== undefined) {
    const otherPath = at(idPath, 'Othr');
    const otherId = text(ctx, other, 'Id', otherPath, 34);
    if (otherId !== undefined) out.otherId = otherId;
    const scheme = codeOrProprietary(ctx, ctx.doc.child(other, 'SchmeNm'), at(otherPath, 'SchmeNm'), 35);
    if (scheme !== undefined) out.otherScheme = scheme;
  }
  const currency = text(ctx, el, 'Ccy', path, 3);
  if (currency !== undefined) {
    // An account currency is an ActiveOrHistoricCurrencyCode; the canonical model keeps active ones.
    if (isCurrencyCode(currency)) out.currency = currency;
    else {
      if (
        ctx.lenient(
          Codes.UNKNOWN_CURRENCY,
          at(path, 'Ccy'),
          `expected an active ISO 4217 currency code, got ${quote(currency)}`,
        )
      ) {
        out.currency = currency;
      }
    }
  }
  const accountName = text(ctx, el, 'Nm', path, 70);
  if (accountName !== undefined) out.name = accountName;
  return out;
}

/**
 * `Dbtr` / `Cdtr` / `UltmtDbtr` … (`PartyIdentification`) → {@link Party}, with the account element
 * next to it when given (`DbtrAcct`). `undefined` when the party element is absent.
 * @internal
 */
export function party(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  name: string,
  base: Path,
  accountName?: string,
): Party | undefined {
  let el = ctx.doc.child(parent, name);
  const acct = accountName === undefined ? undefined : account(ctx, parent, accountName, base);
  if (el === undefined) return acct === undefined ? undefined : { account: acct };
  let path = at(base, name);
  // camt.05x.001.08+ RltdPties/Dbtr is a Party40Choice: Pty (a party) or Agt (an institution).
  const pty = ctx.doc.child(el, 'Pty');
  if (pty !== undefined) {
    el = pty;
    path = at(path, 'Pty');
  }
  const out: Writable<Party> = partyIdentification(ctx, el, path);
  if (acct !== undefined) out.account = acct;
  return out;
}

/** The fields of a `PartyIdentification` element. @internal */
export function partyIdentification(ctx: ParseContext, el: XmlElement, path: Path): Writable<Party> {
  const out: Writable<Party> = {};
  const nm = text(ctx, el, 'Nm', path, 140);
  if (nm !== undefined) out.name = nm;
  const address = postalAddress(ctx, el, path);
  if (address !== undefined) out.postalAddress = address;
  const id = ctx.doc.child(el, 'Id');
  if (id !== undefined) {
    const idPath = at(path, 'Id');
    const org = ctx.doc.child(id, 'OrgId');
    const otherIds: string[] = [];
    const others: OtherIdentification[] = [];
    if (org !== undefined) {
      const orgPath = at(idPath, 'OrgId');
      // AnyBIC since pain.001.001.04 / pacs.008.001.03, BICOrBEI before, BIC in the oldest.
      const doc = ctx.doc;
      const b = bicOf(
        ctx,
        doc.child(org, 'AnyBIC') ?? doc.child(org, 'BICOrBEI') ?? doc.child(org, 'BIC'),
        orgPath,
      );
      if (b !== undefined) out.bic = b;
      const l = lei(ctx, org, 'LEI', orgPath);
      if (l !== undefined) out.lei = l;
      collectOtherIds(ctx, org, orgPath, otherIds, others);
    }
    const prvt = ctx.doc.child(id, 'PrvtId');
    if (prvt !== undefined) collectOtherIds(ctx, prvt, at(idPath, 'PrvtId'), otherIds, others);
    if (otherIds.length > 0) {
      out.otherIds = otherIds;
      out.otherIdentifications = others;
    }
  }
  const residence = country(ctx, el, 'CtryOfRes', path);
  if (residence !== undefined) out.countryOfResidence = residence;
  return out;
}

/** `Othr` (`GenericOrganisationIdentification` / `GenericPersonIdentification`): ids, and ids with their scheme. */
function collectOtherIds(
  ctx: ParseContext,
  el: XmlElement,
  path: Path,
  ids: string[],
  full: OtherIdentification[],
): void {
  const doc = ctx.doc;
  const others = doc.childrenNamed(el, 'Othr');
  for (let i = 0; i < others.length; i++) {
    const other = others[i]!;
    const otherPath = at(path, 'Othr', i);
    const id = text(ctx, other, 'Id', otherPath, 35);
    if (id === undefined) continue;
    ids.push(id);
    const entry: Writable<OtherIdentification> = { id };
    const scheme = doc.child(other, 'SchmeNm');
    if (scheme !== undefined) {
      const s = codeOrProprietary(ctx, scheme, at(otherPath, 'SchmeNm'), 35);
      if (s !== undefined) entry.scheme = s;
    }
    const issuer = text(ctx, other, 'Issr', otherPath, 35);
    if (issuer !== undefined) entry.issuer = issuer;
    full.push(entry);
  }
}

/** `RmtInf` → {@link RemittanceInformation}; `undefined` when absent or empty. @internal */
export function remittance(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  base: Path,
): RemittanceInformation | undefined {
  const el = ctx.doc.child(parent, 'RmtInf');
  if (el === undefined) return undefined;
  const path = at(base, 'RmtInf');
  const out: Writable<RemittanceInformation> = {};
  const lines = ctx.doc.childrenNamed(el, 'Ustrd');
  if (lines.length > 0) {
    const kept: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = ctx.doc.text(lines[i]!);
      if (line === '') continue;
      if (
        line.length <= 140 ||
        ctx.lenient(
          Codes.TEXT_TOO_LONG,
          at(path, 'Ustrd', i),
          `expected at most 140 characters, got ${line.length}`,
        )
      ) {
        kept.push(line);
      }
    }
    if (kept.length > 0) out.unstructured = kept;
  }
  const structured = ctx.doc.childrenNamed(el, 'Strd');
  if (structured.length > 0) {
    const refs: string[] = [];
    for (let i = 0; i < structured.length; i++) {
      const ref = text(
        ctx,
        ctx.doc.child(structured[i]!, 'CdtrRefInf'),
        'Ref',
        at(path, 'Strd', i, 'CdtrRefInf'),
        35,
      );
      if (ref !== undefined) refs.push(ref);
    }
    if (refs.length > 0) out.creditorReferences = refs;
  }
  return isEmpty(out) ? undefined : out;
}

/** `RmtInf/Ustrd` lines as written (reports keep what the bank wrote, whatever the length). @internal */
export function unstructuredLines(ctx: ParseContext, parent: XmlElement | undefined): string[] | undefined {
  const lines = ctx.doc.childrenNamed(ctx.doc.child(parent, 'RmtInf'), 'Ustrd');
  if (lines.length === 0) return undefined;
  const out: string[] = [];
  for (const line of lines) if (ctx.doc.hasText(line)) out.push(ctx.doc.text(line));
  return out.length === 0 ? undefined : out;
}
