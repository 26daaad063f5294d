/**
 * pacs.008 ⇄ MT103 for the fields both carry, through {@link CanonicalPayment} (the shape a parsed
 * pacs.008 has). The mapping follows the usual CBPR+ translation rules in simplified form.
 * @packageDocumentation
 */
import {
  type Account,
  type Agent,
  type CanonicalPayment,
  type ChargeBearer,
  createUetr,
  type Issue,
  isValidBic,
  isValidIban,
  isValidUetr,
  type Party,
  type RandomSource,
} from '../../index';
import { Mt103ErrorCodes as Codes, mt103Error } from '../errors';
import { toSwiftX } from './build';
import type { Mt103Customer, Mt103Institution, Mt103Message, Mt103Text, MtTagValue } from './schema';

/** Options of {@link paymentToMt103}. @public */
export interface PaymentToMt103Options {
  /** Block 1 logical terminal (12 characters); default: instructing agent's BIC8 + `A` + branch or `XXX`. */
  readonly senderLogicalTerminal?: string;
  /** Block 2 receiver address (12 characters); default: instructed agent's (else creditor agent's) BIC8 + `X` + branch. */
  readonly receiverAddress?: string;
  /** `:23B:`; default `CRED`. */
  readonly bankOperationCode?: string;
  /** Block 2 priority; default `N`. */
  readonly priority?: 'N' | 'U' | 'S';
  /** Block 1 session number (4 digits); default `0000`. */
  readonly sessionNumber?: string;
  /** Block 1 sequence number (6 digits); default `000000`. */
  readonly sequenceNumber?: string;
}

/** What {@link paymentToMt103} returns: the message, and what the mapping had to cut or change. @public */
export interface PaymentToMt103Result {
  readonly message: Mt103Message;
  /** `ISO20022_MT103_TRUNCATED` / `ISO20022_MT103_TRANSLITERATED` issues, with canonical paths. */
  readonly warnings: readonly Issue[];
}

const CHARGES_TO_71A: Readonly<Record<ChargeBearer, string>> = Object.freeze({
  DEBT: 'OUR',
  CRED: 'BEN',
  SHAR: 'SHA',
  SLEV: 'SHA',
});

const CHARGES_FROM_71A: Readonly<Record<string, ChargeBearer>> = Object.freeze({
  OUR: 'DEBT',
  BEN: 'CRED',
  SHA: 'SHAR',
});

/** Cuts text into lines of at most `width` X characters, at spaces where possible. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    if (rest.length <= width) {
      out.push(rest);
      break;
    }
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  // A line starting with "-" or ":" would end block 4 or open a field.
  return out.map((line) => (line.startsWith('-') || line.startsWith(':') ? `.${line.slice(1)}` : line));
}

class Notes {
  readonly warnings: Issue[] = [];
  readonly errors: Issue[] = [];

  /** Transliterates, wraps at 35 and keeps at most `max` lines, warning about each change. */
  lines(path: readonly (string | number)[], parts: readonly string[], max: number): string[] {
    const out: string[] = [];
    for (const part of parts) {
      const x = toSwiftX(part);
      if (x.changed)
        this.warnings.push({
          code: Codes.TRANSLITERATED,
          path,
          message: `written as ${JSON.stringify(x.text)}`,
        });
      out.push(...wrap(x.text, 35));
    }
    if (out.length > max) {
      this.warnings.push({
        code: Codes.TRUNCATED,
        path,
        message: `kept ${max} of ${out.length} lines of 35 characters`,
      });
      return out.slice(0, max);
    }
    return out;
  }

  /** Without an account line, a first line starting with "/" would read back as one: replace the "/". */
  noLeadingSlash(path: readonly (string | number)[], lines: string[]): void {
    if (lines[0]?.startsWith('/')) {
      lines[0] = `.${lines[0].slice(1)}`;
      this.warnings.push({
        code: Codes.TRANSLITERATED,
        path,
        message: `written as ${JSON.stringify(lines[0])}`,
      });
    }
  }
}

function nameAndAddress(p: Party): string[] {
  const parts: string[] = [];
  if (p.name !== undefined) parts.push(p.name);
  const a = p.postalAddress;
  if (a !== undefined) {
    const street = [a.streetName, a.buildingNumber].filter((s) => s !== undefined).join(' ');
    if (street !== '') parts.push(street);
    for (const line of a.addressLines ?? []) parts.push(line);
    const town = [a.postCode, a.townName].filter((s) => s !== undefined).join(' ');
    if (town !== '' || a.country !== undefined)
      parts.push([town, a.country].filter((s) => s !== '' && s !== undefined).join(' '));
  }
  return parts;
}

function accountOf(p: Party): string | undefined {
  return p.account?.iban ?? p.account?.otherId;
}

function customerOf(n: Notes, path: string, p: Party, tag: '50' | '59'): Mt103Customer {
  const account = accountOf(p);
  const body = nameAndAddress(p);
  if (body.length === 0 && p.bic !== undefined) {
    return { option: 'A', ...(account !== undefined ? { account } : {}), bic: p.bic };
  }
  const lines = n.lines([path], body.length > 0 ? body : ['NOTPROVIDED'], 4);
  if (account === undefined) n.noLeadingSlash([path], lines);
  return { option: tag === '50' ? 'K' : '', ...(account !== undefined ? { account } : {}), lines };
}

function institutionOf(
  n: Notes,
  path: string,
  a: Agent | undefined,
  allowD: boolean,
): Mt103Institution | undefined {
  if (a === undefined) return undefined;
  const party =
    a.clearingMemberId !== undefined ? `//${a.clearingSystem ?? ''}${a.clearingMemberId}` : undefined;
  if (a.bic !== undefined)
    return {
      option: 'A',
      ...(party !== undefined && party.length <= 35 ? { partyIdentifier: party } : {}),
      bic: a.bic,
    };
  if (allowD && a.name !== undefined) {
    const lines = n.lines([path, 'name'], [a.name, ...(a.country !== undefined ? [a.country] : [])], 4);
    if (party === undefined || party.length > 35) n.noLeadingSlash([path, 'name'], lines);
    return {
      option: 'D',
      ...(party !== undefined && party.length <= 35 ? { partyIdentifier: party } : {}),
      nameAndAddress: lines,
    };
  }
  return undefined;
}

/** BIC → 12-character logical terminal / address: BIC8 + terminal letter + branch (`XXX` by default). */
function terminal(bic: string | undefined, letter: string): string | undefined {
  if (bic === undefined || !isValidBic(bic)) return undefined;
  return `${bic.slice(0, 8)}${letter}${bic.length === 11 ? bic.slice(8) : 'XXX'}`;
}

/**
 * Maps a canonical payment (for example a parsed pacs.008 transaction) to an MT103.
 *
 * `:20:` ← `instructionId` (else `endToEndId`), cut to 16; block 3 `{121:}` ← `uetr`; `:32A:` ←
 * `settlementDate` + `amount`; `:33B:` ← `instructedAmount`; `:36:` ← `exchangeRate`; `:50K:`/`:50A:` ←
 * debtor (account line from `DbtrAcct`, then name and address wrapped to 4 × 35); `:52A:`/`:52D:` ←
 * debtor agent; `:56A:`/`:56D:` ← first intermediary; `:57A:`/`:57D:` ← creditor agent; `:59:`/`:59A:` ←
 * creditor; `:70:` ← remittance (unstructured lines, then creditor references) wrapped to 4 × 35; `:71A:` ←
 * `chargeBearer` (DEBT→OUR, CRED→BEN, SHAR/SLEV→SHA). Cut or transliterated text is reported in `warnings`.
 *
 * @param payment - the payment
 * @param options - header addresses and codes
 * @returns the message and the warnings; pass `message` to {@link buildMt103}
 * @throws {@link Mt103Error} (`ISO20022_MT103_MISSING_FIELD`) when there is no `settlementDate`,
 *   `chargeBearer`, or no way to address blocks 1 and 2
 * @public
 */
export function paymentToMt103(
  payment: CanonicalPayment,
  options: PaymentToMt103Options = {},
): PaymentToMt103Result {
  const n = new Notes();
  const sender =
    options.senderLogicalTerminal ?? terminal(payment.instructingAgent?.bic ?? payment.debtorAgent.bic, 'A');
  const receiver =
    options.receiverAddress ?? terminal(payment.instructedAgent?.bic ?? payment.creditorAgent.bic, 'X');
  if (sender === undefined)
    n.errors.push({
      code: Codes.MISSING_FIELD,
      path: ['1'],
      message: 'no senderLogicalTerminal and no instructing/debtor agent BIC',
    });
  if (receiver === undefined)
    n.errors.push({
      code: Codes.MISSING_FIELD,
      path: ['2'],
      message: 'no receiverAddress and no instructed/creditor agent BIC',
    });
  if (payment.settlementDate === undefined)
    n.errors.push({
      code: Codes.MISSING_FIELD,
      path: ['settlementDate'],
      message: ':32A: needs a value date (settlementDate)',
    });
  if (payment.chargeBearer === undefined)
    n.errors.push({ code: Codes.MISSING_FIELD, path: ['chargeBearer'], message: ':71A: needs chargeBearer' });
  if (n.errors.length > 0) throw mt103Error('paymentToMt103', n.errors);

  let reference = payment.instructionId ?? payment.endToEndId;
  const x = toSwiftX(reference);
  reference = x.text.replace(/\/\/+/g, '/').replace(/^\/|\/$/g, '');
  if (reference.length > 16) {
    n.warnings.push({
      code: Codes.TRUNCATED,
      path: ['instructionId'],
      message: `:20: keeps 16 of ${reference.length} characters`,
    });
    reference = reference.slice(0, 16).replace(/\/$/, '');
  }
  if (reference === '') reference = 'NOTPROVIDED';
  const remittance = [
    ...(payment.remittanceInformation?.unstructured ?? []),
    ...(payment.remittanceInformation?.creditorReferences ?? []).map((r) => `/RFB/${r}`),
  ];
  const ordering = institutionOf(n, 'debtorAgent', payment.debtorAgent, true);
  const intermediary = institutionOf(n, 'intermediaryAgents', payment.intermediaryAgents?.[0], true);
  const accountWith = institutionOf(n, 'creditorAgent', payment.creditorAgent, true);
  if ((payment.intermediaryAgents?.length ?? 0) > 1)
    n.warnings.push({
      code: Codes.TRUNCATED,
      path: ['intermediaryAgents'],
      message: 'MT103 carries one intermediary (:56a:)',
    });
  const text: Mt103Text = {
    senderReference: reference,
    bankOperationCode: options.bankOperationCode ?? 'CRED',
    valueDate: payment.settlementDate!,
    settledAmount: payment.amount,
    ...(payment.instructedAmount !== undefined ? { instructedAmount: payment.instructedAmount } : {}),
    ...(payment.exchangeRate !== undefined ? { exchangeRate: payment.exchangeRate } : {}),
    orderingCustomer: customerOf(n, 'debtor', payment.debtor, '50'),
    ...(ordering !== undefined ? { orderingInstitution: ordering } : {}),
    ...(intermediary !== undefined ? { intermediaryInstitution: intermediary } : {}),
    ...(accountWith !== undefined ? { accountWithInstitution: accountWith } : {}),
    beneficiaryCustomer: customerOf(n, 'creditor', payment.creditor, '59'),
    ...(remittance.length > 0
      ? { remittanceInformation: n.lines(['remittanceInformation'], remittance, 4) }
      : {}),
    detailsOfCharges: CHARGES_TO_71A[payment.chargeBearer!],
  };
  const userHeader: MtTagValue[] = [{ tag: '121', value: payment.uetr }];
  const message: Mt103Message = {
    basicHeader: {
      applicationId: 'F',
      serviceId: '01',
      logicalTerminal: sender!,
      sessionNumber: options.sessionNumber ?? '0000',
      sequenceNumber: options.sequenceNumber ?? '000000',
    },
    applicationHeader: {
      direction: 'I',
      messageType: '103',
      receiverAddress: receiver!,
      priority: options.priority ?? 'N',
    },
    userHeader,
    text,
  };
  return { message, warnings: n.warnings };
}

/** Options of {@link mt103ToPayment}. @public */
export interface Mt103ToPaymentOptions {
  /** Random source for the UETR when block 3 has no `{121:}`; default: the platform CSPRNG. */
  readonly random?: RandomSource;
}

function bicOrNothing(value: string | undefined): { bic: string } | Record<string, never> {
  return value !== undefined && isValidBic(value) ? { bic: value } : {};
}

function agentOf(i: Mt103Institution | undefined): Agent | undefined {
  if (i === undefined) return undefined;
  if (i.option === 'A') return bicOrNothing(i.bic);
  if (i.option === 'D' && i.nameAndAddress !== undefined && i.nameAndAddress.length > 0)
    return { name: i.nameAndAddress.join(' ').slice(0, 140) };
  return {};
}

/** An MT account line: an IBAN when it is a valid one, any other identifier otherwise. */
function accountFrom(value: string | undefined): { account: Account } | Record<string, never> {
  if (value === undefined || value === '' || value.length > 34) return {};
  return { account: isValidIban(value) ? { iban: value } : { otherId: value } };
}

function partyOf(c: Mt103Customer): Party {
  const account = accountFrom(c.account);
  if (c.option === 'A') return { ...bicOrNothing(c.bic), ...account };
  const lines = c.lines ?? [];
  const [first, ...rest] = c.option === 'F' ? lines.map((l) => l.replace(/^\d\//, '')) : lines;
  return {
    ...(first !== undefined ? { name: first.slice(0, 140) } : {}),
    ...(rest.length > 0
      ? { postalAddress: { addressLines: rest.slice(0, 7).map((l) => l.slice(0, 70)) } }
      : {}),
    ...account,
  };
}

function bicOfTerminal(lt: string): string | undefined {
  const bic8 = lt.slice(0, 8);
  const branch = lt.slice(9, 12);
  const bic = branch === 'XXX' || branch === '' ? bic8 : bic8 + branch;
  return isValidBic(bic) ? bic : undefined;
}

/**
 * Maps an MT103 to a canonical payment (`source.type` `mt103`): `uetr` ← `{121:}` (assigned, with
 * `source.uetrAssigned`, when absent); `endToEndId`, `instructionId` and `messageId` ← `:20:`;
 * `amount`/`settlementDate` ← `:32A:`; `instructedAmount` ← `:33B:`; `exchangeRate` ← `:36:`; debtor ← `:50a:`
 * (first line the name, the rest address lines); `debtorAgent` ← `:52a:`, else the sender; `creditorAgent` ←
 * `:57a:`, else the receiver; `intermediaryAgents` ← `:56a:`; creditor ← `:59a:`; remittance ← `:70:`
 * lines; `chargeBearer` ← `:71A:`; `instructingAgent`/`instructedAgent` ← the sender and receiver BICs.
 * @public
 */
export function mt103ToPayment(message: Mt103Message, options: Mt103ToPaymentOptions = {}): CanonicalPayment {
  const t = message.text;
  const given = message.userHeader?.find((f) => f.tag === '121')?.value;
  const uetr = given !== undefined && isValidUetr(given) ? given : createUetr(options.random);
  const a = message.applicationHeader;
  const senderBic =
    a.direction === 'O'
      ? bicOfTerminal(a.messageInputReference.slice(6, 18))
      : bicOfTerminal(message.basicHeader.logicalTerminal);
  const receiverBic =
    a.direction === 'I'
      ? bicOfTerminal(a.receiverAddress)
      : bicOfTerminal(message.basicHeader.logicalTerminal);
  const debtorAgent = agentOf(t.orderingInstitution) ?? (senderBic !== undefined ? { bic: senderBic } : {});
  const creditorAgent =
    agentOf(t.accountWithInstitution) ?? (receiverBic !== undefined ? { bic: receiverBic } : {});
  const intermediary = agentOf(t.intermediaryInstitution);
  const chargeBearer = CHARGES_FROM_71A[t.detailsOfCharges];
  const reference = t.senderReference;
  return {
    uetr,
    endToEndId: reference,
    instructionId: reference,
    messageId: reference,
    source: { type: 'mt103', ...(given === undefined || !isValidUetr(given) ? { uetrAssigned: true } : {}) },
    amount: t.settledAmount,
    ...(t.instructedAmount !== undefined ? { instructedAmount: t.instructedAmount } : {}),
    ...(t.exchangeRate !== undefined ? { exchangeRate: t.exchangeRate } : {}),
    settlementDate: t.valueDate,
    ...(chargeBearer !== undefined ? { chargeBearer } : {}),
    debtor: partyOf(t.orderingCustomer),
    creditor: partyOf(t.beneficiaryCustomer),
    debtorAgent,
    creditorAgent,
    ...(senderBic !== undefined ? { instructingAgent: { bic: senderBic } } : {}),
    ...(receiverBic !== undefined ? { instructedAgent: { bic: receiverBic } } : {}),
    ...(intermediary !== undefined && Object.keys(intermediary).length > 0
      ? { intermediaryAgents: [intermediary] }
      : {}),
    ...(t.remittanceInformation !== undefined && t.remittanceInformation.length > 0
      ? { remittanceInformation: { unstructured: t.remittanceInformation } }
      : {}),
  };
}
