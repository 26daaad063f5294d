/**
 * As it was before stop 13 (commit 3bc8694), kept as the reference the faster code is compared with
 * (reference.internal.test.ts). Not used by the library.
 */
import {
  bicCountry,
  type CanonicalPayment,
  compare,
  formatMoney,
  isCountryCode,
  isValidBic,
  type Money,
} from 'deltran';
import { ibanCountryOf } from '../../../../src/compliance/_internal/payment-countries';
import {
  ComplianceConfigError,
  ComplianceErrorCodes,
  ComplianceReasonCodes,
} from '../../../../src/compliance/errors';
import type {
  AmlEvaluateOptions,
  AmlEvent,
  AmlResult,
  AmlRules,
  AmlRulesConfig,
  AmlStateStore,
  Decision,
  Reason,
} from '../../../../src/compliance/types';
import { worst } from './decision';

function configError(path: (string | number)[], message: string): ComplianceConfigError {
  return new ComplianceConfigError(
    ComplianceErrorCodes.INVALID_CONFIG,
    `[deltran] createAmlRules: ${message}`,
    { path },
  );
}

function byCurrency(amounts: readonly Money[] | undefined, path: string[]): ReadonlyMap<string, Money> {
  const map = new Map<string, Money>();
  (amounts ?? []).forEach((m, i) => {
    if (m.minor <= 0n) throw configError([...path, i], `${path.join('.')}[${i}] must be positive`);
    if (map.has(m.currency))
      throw configError([...path, i], `${path.join('.')} has two amounts in ${m.currency}`);
    map.set(m.currency, m);
  });
  return map;
}

function checkWindow(value: number, path: string[]): void {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw configError(path, `${path.join('.')} must be a positive integer (ms)`);
}

/**
 * The key that groups a debtor's payments for structuring and velocity: the debtor account
 * (IBAN, else other account id), else the debtor's name at its agent.
 * @public
 */
export function debtorKey(payment: CanonicalPayment): string {
  const account = payment.debtor.account;
  if (account?.iban !== undefined) return `IBAN:${account.iban}`;
  if (account?.otherId !== undefined) return `ACCT:${payment.debtorAgent.bic ?? ''}:${account.otherId}`;
  return `NAME:${payment.debtorAgent.bic ?? payment.debtorAgent.clearingMemberId ?? ''}:${(payment.debtor.name ?? '').toUpperCase()}`;
}

/**
 * An in-memory {@link AmlStateStore} (one per host instance; nothing is global). Fine for tests
 * and single-process hosts; use a database-backed store when several processes check payments.
 * @returns a store that keeps every event it is given
 * @public
 */
export function createMemoryAmlStore(): AmlStateStore {
  const byDebtor = new Map<string, AmlEvent[]>();
  const seen = new Set<string>();
  return {
    record(event) {
      if (seen.has(event.uetr)) return;
      seen.add(event.uetr);
      const list = byDebtor.get(event.debtorKey);
      if (list === undefined) byDebtor.set(event.debtorKey, [event]);
      else list.push(event);
    },
    eventsSince(key, sinceMs) {
      return (byDebtor.get(key) ?? []).filter((e) => e.atMs > sinceMs);
    },
  };
}

/**
 * Builds the AML rules from a configuration. Each rule is off unless configured.
 *
 * Boundaries (each rule fires exactly there):
 * - amount threshold: `amount ≥ threshold` of the payment's currency;
 * - structuring: `threshold × (10000 − marginBasisPoints) / 10000 ≤ amount < threshold`, counted
 *   over the window `(atMs − windowMs, atMs]`, this payment included, fires at `count ≥ minCount`;
 * - velocity: over the same kind of window, fires at `count > countMax` or `sum > sumMax`;
 * - high-risk: any country of the debtor, creditor, ultimate parties (address, residence, IBAN)
 *   or agents (BIC country, else agent country) in the list;
 * - travel rule: only cross-border payments (agent countries differ, BIC country else IBAN
 *   country), FATF R.16 fields: debtor name, account and (address with country, or an
 *   identifier: LEI, BIC, other id); creditor name and account.
 *
 * @param config - the rules to run
 * @returns rules to evaluate payments with
 * @throws {@link ComplianceConfigError} (`COMPLIANCE_INVALID_CONFIG`) for a non-positive amount or
 *   window, two amounts in one currency, a margin outside 1–9999 basis points, or an unknown country
 * @example
 * ```ts
 * const aml = createAmlRules({
 *   amountThresholds: [money('10000.00', 'USD')],
 *   structuring: { windowMs: 24 * 3600_000, minCount: 3 },
 *   velocity: { windowMs: 3600_000, countMax: 20 },
 *   highRiskCountries: { countries: ['KP', 'IR', 'MM'], decision: 'REJECT' },
 *   travelRule: {},
 * });
 * const result = await aml.evaluate(payment, { atMs: Date.parse(payment.creationDateTime!), store });
 * ```
 * @public
 */
export function createAmlRules(config: AmlRulesConfig): AmlRules {
  const thresholds = byCurrency(config.amountThresholds, ['amountThresholds']);
  const structuring = config.structuring;
  const structuringThresholds =
    structuring === undefined
      ? new Map<string, Money>()
      : structuring.thresholds === undefined
        ? thresholds
        : byCurrency(structuring.thresholds, ['structuring', 'thresholds']);
  const margin = structuring?.marginBasisPoints ?? 1000;
  const minCount = structuring?.minCount ?? 3;
  if (structuring !== undefined) {
    checkWindow(structuring.windowMs, ['structuring', 'windowMs']);
    if (!Number.isInteger(margin) || margin < 1 || margin > 9999) {
      throw configError(
        ['structuring', 'marginBasisPoints'],
        'structuring.marginBasisPoints must be an integer in 1..9999',
      );
    }
    if (!Number.isInteger(minCount) || minCount < 2) {
      throw configError(['structuring', 'minCount'], 'structuring.minCount must be an integer ≥ 2');
    }
    if (structuringThresholds.size === 0) {
      throw configError(
        ['structuring', 'thresholds'],
        'structuring needs thresholds (its own or amountThresholds)',
      );
    }
  }
  const velocity = config.velocity;
  const sumMax = byCurrency(velocity?.sumMax, ['velocity', 'sumMax']);
  if (velocity !== undefined) {
    checkWindow(velocity.windowMs, ['velocity', 'windowMs']);
    if (velocity.countMax !== undefined && (!Number.isInteger(velocity.countMax) || velocity.countMax < 0)) {
      throw configError(['velocity', 'countMax'], 'velocity.countMax must be a non-negative integer');
    }
  }
  const highRisk = new Set<string>();
  (config.highRiskCountries?.countries ?? []).forEach((c, i) => {
    if (!isCountryCode(c))
      throw configError(['highRiskCountries', 'countries', i], `"${c}" is not an ISO 3166-1 code`);
    highRisk.add(c);
  });
  const stateful = structuring !== undefined || velocity !== undefined;

  const evaluate = async (payment: CanonicalPayment, options: AmlEvaluateOptions): Promise<AmlResult> => {
    const reasons: Reason[] = [];
    const amount = payment.amount;
    const threshold = thresholds.get(amount.currency);
    if (threshold !== undefined && compare(amount, threshold) >= 0) {
      reasons.push({
        code: ComplianceReasonCodes.AML_AMOUNT_THRESHOLD,
        decision: 'REVIEW',
        message: `amount ${show(amount)} is at or above the ${show(threshold)} threshold`,
        path: ['amount'],
      });
    }
    if (highRisk.size > 0) {
      for (const { country, path } of paymentCountries(payment, highRisk)) {
        reasons.push({
          code: ComplianceReasonCodes.AML_HIGH_RISK_COUNTRY,
          decision: config.highRiskCountries?.decision ?? 'REVIEW',
          message: `${path.join('.')} is in ${country}, a high-risk jurisdiction`,
          path,
        });
      }
    }
    if (config.travelRule !== undefined)
      reasons.push(...travelRule(payment, config.travelRule.decision ?? 'REVIEW'));
    if (stateful) {
      const store = options.store;
      if (store === undefined) {
        throw new ComplianceConfigError(
          ComplianceErrorCodes.MISSING_STORE,
          '[deltran] AmlRules.evaluate: structuring and velocity need options.store',
          { path: ['store'] },
        );
      }
      const key = debtorKey(payment);
      const windowMs = Math.max(structuring?.windowMs ?? 0, velocity?.windowMs ?? 0);
      const history = (await store.eventsSince(key, options.atMs - windowMs)).filter(
        (e) => e.uetr !== payment.uetr && e.atMs <= options.atMs,
      );
      const current: AmlEvent = { uetr: payment.uetr, debtorKey: key, atMs: options.atMs, amount };
      const events = [...history, current];
      if (structuring !== undefined) {
        const limit = structuringThresholds.get(amount.currency);
        if (limit !== undefined && isJustUnder(amount, limit, margin)) {
          const count = events.filter(
            (e) =>
              e.atMs > options.atMs - structuring.windowMs &&
              e.amount.currency === amount.currency &&
              isJustUnder(e.amount, limit, margin),
          ).length;
          if (count >= minCount) {
            reasons.push({
              code: ComplianceReasonCodes.AML_STRUCTURING,
              decision: 'REVIEW',
              message: `${count} payments of this debtor just under ${show(limit)} within ${structuring.windowMs} ms`,
              path: ['debtor'],
            });
          }
        }
      }
      if (velocity !== undefined) {
        const inWindow = events.filter((e) => e.atMs > options.atMs - velocity.windowMs);
        if (velocity.countMax !== undefined && inWindow.length > velocity.countMax) {
          reasons.push({
            code: ComplianceReasonCodes.AML_VELOCITY_COUNT,
            decision: 'REVIEW',
            message: `${inWindow.length} payments of this debtor within ${velocity.windowMs} ms (at most ${velocity.countMax})`,
            path: ['debtor'],
          });
        }
        const max = sumMax.get(amount.currency);
        if (max !== undefined) {
          let total = 0n;
          for (const e of inWindow) if (e.amount.currency === amount.currency) total += e.amount.minor;
          if (total > max.minor) {
            reasons.push({
              code: ComplianceReasonCodes.AML_VELOCITY_SUM,
              decision: 'REVIEW',
              message: `payments of this debtor within ${velocity.windowMs} ms total more than ${show(max)}`,
              path: ['debtor'],
            });
          }
        }
      }
      if (options.record ?? true) await store.record(current);
    }
    let decision: Decision = 'ALLOW';
    for (const r of reasons) decision = worst(decision, r.decision);
    return { decision, reasons };
  };
  return { config, evaluate };
}

/** `threshold × (1 − margin) ≤ amount < threshold`, exactly, in minor units. */
function isJustUnder(amount: Money, threshold: Money, marginBasisPoints: number): boolean {
  if (amount.minor >= threshold.minor) return false;
  // amount ≥ threshold × (10000 − margin) / 10000  ⇔  amount × 10000 ≥ threshold × (10000 − margin)
  return amount.minor * 10_000n >= threshold.minor * BigInt(10_000 - marginBasisPoints);
}

function show(m: Money): string {
  return `${m.currency} ${formatMoney(m)}`;
}

/**
 * The payment's countries that are in `wanted` (debtor, creditor, ultimate parties, then agents),
 * each with its path, once per path and country. Countries not wanted are skipped before any path
 * is built: most payments touch no high-risk country and allocate nothing here.
 */
function paymentCountries(payment: CanonicalPayment, wanted: ReadonlySet<string>): CountryAt[] {
  const out: CountryAt[] = [];
  for (const role of PARTY_ROLES) {
    const party = payment[role];
    if (party === undefined) continue;
    const address = party.postalAddress?.country;
    if (address !== undefined && wanted.has(address)) {
      addCountry(out, address, [role, 'postalAddress', 'country']);
    }
    const residence = party.countryOfResidence;
    if (residence !== undefined && wanted.has(residence)) {
      addCountry(out, residence, [role, 'countryOfResidence']);
    }
    // A valid IBAN's country is its first two letters: validate it only when that country is wanted.
    const iban = party.account?.iban;
    if (iban !== undefined && wanted.has(iban.slice(0, 2))) {
      const country = ibanCountryOf(iban);
      if (country !== undefined) addCountry(out, country, [role, 'account', 'iban']);
    }
  }
  agentCountries(out, wanted, 'debtorAgent', payment.debtorAgent);
  agentCountries(out, wanted, 'creditorAgent', payment.creditorAgent);
  agentCountries(out, wanted, 'instructingAgent', payment.instructingAgent);
  agentCountries(out, wanted, 'instructedAgent', payment.instructedAgent);
  const intermediaries = payment.intermediaryAgents;
  if (intermediaries !== undefined) {
    for (let i = 0; i < intermediaries.length; i++) {
      agentCountries(out, wanted, `intermediaryAgents.${i}`, intermediaries[i]);
    }
  }
  return out;
}

interface CountryAt {
  readonly country: string;
  readonly path: (string | number)[];
}

function agentCountries(
  out: CountryAt[],
  wanted: ReadonlySet<string>,
  role: string,
  agent: CanonicalPayment['debtorAgent'] | undefined,
): void {
  if (agent === undefined) return;
  if (agent.bic !== undefined && isValidBic(agent.bic)) {
    const country = bicCountry(agent.bic);
    if (wanted.has(country)) addCountry(out, country, [role, 'bic']);
  }
  if (agent.country !== undefined && wanted.has(agent.country)) {
    addCountry(out, agent.country, [role, 'country']);
  }
}

/** Adds a country once per path and country (the few wanted ones: a linear scan). */
function addCountry(out: CountryAt[], country: string, path: (string | number)[]): void {
  const key = `${path.join('.')}:${country}`;
  for (const c of out) if (`${c.path.join('.')}:${c.country}` === key) return;
  out.push({ country, path });
}

const PARTY_ROLES = ['debtor', 'creditor', 'ultimateDebtor', 'ultimateCreditor'] as const;

function travelRule(payment: CanonicalPayment, decision: 'REVIEW' | 'REJECT'): Reason[] {
  const from = agentCountry(payment.debtorAgent, payment.debtor.account?.iban);
  const to = agentCountry(payment.creditorAgent, payment.creditor.account?.iban);
  if (from === undefined || to === undefined || from === to) return [];
  const missing: string[] = [];
  const d = payment.debtor;
  const c = payment.creditor;
  if (d.name === undefined) missing.push('debtor.name');
  if (d.account?.iban === undefined && d.account?.otherId === undefined) missing.push('debtor.account');
  const hasAddress =
    d.postalAddress?.country !== undefined &&
    (d.postalAddress.townName !== undefined || (d.postalAddress.addressLines?.length ?? 0) > 0);
  const hasId = d.lei !== undefined || d.bic !== undefined || (d.otherIds?.length ?? 0) > 0;
  if (!hasAddress && !hasId)
    missing.push('debtor.postalAddress (country and town or lines) or an identifier');
  if (c.name === undefined) missing.push('creditor.name');
  if (c.account?.iban === undefined && c.account?.otherId === undefined) missing.push('creditor.account');
  if (missing.length === 0) return [];
  return [
    {
      code: ComplianceReasonCodes.AML_TRAVEL_RULE,
      decision,
      message: `cross-border payment (${from} → ${to}) misses FATF R.16 information: ${missing.join(', ')}`,
      path: [],
    },
  ];
}

function agentCountry(agent: CanonicalPayment['debtorAgent'], iban: string | undefined): string | undefined {
  if (agent.bic !== undefined && isValidBic(agent.bic)) return bicCountry(agent.bic);
  return ibanCountryOf(iban) ?? agent.country;
}
