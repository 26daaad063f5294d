/**
 * fast-check arbitraries for the ISO 20022 and MT103 builders: canonical payments, status reports and
 * bank-to-customer reports that every builder can represent, and MT103 messages in the SWIFT X set.
 * Shared by tests and benchmarks (STYLE.md §6, §7.2). Every value is valid by construction: BICs and
 * IBANs with real countries and computed check digits, UUID v4 UETRs, LEIs with MOD 97-10 check digits,
 * real calendar dates.
 */
import type {
  Account,
  Agent,
  CanonicalPayment,
  Charge,
  ChargeBearer,
  CurrencyCode,
  InstructionPriority,
  Money,
  OtherIdentification,
  Party,
  PostalAddress,
  SettlementPriority,
  UnderlyingCustomerCreditTransfer,
} from 'deltran';
import { fromMinor } from 'deltran';
import type {
  AccountReport,
  BankToCustomerReport,
  Mt103Customer,
  Mt103Institution,
  Mt103Message,
  Pacs008Version,
  PaymentStatusReport,
  ReportEntry,
  TransactionStatus,
} from 'deltran/iso20022';
import fc from 'fast-check';
import { bic, iban, ibanCheckDigits, uetr } from './payment';

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined, freq: 2 });

/** `T` with every key whose value may be `undefined` made optional (and never `undefined`). */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops `undefined` values so objects satisfy `exactOptionalPropertyTypes` and deep-equal parsed ones. */
export function compact<T extends object>(value: T): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as Compact<T>;
}

// BMP only: the parser counts MaxNText lengths in UTF-16 units while XSD maxLength counts characters, so
// astral characters (emoji) near a limit would be built but refused on parse (reported to the parser half).
const WORD_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789&<>"\'-./éüßÆ中';

/** A text of at most `max` characters (code points), words separated by single spaces, no edge spaces. */
export function isoText(max: number): fc.Arbitrary<string> {
  const word = fc.string({ unit: fc.constantFrom(...Array.from(WORD_CHARS)), minLength: 1, maxLength: 12 });
  return fc
    .array(word, { minLength: 1, maxLength: 8 })
    .map((words) => Array.from(words.join(' ')).slice(0, max).join('').trim())
    .filter((s) => s.length > 0 && !s.endsWith(' '));
}

/** Identifier-like Max35Text (`[A-Za-z0-9-/]`), as ids look in practice. */
export const id35: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/'),
  minLength: 1,
  maxLength: 35,
});

const code4: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  minLength: 4,
  maxLength: 4,
});

/** Currencies with each exponent present (0, 2, 3, 4). */
export const currency: fc.Arbitrary<CurrencyCode> = fc.constantFrom<CurrencyCode>(
  'EUR',
  'USD',
  'JPY',
  'BHD',
  'GBP',
  'CHF',
  'CLF',
);

/** An amount of a currency, 0 to 10^15 minor units. */
export function moneyOf(c: CurrencyCode, max = 10n ** 15n): fc.Arbitrary<Money> {
  return fc.bigInt({ min: 1n, max }).map((minor) => fromMinor(minor, c));
}

/** Any amount in {@link currency}. */
export const moneyArb: fc.Arbitrary<Money> = currency.chain((c) => moneyOf(c));

/** A real calendar date YYYY-MM-DD between 2000 and 2079. */
export const isoDate: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 2000, max: 2079 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

/** A date-time with `Z`, an offset, or no zone, with or without fraction digits. */
export const isoDateTime: fc.Arbitrary<string> = fc
  .tuple(
    isoDate,
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
    fc.constantFrom('', '.123', '.5'),
    fc.constantFrom('Z', '+01:00', '-05:00', '+14:00', ''),
  )
  .map(
    ([d, h, mi, s, f, z]) =>
      `${d}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}${f}${z}`,
  );

const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');

/** A LEI (ISO 17442): 18 characters and MOD 97-10 check digits. */
export const lei: fc.Arbitrary<string> = fc.array(alnum, { minLength: 18, maxLength: 18 }).map((chars) => {
  const base = chars.join('');
  let remainder = 0;
  for (const ch of `${base}00`) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const d of value) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return base + String(98 - remainder).padStart(2, '0');
});

/** More IBANs, with letters in the BBAN (GB, NL). */
const ibanWithLetters: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(upper, { minLength: 4, maxLength: 4 }),
    fc.array(fc.constantFrom(...'0123456789'), { minLength: 14, maxLength: 14 }),
  )
  .map(([bank, digits]) => {
    const bban = bank.join('') + digits.join('');
    return `GB${ibanCheckDigits('GB', bban)}${bban}`;
  });
export const anyIban: fc.Arbitrary<string> = fc.oneof(iban, ibanWithLetters);

const country = fc.constantFrom('DE', 'FR', 'GB', 'US', 'JP', 'CH', 'AE', 'SG', 'BR', 'ZA');

export const postalAddress: fc.Arbitrary<PostalAddress> = fc
  .record(
    {
      streetName: isoText(70),
      buildingNumber: fc.string({ unit: alnum, minLength: 1, maxLength: 16 }),
      postCode: fc.string({ unit: alnum, minLength: 1, maxLength: 16 }),
      townName: isoText(35),
      country,
      addressLines: fc.array(isoText(70), { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .filter((a) => Object.keys(a).length > 0);

export const account: fc.Arbitrary<Account> = fc.oneof(
  fc.record({ iban: anyIban, currency: opt(currency), name: opt(isoText(70)) }).map(compact),
  fc
    .record({
      otherId: fc.string({ unit: alnum, minLength: 1, maxLength: 34 }),
      otherScheme: opt(fc.oneof(code4, id35)),
      currency: opt(currency),
    })
    .map(compact),
);

/** An `Othr` party identifier: `Id`, `SchmeNm/Cd|Prtry`, `Issr`. */
const otherIdentification: fc.Arbitrary<OtherIdentification> = fc
  .record({ id: id35, scheme: opt(fc.oneof(code4, id35)), issuer: opt(id35) })
  .map(compact);

/**
 * Compacts a generated party and, as the parser does, gives it `otherIds`: the ids of its
 * `otherIdentifications`, in order (the parser sets both or neither).
 */
function withOtherIds<
  T extends { readonly otherIdentifications?: readonly OtherIdentification[] | undefined },
>(r: T): Party {
  const p = compact(r) as Party;
  const others = p.otherIdentifications;
  return others === undefined ? p : { ...p, otherIds: others.map((o) => o.id) };
}

/** A debtor or creditor (PartyIdentification135/272) with its account. */
export const party: fc.Arbitrary<Party> = fc
  .record({
    name: opt(isoText(140)),
    postalAddress: opt(postalAddress),
    account: opt(account),
    bic: opt(bic),
    lei: opt(lei),
    otherIdentifications: opt(fc.array(otherIdentification, { minLength: 1, maxLength: 2 })),
    countryOfResidence: opt(country),
  })
  .map(withOtherIds);

/** A party without an account (ultimate parties have none in pacs.008). */
export const partyWithoutAccount: fc.Arbitrary<Party> = party.map(({ account: _a, ...rest }) => rest);

export const agent: fc.Arbitrary<Agent> = fc
  .record({
    bic: opt(bic),
    member: opt(
      fc.tuple(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 35 }),
        opt(fc.oneof(fc.constantFrom('USABA', 'DEBLZ', 'GBDSC'), id35)),
      ),
    ),
    lei: opt(lei),
    name: opt(isoText(140)),
    country: opt(country),
  })
  .map(({ member, ...rest }) =>
    compact({
      ...rest,
      ...(member !== undefined
        ? { clearingMemberId: member[0], ...(member[1] !== undefined ? { clearingSystem: member[1] } : {}) }
        : {}),
    }),
  )
  .filter((a) => Object.keys(a).length > 0);

/** A financial institution as a party (pacs.009 debtor/creditor): bic, lei, name, address, account. */
export const institutionParty: fc.Arbitrary<Party> = fc
  .record({
    bic: opt(bic),
    lei: opt(lei),
    name: opt(isoText(140)),
    postalAddress: opt(postalAddress),
    account: opt(account),
    // pacs.009 carries one other identifier per institution: its clearing member id, with the clearing
    // system as its scheme (`ClrSysMmbId/ClrSysId`); no issuer.
    otherIdentifications: opt(
      fc
        .record({ id: id35, scheme: opt(fc.oneof(fc.constantFrom('USABA', 'CHAPS'), id35)) })
        .map((o) => [compact(o) as OtherIdentification]),
    ),
  })
  .map(withOtherIds);

const chargeBearer = fc.constantFrom<ChargeBearer>('DEBT', 'CRED', 'SHAR', 'SLEV');
const settlementPriority = fc.constantFrom<SettlementPriority>('URGT', 'HIGH', 'NORM');
const instructionPriority = fc.constantFrom<InstructionPriority>('HIGH', 'NORM');
const serviceLevel = fc.array(fc.oneof(code4, id35), { minLength: 1, maxLength: 2 });
const localInstrument = fc.oneof(code4, id35);
const instructionLines = fc.array(isoText(140), { minLength: 1, maxLength: 2 });
const agents3 = fc.array(agent, { minLength: 1, maxLength: 3 });
/** `ChrgsInf`: an amount and the agent that took it (`Agt` is mandatory). */
const charges: fc.Arbitrary<Charge[]> = fc.array(fc.record({ amount: moneyArb, agent }), {
  minLength: 1,
  maxLength: 2,
});
const exchangeRate = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 99_999_999 }))
  .map(([i, f]) => `${i}.${String(f).padStart(8, '0')}`);
const remittance = fc
  .record({
    unstructured: opt(fc.array(isoText(140), { minLength: 1, maxLength: 2 })),
    creditorReferences: opt(fc.array(id35, { minLength: 1, maxLength: 2 })),
  })
  .map(compact)
  .filter((r) => Object.keys(r).length > 0);

interface Envelope {
  readonly messageId: string;
  readonly creationDateTime: string;
}

/** A builder-level header: `MsgId` and `CreDtTm`. */
export const header: fc.Arbitrary<Envelope> = fc.record({ messageId: id35, creationDateTime: isoDateTime });

/** Unique UETRs and EndToEndIds for `n` payments (the parser refuses duplicates). */
function uniqueIds(n: number): fc.Arbitrary<{ uetr: string; endToEndId: string }[]> {
  return fc
    .tuple(
      fc.uniqueArray(uetr, { minLength: n, maxLength: n }),
      fc.uniqueArray(
        id35.filter((s) => s !== 'NOTPROVIDED'),
        { minLength: n, maxLength: n },
      ),
    )
    .map(([u, e]) => u.map((x, i) => ({ uetr: x, endToEndId: e[i]! })));
}

/** One pacs.008 payment as the parser gives it back (source, messageId and CreDtTm from `h`). */
function pacs008Payment(
  h: Envelope,
  version: string,
  ids: { uetr: string; endToEndId: string },
): fc.Arbitrary<CanonicalPayment> {
  return fc
    .record({
      instructionId: opt(id35),
      transactionId: opt(id35),
      amount: moneyArb,
      instructedAmount: opt(moneyArb),
      exchangeRate: opt(exchangeRate),
      settlementDate: opt(isoDate),
      chargeBearer,
      debtor: party,
      creditor: party,
      ultimateDebtor: opt(partyWithoutAccount),
      ultimateCreditor: opt(partyWithoutAccount),
      debtorAgent: agent,
      creditorAgent: agent,
      instructingAgent: opt(agent),
      instructedAgent: opt(agent),
      intermediaryAgents: opt(fc.array(agent, { minLength: 1, maxLength: 3 })),
      remittanceInformation: opt(remittance),
      purpose: opt(fc.oneof(code4, id35)),
      categoryPurpose: opt(fc.oneof(code4, id35)),
      settlementPriority: opt(settlementPriority),
      charges: opt(charges),
      previousInstructingAgents: opt(agents3),
      instructionsForCreditorAgent: opt(instructionLines),
      instructionsForNextAgent: opt(instructionLines),
      serviceLevel: opt(serviceLevel),
      localInstrument: opt(localInstrument),
      instructionPriority: opt(instructionPriority),
    })
    .map(
      (r): CanonicalPayment =>
        compact({
          ...ids,
          messageId: h.messageId,
          creationDateTime: h.creationDateTime,
          source: { type: 'pacs.008', version },
          ...r,
        }) as CanonicalPayment,
    );
}

/** A pacs.008 message's input: header and 1–4 payments. */
export function pacs008Input(version: Pacs008Version = 'pacs.008.001.08') {
  return fc
    .tuple(header, fc.integer({ min: 1, max: 4 }))
    .chain(([h, n]) =>
      uniqueIds(n).chain((ids) =>
        fc
          .tuple(...ids.map((i) => pacs008Payment(h, version, i)))
          .map((payments) => ({ header: h, payments })),
      ),
    );
}

/** `UndrlygCstmrCdtTrf` of a pacs.009 COV: customer parties, their agents, remittance, amount. */
const underlyingCustomerCreditTransfer: fc.Arbitrary<UnderlyingCustomerCreditTransfer> = fc
  .record({
    debtor: party,
    creditor: party,
    debtorAgent: fc.oneof(agent, fc.constant({})),
    creditorAgent: fc.oneof(agent, fc.constant({})),
    ultimateDebtor: opt(partyWithoutAccount),
    ultimateCreditor: opt(partyWithoutAccount),
    intermediaryAgents: opt(agents3),
    remittanceInformation: opt(remittance),
    instructedAmount: opt(moneyArb),
  })
  .map((r) => compact(r) as UnderlyingCustomerCreditTransfer);

/** A pacs.009 message's input (bank-to-bank: institutions as debtor and creditor). */
export function pacs009Input() {
  return fc.tuple(header, fc.integer({ min: 1, max: 4 })).chain(([h, n]) =>
    uniqueIds(n).chain((ids) =>
      fc
        .tuple(
          ...ids.map((i) =>
            fc
              .record({
                instructionId: opt(id35),
                transactionId: opt(id35),
                amount: moneyArb,
                settlementDate: opt(isoDate),
                debtor: institutionParty,
                creditor: institutionParty,
                debtorAgent: fc.oneof(agent, fc.constant({})),
                creditorAgent: fc.oneof(agent, fc.constant({})),
                instructingAgent: opt(agent),
                instructedAgent: opt(agent),
                intermediaryAgents: opt(fc.array(agent, { minLength: 1, maxLength: 3 })),
                remittanceInformation: opt(
                  fc
                    .array(isoText(140), { minLength: 1, maxLength: 2 })
                    .map((unstructured) => ({ unstructured })),
                ),
                purpose: opt(fc.oneof(code4, id35)),
                categoryPurpose: opt(code4),
                settlementPriority: opt(settlementPriority),
                previousInstructingAgents: opt(agents3),
                instructionsForCreditorAgent: opt(instructionLines),
                instructionsForNextAgent: opt(instructionLines),
                underlyingCustomerCreditTransfer: opt(underlyingCustomerCreditTransfer),
                serviceLevel: opt(serviceLevel),
                localInstrument: opt(localInstrument),
                instructionPriority: opt(instructionPriority),
              })
              .map(
                (r): CanonicalPayment =>
                  compact({
                    ...i,
                    messageId: h.messageId,
                    creationDateTime: h.creationDateTime,
                    source: { type: 'pacs.009', version: 'pacs.009.001.08' },
                    ...r,
                  }) as CanonicalPayment,
              ),
          ),
        )
        .map((payments) => ({ header: h, payments })),
    ),
  );
}

/** A pain.001 input: 1–3 payment blocks of 1–3 payments, each block with its own PmtInfId and debtor. */
export function pain001Input() {
  const block = fc.record({
    paymentInformationId: id35,
    debtor: party.map((p) => ({ ...p, account: p.account ?? { iban: 'DE89370400440532013000' } })),
    debtorAgent: agent,
    requestedExecutionDate: isoDate,
    size: fc.integer({ min: 1, max: 3 }),
  });
  return fc
    .tuple(
      header,
      fc.uniqueArray(block, { minLength: 1, maxLength: 3, selector: (b) => b.paymentInformationId }),
    )
    .chain(([h, blocks]) => {
      const total = blocks.reduce((n, b) => n + b.size, 0);
      return uniqueIds(total).chain((ids) => {
        let k = 0;
        const arbs: fc.Arbitrary<CanonicalPayment>[] = [];
        for (const b of blocks) {
          for (let i = 0; i < b.size; i++) {
            const ident = ids[k++]!;
            arbs.push(
              fc
                .record({
                  instructionId: opt(id35),
                  amount: moneyArb,
                  exchangeRate: opt(exchangeRate),
                  chargeBearer: opt(chargeBearer),
                  creditor: party,
                  ultimateDebtor: opt(partyWithoutAccount),
                  ultimateCreditor: opt(partyWithoutAccount),
                  creditorAgent: agent,
                  intermediaryAgents: opt(fc.array(agent, { minLength: 1, maxLength: 3 })),
                  remittanceInformation: opt(remittance),
                  purpose: opt(code4),
                  categoryPurpose: opt(code4),
                  instructionsForCreditorAgent: opt(instructionLines),
                  serviceLevel: opt(serviceLevel),
                  localInstrument: opt(localInstrument),
                  instructionPriority: opt(instructionPriority),
                })
                .map(
                  (r): CanonicalPayment =>
                    compact({
                      ...ident,
                      messageId: h.messageId,
                      creationDateTime: h.creationDateTime,
                      paymentInformationId: b.paymentInformationId,
                      requestedExecutionDate: b.requestedExecutionDate,
                      source: { type: 'pain.001', version: 'pain.001.001.09' },
                      debtor: b.debtor,
                      debtorAgent: b.debtorAgent,
                      ...r,
                    }) as CanonicalPayment,
                ),
            );
          }
        }
        return fc.tuple(...arbs).map((payments) => ({ header: h, payments }));
      });
    });
}

const reason = fc
  .record({
    code: opt(code4),
    additionalInformation: opt(fc.array(isoText(105), { minLength: 1, maxLength: 2 })),
  })
  .map(compact);

const transactionStatus: fc.Arbitrary<TransactionStatus> = fc
  .record({
    statusId: opt(id35),
    original: opt(
      fc.record({
        originalMessageId: id35,
        originalMessageNameId: fc.constantFrom('pacs.008.001.08', 'pacs.009.001.08'),
        originalCreationDateTime: opt(isoDateTime),
      }),
    ),
    originalInstructionId: opt(id35),
    originalEndToEndId: opt(id35),
    originalTransactionId: opt(id35),
    originalUetr: opt(uetr),
    status: opt(fc.constantFrom('ACSC', 'ACCP', 'RJCT', 'PDNG', 'ACSP')),
    reasons: opt(fc.array(reason, { minLength: 1, maxLength: 2 })),
    acceptanceDateTime: opt(isoDateTime),
    effectiveSettlementDate: opt(isoDate),
    accountServicerReference: opt(id35),
    clearingSystemReference: opt(id35),
    instructingAgent: opt(agent),
    instructedAgent: opt(agent),
    originalSettlementAmount: opt(moneyArb),
  })
  .map(({ original, ...rest }) => compact({ ...(original !== undefined ? compact(original) : {}), ...rest }));

/** A pacs.002 report. */
export const paymentStatusReport: fc.Arbitrary<PaymentStatusReport> = fc
  .record({
    messageId: id35,
    creationDateTime: isoDateTime,
    instructingAgent: opt(agent),
    instructedAgent: opt(agent),
    originalGroups: opt(
      fc.array(
        fc
          .record({
            originalMessageId: id35,
            originalMessageNameId: fc.constantFrom('pacs.008.001.08', 'pacs.009.001.08'),
            originalCreationDateTime: opt(isoDateTime),
            originalNumberOfTransactions: opt(fc.integer({ min: 1, max: 9999 }).map(String)),
            groupStatus: opt(fc.constantFrom('ACCP', 'RJCT', 'PART')),
            reasons: opt(fc.array(reason, { minLength: 1, maxLength: 2 })),
          })
          .map(compact),
        { minLength: 1, maxLength: 2 },
      ),
    ),
    transactions: fc.array(transactionStatus, { minLength: 0, maxLength: 3 }),
  })
  .map(compact);

const dateOrDateTime = fc.oneof(
  isoDate,
  isoDateTime.filter((s) => s.length > 10),
);

const entry: fc.Arbitrary<ReportEntry> = fc
  .record({
    entryReference: opt(id35),
    amount: moneyArb,
    creditDebit: fc.constantFrom('CRDT' as const, 'DBIT' as const),
    reversal: opt(fc.boolean()),
    status: fc.constantFrom('BOOK', 'PDNG', 'INFO'),
    bookingDate: opt(dateOrDateTime),
    valueDate: opt(dateOrDateTime),
    accountServicerReference: opt(id35),
    bankTransactionCode: opt(
      fc.oneof(
        fc.record({
          domain: fc.constant('PMNT'),
          family: fc.constantFrom('RCDT', 'ICDT'),
          subFamily: fc.constantFrom('XBCT', 'ESCT'),
        }),
        fc.record({ proprietary: id35, proprietaryIssuer: opt(id35) }).map(compact),
      ),
    ),
    transactions: opt(
      fc.array(
        fc
          .record({
            messageId: opt(id35),
            accountServicerReference: opt(id35),
            instructionId: opt(id35),
            endToEndId: opt(id35),
            uetr: opt(uetr),
            transactionId: opt(id35),
            amount: opt(moneyArb),
            creditDebit: opt(fc.constantFrom('CRDT' as const, 'DBIT' as const)),
            debtor: opt(party),
            creditor: opt(party),
            remittanceInformation: opt(fc.array(isoText(140), { minLength: 1, maxLength: 2 })),
            settlementDate: opt(isoDate),
            additionalInformation: opt(isoText(500)),
          })
          .map(compact)
          .filter((t) => Object.keys(t).length > 0),
        { minLength: 1, maxLength: 2 },
      ),
    ),
    additionalInformation: opt(isoText(500)),
  })
  .map(compact);

function accountReport(withBalances: boolean): fc.Arbitrary<AccountReport> {
  return fc
    .record({
      id: id35,
      electronicSequenceNumber: opt(fc.integer({ min: 1, max: 99999 }).map(String)),
      legalSequenceNumber: opt(fc.integer({ min: 1, max: 99999 }).map(String)),
      creationDateTime: opt(isoDateTime),
      period: opt(fc.tuple(isoDateTime, isoDateTime)),
      account,
      accountOwner: opt(partyWithoutAccount),
      servicer: opt(agent),
      balances: withBalances
        ? fc
            .array(
              fc.record({
                type: fc.constantFrom('OPBD', 'CLBD', 'ITBD', 'CLAV'),
                amount: moneyArb,
                creditDebit: fc.constantFrom('CRDT' as const, 'DBIT' as const),
                date: dateOrDateTime,
              }),
              { minLength: 1, maxLength: 3 },
            )
            .map((b) => b as AccountReport['balances'])
        : fc.constant(undefined),
      entries: opt(fc.array(entry, { minLength: 1, maxLength: 3 })),
      additionalInformation: opt(isoText(500)),
    })
    .map(({ period, ...rest }) =>
      compact({
        ...rest,
        ...(period !== undefined ? { fromDateTime: period[0], toDateTime: period[1] } : {}),
      }),
    );
}

/** A camt.053 (`withBalances`) or camt.054 report. */
export function bankToCustomerReport(withBalances: boolean): fc.Arbitrary<BankToCustomerReport> {
  return fc.record({
    messageId: id35,
    creationDateTime: isoDateTime,
    reports: fc.array(accountReport(withBalances), { minLength: 1, maxLength: 2 }),
  });
}

// --- MT103 --------------------------------------------------------------------------------------

const xChar = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-?:().,'+ ");
/** A line in the SWIFT X set, 1–35 characters, not starting with `:`, `-` or `/`, no edge spaces. */
export const xLine: fc.Arbitrary<string> = fc
  .string({ unit: xChar, minLength: 1, maxLength: 35 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && !/^[:\-/]/.test(s));
const xLines = (max: number) => fc.array(xLine, { minLength: 1, maxLength: max });
const mtBic = bic;
const account34 = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
  minLength: 1,
  maxLength: 34,
});
const partyId = fc.oneof(
  account34.map((a) => `/${a}`),
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 }).map((a) => `//CH${a}`),
);
/** 12-character logical terminal / address. */
const terminal = (letter: string) =>
  fc
    .tuple(mtBic, fc.constantFrom('XXX', 'ABC'))
    .map(([b, br]) => `${b.slice(0, 8)}${letter}${b.length === 11 ? b.slice(8) : br}`);

function institutionArb(options: string): fc.Arbitrary<Mt103Institution> {
  const variants: fc.Arbitrary<Mt103Institution>[] = [];
  if (options.includes('A'))
    variants.push(
      fc
        .record({ option: fc.constant('A' as const), partyIdentifier: opt(partyId), bic: mtBic })
        .map(compact),
    );
  if (options.includes('B'))
    variants.push(
      fc
        .record({ option: fc.constant('B' as const), partyIdentifier: partyId, location: opt(xLine) })
        .map(compact),
    );
  if (options.includes('C'))
    variants.push(fc.record({ option: fc.constant('C' as const), partyIdentifier: partyId }));
  if (options.includes('D'))
    variants.push(
      fc
        .record({
          option: fc.constant('D' as const),
          partyIdentifier: opt(partyId),
          nameAndAddress: xLines(4),
        })
        .map(compact),
    );
  return fc.oneof(...variants);
}

const numberedLines = fc.array(
  fc.tuple(fc.integer({ min: 1, max: 8 }), xLine).map(([n, l]) => `${n}/${l}`.slice(0, 35).trimEnd()),
  { minLength: 1, maxLength: 4 },
);
const orderingCustomer: fc.Arbitrary<Mt103Customer> = fc.oneof(
  fc.record({ option: fc.constant('A' as const), account: opt(account34), bic: mtBic }).map(compact),
  fc.record({ option: fc.constant('K' as const), account: opt(account34), lines: xLines(4) }).map(compact),
  fc.record({ option: fc.constant('F' as const), account: account34, lines: numberedLines }),
  fc.record({
    option: fc.constant('F' as const),
    partyIdentifier: fc.constantFrom('DRLC/BE/BRUSSELS/NUMBERPLATE', 'CUST/DE/ABC/1234'),
    lines: fc.array(
      fc.tuple(fc.integer({ min: 1, max: 8 }), xLine).map(([n, l]) => `${n}/${l}`.slice(0, 35)),
      { minLength: 1, maxLength: 4 },
    ),
  }),
);
const beneficiary: fc.Arbitrary<Mt103Customer> = fc.oneof(
  fc.record({ option: fc.constant('' as const), account: opt(account34), lines: xLines(4) }).map(compact),
  fc
    .record({ option: fc.constant('F' as const), account: opt(account34), lines: numberedLines })
    .map(compact),
  fc.record({ option: fc.constant('A' as const), account: opt(account34), bic: mtBic }).map(compact),
);
const mtCurrency = fc.constantFrom<CurrencyCode>('EUR', 'USD', 'JPY', 'GBP', 'BHD');
const mtMoney = mtCurrency.chain((c) => moneyOf(c, 10n ** 13n));

/** An MT103 that {@link buildMt103} writes without warnings and {@link parseMt103} reads back as it is. */
export const mt103Message: fc.Arbitrary<Mt103Message> = fc
  .record({
    sender: terminal('A'),
    input: fc.boolean(),
    receiver: terminal('X'),
    uetr: opt(uetr),
    senderReference: fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-'),
      minLength: 1,
      maxLength: 16,
    }),
    bankOperationCode: fc.constantFrom('CRED', 'SPAY', 'SSTD'),
    instructionCodes: opt(
      fc.array(fc.constantFrom('SDVA', 'INTC', 'CORT', 'PHOB/+441234'), { minLength: 1, maxLength: 2 }),
    ),
    valueDate: isoDate,
    settledAmount: mtMoney,
    instructedAmount: opt(mtMoney),
    exchangeRate: opt(
      fc
        .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 99999 }))
        .map(([i, f]) => `${i}.${f}`),
    ),
    orderingCustomer,
    orderingInstitution: opt(institutionArb('AD')),
    sendersCorrespondent: opt(institutionArb('ABD')),
    receiversCorrespondent: opt(institutionArb('ABD')),
    intermediaryInstitution: opt(institutionArb('ACD')),
    accountWithInstitution: opt(institutionArb('ABCD')),
    beneficiaryCustomer: beneficiary,
    remittanceInformation: opt(xLines(4)),
    detailsOfCharges: fc.constantFrom('OUR', 'SHA', 'BEN'),
    sendersCharges: opt(fc.array(mtMoney, { minLength: 1, maxLength: 2 })),
    receiversCharges: opt(mtMoney),
    senderToReceiverInformation: opt(xLines(6)),
    regulatoryReporting: opt(xLines(3)),
  })
  .map(
    ({ sender, input, receiver, uetr: u, ...text }): Mt103Message => ({
      basicHeader: {
        applicationId: 'F',
        serviceId: '01',
        logicalTerminal: sender,
        sessionNumber: '1234',
        sequenceNumber: '567890',
      },
      applicationHeader: input
        ? { direction: 'I', messageType: '103', receiverAddress: receiver, priority: 'N' }
        : {
            direction: 'O',
            messageType: '103',
            inputTime: '1200',
            messageInputReference: `250101${receiver}1234567890`,
            outputDate: '250101',
            outputTime: '1201',
            priority: 'N',
          },
      ...(u !== undefined ? { userHeader: [{ tag: '121', value: u }] } : {}),
      text: compact(text) as Mt103Message['text'],
    }),
  );
