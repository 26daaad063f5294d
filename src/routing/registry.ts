/**
 * The routing registry: banks, corridors and the FX rate table, checked and indexed once.
 *
 * @packageDocumentation
 */
import {
  type CurrencyCode,
  currencyExponent,
  type Issue,
  isCurrencyCode,
  isValidBic,
  type Money,
} from '../index';
import type { CorridorEdge, Index, IndexedBank, IndexedRate } from './_internal/index-types';
import { FLOAT_MARGIN, pairKey } from './_internal/index-types';
import { createZoneClock, type ZoneClock } from './_internal/local-time';
import { arbitrageCycles, buildRates, type QuoteIssue } from './_internal/rates';
import { multiply, parseRational, pow10, type Rational, rationalText, toFloat } from './_internal/rational';
import { InvalidRegistryError, RoutingErrorCodes } from './errors';
import type { BankProfile, Registry, RegistryInput } from './types';

const TIME_TEXT = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_OPERATING_DAYS = [1, 2, 3, 4, 5];
const BASIS_POINTS = 10_000n;
const DAY_MS = 86_400_000;
const END_OF_DAY = 24 * 60;

/**
 * Checks and indexes a registry: banks (BIC, currencies, liquidity, SLA, fees, FX spread, time zone,
 * cut-offs, operating days, holidays), corridors and quotes. Every problem is reported, not just the
 * first. The result is frozen; build a new one when liquidity or rates change. Arbitrage cycles in the
 * rate table are found here, once, and reported by every selection whose quotes are fresh.
 *
 * @param input - banks, corridors, rates
 * @returns the registry
 * @throws {@link InvalidRegistryError} (`ROUTING_INVALID_REGISTRY`) listing every issue: an invalid BIC or
 *   duplicate bank, an unknown currency, an amount that is not a decimal in its currency's minor unit, a
 *   negative liquidity or fee, an SLA out of range, an unknown time zone, a malformed cut-off or weekday, a
 *   corridor naming an unknown bank, a quote with bid > ask
 * @example
 * ```ts
 * const registry = createRegistry({
 *   banks: [{ bic: 'DEUTDEFFXXX', currencies: ['EUR', 'USD'], liquidity: { EUR: '5000000.00', USD: '2000000.00' },
 *     sla: { medianMinutes: 12, successRate: 0.998 }, fees: { fixed: { EUR: '2.50' }, basisPoints: '1' },
 *     fxSpreadBasisPoints: '3', timeZone: 'Europe/Berlin', cutOffs: [{ time: '16:00' }] }],
 *   corridors: [{ from: 'EUR', to: 'USD' }],
 *   rates: [{ base: 'EUR', quote: 'USD', bid: '1.0840', ask: '1.0844', timestamp: '2026-04-13T14:00:00Z' }],
 * });
 * ```
 * @public
 */
export function createRegistry(input: RegistryInput): Registry {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string): void => {
    issues.push({ code: RoutingErrorCodes.INVALID_REGISTRY, path, message });
  };
  if (
    typeof input !== 'object' ||
    input === null ||
    !Array.isArray(input.banks) ||
    !Array.isArray(input.corridors) ||
    !Array.isArray(input.rates)
  ) {
    throw new InvalidRegistryError(
      RoutingErrorCodes.INVALID_REGISTRY,
      '[deltran/routing] createRegistry: expected { banks: [], corridors: [], rates: [] }',
    );
  }
  const clocks = new Map<string, ZoneClock>();
  const banks: IndexedBank[] = [];
  const bankByBic = new Map<string, IndexedBank>();
  input.banks.forEach((profile, position) => {
    const bank = indexBank(profile, position, clocks, (path, message) =>
      add(['banks', position, ...path], message),
    );
    if (bank === undefined) return;
    if (bankByBic.has(bank.bic)) {
      add(['banks', position, 'bic'], `expected each BIC once, got ${bank.bic} again`);
      return;
    }
    banks.push(bank);
    bankByBic.set(bank.bic, bank);
  });

  const banksByCurrency = new Map<string, IndexedBank[]>();
  for (const bank of banks) {
    for (const code of bank.currencies) {
      const list = banksByCurrency.get(code) ?? [];
      list.push(bank);
      banksByCurrency.set(code, list);
    }
  }

  const corridorBanks = new Map<string, IndexedBank[]>();
  const corridorUnsupported = new Map<string, IndexedBank[]>();
  const corridorList: (readonly [CurrencyCode, CurrencyCode])[] = [];
  input.corridors.forEach((corridor, i) => {
    const { from, to } = corridor ?? {};
    if (!isCurrencyCode(from) || !isCurrencyCode(to) || from === to) {
      add(['corridors', i], 'expected two different ISO 4217 currencies, from and to');
      return;
    }
    const key = pairKey(from, to);
    if (corridorBanks.has(key)) {
      add(['corridors', i], `expected each corridor once, got ${from}→${to} again`);
      return;
    }
    const eligible: IndexedBank[] = [];
    const unsupported: IndexedBank[] = [];
    if (corridor.banks === undefined) {
      for (const bank of banksByCurrency.get(from) ?? []) if (bank.currencies.has(to)) eligible.push(bank);
    } else if (!Array.isArray(corridor.banks)) {
      add(['corridors', i, 'banks'], 'expected an array of BICs');
    } else {
      (corridor.banks as readonly string[]).forEach((bic: string, j: number) => {
        const bank = bankByBic.get(bic);
        if (bank === undefined)
          add(['corridors', i, 'banks', j], `expected a BIC of the registry, got ${JSON.stringify(bic)}`);
        else if (bank.currencies.has(from) && bank.currencies.has(to)) eligible.push(bank);
        else unsupported.push(bank);
      });
    }
    corridorBanks.set(key, eligible);
    corridorUnsupported.set(key, unsupported);
    corridorList.push([from, to]);
  });

  const quoteIssues: QuoteIssue[] = [];
  const rates = buildRates(input.rates, quoteIssues);
  for (const issue of quoteIssues) add(issue.path, issue.message);

  if (issues.length > 0) {
    const first = issues[0] as Issue;
    throw new InvalidRegistryError(
      RoutingErrorCodes.INVALID_REGISTRY,
      `[deltran/routing] createRegistry: ${first.path.join('/')}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      { path: first.path, issues },
    );
  }
  const currencyIds = new Map<string, number>();
  for (const code of [...banksByCurrency.keys()].sort()) currencyIds.set(code, currencyIds.size);
  for (const rate of rates.values()) {
    for (const code of [rate.from, rate.to])
      if (!currencyIds.has(code)) currencyIds.set(code, currencyIds.size);
  }
  // A corridor may name a currency that no bank holds and no quote mentions: it still needs an id.
  for (const pair of corridorList) {
    for (const code of pair) if (!currencyIds.has(code)) currencyIds.set(code, currencyIds.size);
  }
  const cycles = arbitrageCycles(rates);
  const edges = new Map<string, CorridorEdge>();
  const edgesFrom: CorridorEdge[][] = Array.from({ length: currencyIds.size }, () => []);
  const edgeMatrix: (CorridorEdge | undefined)[] = new Array(currencyIds.size * currencyIds.size).fill(
    undefined,
  );
  for (const [from, to] of corridorList) {
    const key = pairKey(from, to);
    const edge = buildEdge(
      from,
      to,
      currencyIds,
      rates.get(key),
      corridorBanks.get(key) ?? [],
      corridorUnsupported.get(key) ?? [],
    );
    edges.set(key, edge);
    (edgesFrom[edge.fromId] as CorridorEdge[]).push(edge);
    edgeMatrix[edge.fromId * currencyIds.size + edge.toId] = edge;
  }
  const index: Index = {
    __registryIndex: true,
    banks,
    bankByBic,
    banksByCurrency,
    edges,
    edgesFrom,
    edgeMatrix,
    rates,
    cycles,
    currencyIds,
    searchBounds: new Map(),
  };
  return Object.freeze({
    banks: Object.freeze([...input.banks]),
    corridors: Object.freeze([...input.corridors]),
    rates: Object.freeze([...input.rates]),
    arbitrage: Object.freeze(cycles.map((c) => c.cycle)),
    index,
  });
}

/** A corridor with its per-bank figures precomputed (see {@link CorridorEdge}). */
function buildEdge(
  from: CurrencyCode,
  to: CurrencyCode,
  currencyIds: ReadonlyMap<string, number>,
  rate: IndexedRate | undefined,
  banks: readonly IndexedBank[],
  unsupported: readonly IndexedBank[],
): CorridorEdge {
  const n = banks.length;
  const effective = banks.map((bank) =>
    rate === undefined ? undefined : multiply(rate.market, bank.spreadFactor),
  );
  const shift = currencyExponent(to) - currencyExponent(from);
  const scaledN = effective.map((r) => (r === undefined ? 0n : r.n * (shift > 0 ? pow10(shift) : 1n)));
  const scaledD = effective.map((r) => (r === undefined ? 1n : r.d * (shift < 0 ? pow10(-shift) : 1n)));
  // 1 − effective / mid = (mid.n·e.d − e.n·mid.d) / (mid.n·e.d): the share of the principal lost to spreads.
  const lossN = effective.map((r) =>
    r === undefined || rate === undefined ? 0n : rate.mid.n * r.d - r.n * rate.mid.d,
  );
  const lossD = effective.map((r) => (r === undefined || rate === undefined ? 1n : rate.mid.n * r.d));
  const fixedMinor = banks.map((bank) => bank.fixedFee.get(from) ?? 0n);
  const liquidityMinor = banks.map((bank) => bank.liquidity.get(to) ?? 0n);
  const phi = new Float64Array(n);
  const fixedFloat = new Float64Array(n);
  const fee = new Float64Array(n);
  const cutOff = new Int32Array(n);
  let maxPhi = 0;
  let safeInput = Number.POSITIVE_INFINITY;
  banks.forEach((bank, j) => {
    const factor = rate === undefined ? 0 : Number(scaledN[j] as bigint) / Number(scaledD[j] as bigint);
    phi[j] = factor;
    fixedFloat[j] = Number(fixedMinor[j] as bigint);
    fee[j] = bank.feeFractionFloat;
    cutOff[j] = bank.cutOffMinutes.get(to) ?? bank.cutOffMinutes.get('*') ?? END_OF_DAY;
    if (factor > maxPhi) maxPhi = factor;
    // Whatever the fees, out ≤ input · phi + 1 (one minor unit of rounding): inputs up to
    // (liquidity − 1) / phi cannot exceed this bank's liquidity.
    if (factor > 0) {
      const limit = ((Number(liquidityMinor[j] as bigint) - 1) / factor) * (1 - FLOAT_MARGIN);
      if (limit < safeInput) safeInput = limit;
    }
  });
  return Object.freeze({
    from,
    to,
    fromId: currencyIds.get(from) as number,
    toId: currencyIds.get(to) as number,
    rate,
    banks,
    unsupported,
    effective,
    effectiveText: effective.map((r) => (r === undefined ? '' : rationalText(r))),
    scaledN,
    scaledD,
    lossN,
    lossD,
    fixedMinor,
    feeN: banks.map((bank) => bank.feeFraction.n),
    feeD: banks.map((bank) => bank.feeFraction.d),
    liquidityMinor,
    phi,
    fixedFloat,
    fee,
    cutOff,
    maxPhi,
    safeInput,
  });
}

function indexBank(
  profile: BankProfile,
  position: number,
  clocks: Map<string, ZoneClock>,
  add: (path: (string | number)[], message: string) => void,
): IndexedBank | undefined {
  if (typeof profile !== 'object' || profile === null) {
    add([], 'expected a bank profile object');
    return undefined;
  }
  let ok = true;
  const fail = (path: (string | number)[], message: string): void => {
    ok = false;
    add(path, message);
  };
  if (typeof profile.bic !== 'string' || !isValidBic(profile.bic))
    fail(['bic'], `expected a valid BIC (ISO 9362), got ${JSON.stringify(profile.bic)}`);
  const currencies = new Set<string>();
  if (!Array.isArray(profile.currencies) || profile.currencies.length === 0)
    fail(['currencies'], 'expected at least one currency');
  else {
    profile.currencies.forEach((code, i) => {
      if (!isCurrencyCode(code))
        fail(['currencies', i], `expected an ISO 4217 code, got ${JSON.stringify(code)}`);
      else currencies.add(code);
    });
  }
  const liquidity = new Map<string, bigint>();
  for (const [code, value] of Object.entries(profile.liquidity ?? {})) {
    if (!currencies.has(code)) {
      fail(['liquidity', code], `expected liquidity only in the bank's currencies, got ${code}`);
      continue;
    }
    const minor = amountMinor(value, code as CurrencyCode);
    if (minor === undefined || minor < 0n)
      fail(['liquidity', code], `expected a non-negative decimal amount in ${code}'s minor unit, or a Money`);
    else liquidity.set(code, minor);
  }
  const fixedFee = new Map<string, bigint>();
  for (const [code, value] of Object.entries(profile.fees?.fixed ?? {})) {
    const minor = isCurrencyCode(code) ? amountMinor(value, code) : undefined;
    if (minor === undefined || minor < 0n)
      fail(['fees', 'fixed', code], 'expected a non-negative decimal amount in the currency, or a Money');
    else fixedFee.set(code, minor);
  }
  const feeFraction = basisPoints(profile.fees?.basisPoints ?? '0');
  if (feeFraction === undefined)
    fail(['fees', 'basisPoints'], 'expected basis points as a non-negative decimal string below 10000');
  const spread = basisPoints(profile.fxSpreadBasisPoints ?? '0');
  if (spread === undefined)
    fail(['fxSpreadBasisPoints'], 'expected basis points as a non-negative decimal string below 10000');
  const sla = profile.sla;
  if (
    typeof sla?.medianMinutes !== 'number' ||
    !(sla.medianMinutes >= 0) ||
    !Number.isFinite(sla.medianMinutes)
  )
    fail(['sla', 'medianMinutes'], 'expected a non-negative number of minutes');
  if (typeof sla?.successRate !== 'number' || !(sla.successRate >= 0 && sla.successRate <= 1))
    fail(['sla', 'successRate'], 'expected a rate in [0, 1]');
  let clock = typeof profile.timeZone === 'string' ? clocks.get(profile.timeZone) : undefined;
  if (clock === undefined && typeof profile.timeZone === 'string') {
    clock = createZoneClock(profile.timeZone);
    if (clock !== undefined) clocks.set(profile.timeZone, clock);
  }
  if (clock === undefined)
    fail(
      ['timeZone'],
      `expected an IANA time zone such as "Europe/Berlin", got ${JSON.stringify(profile.timeZone)}`,
    );
  const cutOffMinutes = new Map<string, number>();
  (profile.cutOffs ?? []).forEach((cutOff, i) => {
    const match = typeof cutOff?.time === 'string' ? TIME_TEXT.exec(cutOff.time) : null;
    const key = cutOff?.currency ?? '*';
    if (match === null)
      fail(['cutOffs', i, 'time'], `expected a local time HH:MM, got ${JSON.stringify(cutOff?.time)}`);
    else if (key !== '*' && !currencies.has(key))
      fail(['cutOffs', i, 'currency'], `expected one of the bank's currencies, got ${JSON.stringify(key)}`);
    else if (cutOffMinutes.has(key))
      fail(['cutOffs', i], `expected one cut-off per currency, got a second for ${key}`);
    else cutOffMinutes.set(key, Number(match[1]) * 60 + Number(match[2]));
  });
  let operatingMask = 0;
  const days = profile.operatingDays ?? DEFAULT_OPERATING_DAYS;
  if (!Array.isArray(days)) fail(['operatingDays'], 'expected ISO weekdays 1–7');
  else {
    days.forEach((day, i) => {
      if (!Number.isInteger(day) || day < 1 || day > 7)
        fail(['operatingDays', i], `expected an ISO weekday 1–7, got ${String(day)}`);
      else operatingMask |= 1 << day;
    });
  }
  const holidayDays = new Set<number>();
  (profile.holidays ?? []).forEach((date, i) => {
    const ms = typeof date === 'string' && DATE_TEXT.test(date) ? Date.parse(date) : Number.NaN;
    if (!Number.isFinite(ms))
      fail(['holidays', i], `expected a local date YYYY-MM-DD, got ${JSON.stringify(date)}`);
    else holidayDays.add(Math.floor(ms / DAY_MS));
  });
  if (!ok || clock === undefined || feeFraction === undefined || spread === undefined) return undefined;
  const spreadFactor: Rational = { n: spread.d - spread.n, d: spread.d };
  return Object.freeze({
    bic: profile.bic,
    position,
    profile,
    currencies,
    liquidity,
    fixedFee,
    feeFraction,
    feeFractionFloat: toFloat(feeFraction),
    spreadFactor,
    spreadFactorFloat: toFloat(spreadFactor),
    clock,
    cutOffMinutes,
    operatingMask,
    holidayDays,
    medianMinutes: sla.medianMinutes,
    successRate: sla.successRate,
  });
}

/** Basis points text as a fraction of 1, or undefined when malformed or ≥ 10 000. */
function basisPoints(text: unknown): Rational | undefined {
  const r = typeof text === 'string' ? parseRational(text) : undefined;
  if (r === undefined || r.n < 0n || r.n >= r.d * BASIS_POINTS) return undefined;
  return { n: r.n, d: r.d * BASIS_POINTS };
}

/** Minor units of a decimal string or Money in `currency`, or undefined when it does not fit. */
function amountMinor(value: string | Money, currency: CurrencyCode): bigint | undefined {
  if (typeof value === 'object' && value !== null) {
    return typeof value.minor === 'bigint' && value.currency === currency ? value.minor : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const r = parseRational(value);
  const exponent = currencyExponent(currency);
  if (r === undefined) return undefined;
  const scale = r.d.toString().length - 1;
  if (scale > exponent) return undefined;
  return r.n * pow10(exponent - scale);
}
