/**
 * As it was before stop 13 (commit 3bc8694), kept as the reference the faster code is compared with
 * (reference.internal.test.ts). Not used by the library.
 */
import type { Agent, CanonicalPayment, Party } from 'deltran';
import { analyzeName } from '../../../../src/compliance/_internal/analyze-name';
import { countryCode } from '../../../../src/compliance/_internal/countries';
import { compareDates, parsePartialDate } from '../../../../src/compliance/_internal/dates';
import {
  bicProbeKeys,
  buildIdentifierIndex,
  foldIdentifier,
  listedKeys,
} from '../../../../src/compliance/_internal/identifiers';
import {
  BOUND_MARGIN,
  DEFAULT_SCORE_PARAMS,
  highWeight,
  matrixUpperBound,
  mergePossibleShapes,
  scoreTokens,
  type TokenInfo,
  tokenCredit,
  tokenInfo,
  tokenInfos,
} from '../../../../src/compliance/_internal/name-score';
import {
  buildScreeningIndex,
  candidateShapes,
  createMatrixScratch,
  createScratch,
  creditIsBoundedZero,
  creditMatrix,
  NAME_ENTRY,
  NAME_PERSON,
  NAME_SIGNIFICANT,
  NAME_STRIDE,
  NAME_TOKEN_COUNT,
  NAME_TOKEN_START,
  NAME_TOTAL_WEIGHT,
  NAME_WEAK,
  type QueryToken,
  queryShapes,
  queryToken,
  retrieve,
  scoringKind,
  TOKEN_ID,
  TOKEN_STRIDE,
  variantCredit,
} from '../../../../src/compliance/_internal/screening-index';
import {
  ComplianceConfigError,
  ComplianceErrorCodes,
  ComplianceReasonCodes,
  InvalidListError,
} from '../../../../src/compliance/errors';
import type {
  Decision,
  ListEntry,
  MatchedField,
  PartyRole,
  Reason,
  SanctionsList,
  Screener,
  ScreenerOptions,
  ScreeningMatch,
  ScreeningResult,
  ScreeningSubject,
  ScreeningThresholds,
  SubjectScreeningResult,
} from '../../../../src/compliance/types';
import { worst } from './decision';

/**
 * Default thresholds.
 *
 * - `review` 0.79: the threshold that maximised F1 on the *development* half of the OpenSanctions
 *   name-pair benchmark (pairs split by a hash of the two names; the other half is only used to
 *   report), rounded. Names only: in screening, a date of birth or country that agrees or
 *   contradicts moves the score around it.
 * - `reject` 0.95: a match this strong is rejected only when corroborated by an agreeing date of
 *   birth or country; identifier hits (score 1) are always rejected.
 * @public
 */
export const DEFAULT_SCREENING_THRESHOLDS: ScreeningThresholds = Object.freeze({
  review: 0.79,
  reject: 0.95,
});

/**
 * How secondary fields move a name score. Dates of birth are strong evidence (lists print them
 * for most individuals and a person has one), countries weak (nationality, residence and address
 * differ legitimately). A different kind (a person's name matching a company's) costs a little.
 * @public
 */
export const SECONDARY_ADJUSTMENTS: {
  readonly dateOfBirthExact: number;
  readonly dateOfBirthYear: number;
  readonly dateOfBirthConflict: number;
  readonly countryMatch: number;
  readonly countryConflict: number;
  readonly kindConflict: number;
  readonly weakAlias: number;
} = Object.freeze({
  dateOfBirthExact: 0.06,
  dateOfBirthYear: 0.03,
  dateOfBirthConflict: -0.2,
  countryMatch: 0.03,
  countryConflict: -0.05,
  kindConflict: -0.15,
  weakAlias: -0.05,
});

/**
 * Default of {@link ScreenerOptions.cacheSize}: names whose scoring results a screener keeps.
 * @public
 */
export const DEFAULT_SCREENING_CACHE_SIZE = 10_000;

const CREDIT_CACHE_MAX = 20_000;
const SECONDARY_GAIN_MAX = SECONDARY_ADJUSTMENTS.dateOfBirthExact + SECONDARY_ADJUSTMENTS.countryMatch;
const MATCHES_MAX = 10;
/** Slack below the exact cut-off, so rounding never skips a name that reaches the floor. */
const CUTOFF_MARGIN = 1e-9;

function checkThreshold(name: string, value: number): number {
  if (!(value > 0 && value <= 1)) {
    throw new ComplianceConfigError(
      ComplianceErrorCodes.INVALID_CONFIG,
      `[deltran] createScreener: thresholds.${name} must be in (0, 1], got ${value}`,
      { path: ['thresholds', name] },
    );
  }
  return value;
}

/**
 * Builds a screener over the given lists: every name is analyzed and indexed once (tokens,
 * phonetic keys, one-deletion neighbourhoods, identifiers), so screening a party costs a few
 * index look-ups and the full scoring of at most `candidateLimit` names, never a scan of the list.
 *
 * @param lists - loaded lists (see {@link loadOfacSdn}, {@link loadUnList}, {@link loadJsonList})
 * @param options - thresholds, candidate limit, agent name screening
 * @returns a screener; building the full OFAC SDN list takes about a second
 * @throws {@link ComplianceConfigError} (`COMPLIANCE_INVALID_CONFIG`) for thresholds outside (0, 1]
 *   or a reject threshold below the review threshold; {@link InvalidListError}
 *   (`COMPLIANCE_DUPLICATE_ENTRY`) when two lists share an entry id
 * @example
 * ```ts
 * const screener = createScreener([loadOfacSdn({ sdn }), loadUnList(unXml)]);
 * const result = screener.screen(payment);
 * result.decision; // 'ALLOW' | 'REVIEW' | 'REJECT'
 * ```
 * @public
 */
export function createScreener(lists: readonly SanctionsList[], options: ScreenerOptions = {}): Screener {
  const thresholds: ScreeningThresholds = Object.freeze({
    review: checkThreshold('review', options.thresholds?.review ?? DEFAULT_SCREENING_THRESHOLDS.review),
    reject: checkThreshold('reject', options.thresholds?.reject ?? DEFAULT_SCREENING_THRESHOLDS.reject),
  });
  if (thresholds.reject < thresholds.review) {
    throw new ComplianceConfigError(
      ComplianceErrorCodes.INVALID_CONFIG,
      `[deltran] createScreener: thresholds.reject (${thresholds.reject}) is below thresholds.review (${thresholds.review})`,
      { path: ['thresholds', 'reject'] },
    );
  }
  const cacheSize = options.cacheSize ?? DEFAULT_SCREENING_CACHE_SIZE;
  if (!Number.isSafeInteger(cacheSize) || cacheSize < 0) {
    throw new ComplianceConfigError(
      ComplianceErrorCodes.INVALID_CONFIG,
      `[deltran] createScreener: cacheSize must be a non-negative integer, got ${cacheSize}`,
      { path: ['cacheSize'] },
    );
  }
  const candidateLimit = options.candidateLimit ?? 20;
  if (!Number.isInteger(candidateLimit) || candidateLimit < 1) {
    throw new ComplianceConfigError(
      ComplianceErrorCodes.INVALID_CONFIG,
      `[deltran] createScreener: candidateLimit must be a positive integer, got ${candidateLimit}`,
      { path: ['candidateLimit'] },
    );
  }
  const entries: ListEntry[] = [];
  const byId = new Map<string, ListEntry>();
  for (const list of lists) {
    for (const entry of list.entries) {
      if (byId.has(entry.id)) {
        throw new InvalidListError(
          ComplianceErrorCodes.DUPLICATE_ENTRY,
          `[deltran] createScreener: entry id "${entry.id}" appears twice; give each list its own idPrefix`,
          { path: [list.name, entry.id] },
        );
      }
      byId.set(entry.id, entry);
      entries.push(entry);
    }
  }
  const index = buildScreeningIndex(entries);
  const identifiers = buildIdentifierIndex(entries);
  const scratch = createScratch(index);
  const matrix = createMatrixScratch();
  // Similar-token look-ups per query token, owned by this screener only; bounded, in two
  // generations so the tokens in use survive when the older half is dropped.
  let creditCache = new Map<string, QueryToken>();
  let olderCredits = new Map<string, QueryToken>();
  const screenAgentNames = options.screenAgentNames ?? false;

  // A joined pair of query tokens (JOHNSMITH) is kept only when it reaches a listed token: the
  // others are nearly always first seen, and caching them only fills the cache and the heap.
  const creditsFor = (token: TokenInfo, joined: boolean): QueryToken => {
    let found = creditCache.get(token.text);
    if (found !== undefined) return found;
    found = olderCredits.get(token.text);
    if (found === undefined) {
      found = queryToken(index, token);
      if (joined && found.variantIds.length === 0) return found;
    }
    if (creditCache.size >= CREDIT_CACHE_MAX / 2) {
      olderCredits = creditCache;
      creditCache = new Map();
    }
    creditCache.set(token.text, found);
    return found;
  };

  // Scoring results by name, for screening (the review threshold as floor, no identifier hit): the
  // entries whose name scored at least the cut-off. A pure function of the name and kind against
  // this screener's index, so a name seen before skips analysis, retrieval and scoring. Bounded,
  // least recently used first out; owned by this screener only.
  const scored = new Map<string, ReadonlyMap<number, NameHit>>();
  // Read only: the (usual) result of a name that reaches no entry.
  const noNameHits: ReadonlyMap<number, NameHit> = new Map();

  /**
   * The entries whose names score at least `cutoff` against `name` (all candidates when `cutoff` is
   * undefined), each with its best name. Entries in `hits` are scored exactly whatever the cut-off.
   */
  const scoreName = (
    name: string,
    kind: NonNullable<ScreeningSubject['kind']>,
    hits: ReadonlyMap<number, MatchedField[]>,
    cutoff: number | undefined,
  ): Map<number, NameHit> => {
    const best = new Map<number, NameHit>();
    const analyzed = analyzeName(name, kind);
    const query = tokenInfos(analyzed.tokens, DEFAULT_SCORE_PARAMS);
    if (query.length === 0) return best;
    const retrievalTokens = [...query];
    for (let k = 0; k + 1 < query.length; k++) {
      retrievalTokens.push(tokenInfo(query[k]!.text + query[k + 1]!.text, DEFAULT_SCORE_PARAMS));
    }
    const credits = retrievalTokens.map((token, k) => creditsFor(token, k >= query.length));
    const candidates = retrieve(index, scratch, retrievalTokens, credits, candidateLimit);
    const nq = query.length;
    const shapes = queryShapes(query);
    // The candidate's credit matrix (row-major, nq × nc), filled from the query tokens' cached
    // credit maps; the scorer reads it through one closure per query.
    let nc = 0;
    const nameRecords = index.nameRecords;
    const tokenRecords = index.nameTokenRecords;
    const credit = (i: number, j: number): number => matrix.values[i * nc + j]!;
    for (const nameId of candidates) {
      const record = NAME_STRIDE * nameId;
      const entryIndex = nameRecords[record + NAME_ENTRY]!;
      const from = nameRecords[record + NAME_TOKEN_START]!;
      nc = nameRecords[record + NAME_TOKEN_COUNT]!;
      const weak = nameRecords[record + NAME_WEAK] === 1;
      const nameCutoff =
        cutoff === undefined || (hits.size > 0 && hits.has(entryIndex))
          ? undefined
          : weak
            ? cutoff - SECONDARY_ADJUSTMENTS.weakAlias
            : cutoff;
      const values = creditMatrix(matrix, nq * nc);
      for (let i = 0; i < nq; i++) {
        const q = credits[i]!;
        for (let j = 0; j < nc; j++) {
          const r = TOKEN_STRIDE * (from + j);
          // Similar tokens carry their credit (variantCredit); any other pair is computed (it is
          // rarely more than 0, and storing it would only grow the cache).
          let c = 0;
          if (!creditIsBoundedZero(q, tokenRecords, r)) {
            const id = tokenRecords[r + TOKEN_ID]!;
            c = variantCredit(q, id) ?? tokenCredit(query[i]!, index.vocabulary[id]!, DEFAULT_SCORE_PARAMS);
          }
          values[i * nc + j] = c;
        }
      }
      if (nameCutoff !== undefined && nameCutoff > 0) {
        // scoreTokens' own early exit, on typed arrays: most candidates end here without the
        // scorer reading a token object.
        const c = candidateShapes(matrix, index, from, nc);
        if (
          !mergePossibleShapes(shapes.length, shapes.first, shapes.last, nq, c.length, c.first, c.last, nc)
        ) {
          const person = kind === 'person' || (kind === 'unknown' && nameRecords[record + NAME_PERSON] === 1);
          const high = highWeight(
            person,
            shapes.significant,
            nameRecords[record + NAME_SIGNIFICANT]!,
            DEFAULT_SCORE_PARAMS,
          );
          const bound = matrixUpperBound(
            values,
            nq,
            nc,
            shapes.weight,
            c.weight,
            shapes.totalWeight,
            nameRecords[record + NAME_TOTAL_WEIGHT]!,
            high,
            DEFAULT_SCORE_PARAMS,
          );
          if (bound + BOUND_MARGIN < nameCutoff) continue;
        }
      }
      const indexed = index.names[nameId]!;
      const scoreKind = scoringKind(kind, index.nameEntryKind[nameId]!);
      const s = scoreTokens(query, indexed.tokens, scoreKind, DEFAULT_SCORE_PARAMS, credit, nameCutoff);
      if (nameCutoff !== undefined && s < nameCutoff) continue;
      const previous = best.get(entryIndex);
      const effective = weak ? s + SECONDARY_ADJUSTMENTS.weakAlias : s;
      if (previous === undefined || effective > previous.nameScore) {
        best.set(entryIndex, { nameScore: effective, name: indexed.name, weak });
      }
    }
    return best;
  };

  /** {@link scoreName} for screening a subject without identifier hits, through the cache. */
  const scoreNameCached = (
    name: string,
    kind: NonNullable<ScreeningSubject['kind']>,
    cutoff: number,
  ): ReadonlyMap<number, NameHit> => {
    // The kind is length-prefixed, so no kind and name pair shares a key with another.
    const key = `${kind.length}:${kind}:${name}`;
    const found = scored.get(key);
    if (found !== undefined) {
      // Most recently used last: delete and insert again (the first key is the one to drop).
      scored.delete(key);
      scored.set(key, found);
      return found;
    }
    const computed = scoreName(name, kind, noHits, cutoff);
    const value = computed.size === 0 ? noNameHits : computed;
    if (scored.size >= cacheSize) scored.delete(scored.keys().next().value as string);
    scored.set(key, value);
    return value;
  };

  const evaluate = (
    subject: ScreeningSubject,
    limit: number,
    floor: number,
    cached: boolean,
  ): ScreeningMatch[] => {
    const kind = subject.kind ?? 'unknown';
    const hits = identifierHits(subject);
    // A name whose score stays below this cannot make its entry a match (secondary fields add at
    // most SECONDARY_GAIN_MAX): the scorer may stop early on it. Entries with an identifier hit
    // are always scored exactly, since their matched name is reported whatever its score.
    const cutoff = floor > 0 ? floor - SECONDARY_GAIN_MAX - CUTOFF_MARGIN : undefined;
    let best: ReadonlyMap<number, NameHit> = noNameHits;
    if (subject.name !== undefined) {
      best =
        cached && cacheSize > 0 && hits.size === 0 && cutoff !== undefined
          ? scoreNameCached(subject.name, kind, cutoff)
          : scoreName(subject.name, kind, hits, cutoff);
    }
    if (hits.size > 0) {
      const withHits = new Map(best);
      for (const entryIndex of hits.keys()) {
        if (!withHits.has(entryIndex))
          withHits.set(entryIndex, { nameScore: 0, name: entries[entryIndex]!.names[0]!.name, weak: false });
      }
      best = withHits;
    }
    if (best.size === 0) return [];
    const dob = subject.dateOfBirth === undefined ? undefined : parsePartialDate(subject.dateOfBirth);
    const countries = new Set<string>();
    if (subject.countries !== undefined) {
      for (const c of subject.countries) {
        const code = countryCode(c);
        if (code !== undefined) countries.add(code);
      }
    }
    const matches: ScreeningMatch[] = [];
    for (const [entryIndex, found] of best) {
      const idHit = hits.get(entryIndex);
      // Secondary fields add at most this much: below it, the entry cannot reach the floor.
      if (idHit === undefined && found.nameScore + SECONDARY_GAIN_MAX < floor) continue;
      const entry = entries[entryIndex]!;
      const fields: MatchedField[] = [];
      const nameScore = Math.max(0, Math.min(1, found.nameScore));
      if (subject.name !== undefined && nameScore > 0) {
        fields.push({ field: 'name', value: subject.name, listed: found.name, effect: round(nameScore) });
      }
      let score = nameScore;
      if (idHit !== undefined) {
        fields.push(...idHit);
        score = 1;
      } else {
        score += secondary(subject, kind, dob, countries, entry, fields);
      }
      score = Math.max(0, Math.min(1, score));
      if (score < floor || score === 0) continue;
      matches.push({
        entryId: entry.id,
        list: entry.list,
        primaryName: entry.names[0]!.name,
        matchedName: found.name,
        kind: entry.kind,
        programs: entry.programs,
        score: round(score),
        nameScore: round(nameScore),
        identifierHit: idHit !== undefined,
        fields,
      });
    }
    if (matches.length > 1) matches.sort(byScoreThenId);
    return matches.length > limit ? matches.slice(0, limit) : matches;
  };

  // Read only: returned for the (usual) subject without identifiers.
  const noHits: ReadonlyMap<number, MatchedField[]> = new Map();
  const identifierHits = (subject: ScreeningSubject): ReadonlyMap<number, MatchedField[]> => {
    if (
      subject.bic === undefined &&
      subject.iban === undefined &&
      subject.lei === undefined &&
      (subject.otherIds === undefined || subject.otherIds.length === 0)
    ) {
      return noHits;
    }
    if (identifiers.size === 0) return noHits;
    // The usual subject with identifiers (an agent with its BIC only) is listed nowhere: check its
    // keys first, and build the hits only when one is listed.
    if (
      subject.iban === undefined &&
      subject.lei === undefined &&
      (subject.otherIds === undefined || subject.otherIds.length === 0) &&
      (subject.bic === undefined || !anyListed(bicProbeKeys(subject.bic)))
    ) {
      return noHits;
    }
    const out = new Map<number, MatchedField[]>();
    const probe = (keys: readonly string[], field: MatchedField['field'], value: string): void => {
      for (const key of keys) {
        for (const entryIndex of identifiers.get(key) ?? []) {
          const list = out.get(entryIndex) ?? [];
          const listed = entries[entryIndex]!.identifiers.find((id) =>
            listedKeys(id.type, id.value).includes(key),
          );
          list.push({ field, value, listed: listed?.value ?? key, effect: 1 });
          out.set(entryIndex, list);
        }
      }
    };
    if (subject.bic !== undefined) probe(bicProbeKeys(subject.bic), 'bic', subject.bic);
    if (subject.iban !== undefined) probe([`IBAN:${foldIdentifier(subject.iban)}`], 'iban', subject.iban);
    if (subject.lei !== undefined) probe([`LEI:${foldIdentifier(subject.lei)}`], 'lei', subject.lei);
    for (const other of subject.otherIds ?? []) {
      const keys = listedKeys('other', other);
      probe(keys, 'identifier', other);
    }
    return out;
  };

  /** Whether any of the keys is an identifier of the lists. */
  const anyListed = (keys: readonly string[]): boolean => {
    for (const key of keys) if (identifiers.has(key)) return true;
    return false;
  };

  /** Screens one subject: its result, and its reasons appended to `reasons`. */
  const screenSubject = (
    subject: ScreeningSubject,
    role: PartyRole,
    path: readonly (string | number)[],
    reasons: Reason[],
  ): SubjectScreeningResult => {
    const matches = evaluate(subject, MATCHES_MAX, thresholds.review, true);
    let decision: Decision = 'ALLOW';
    for (const match of matches) {
      const corroborated = match.fields.some(isCorroboration);
      const d: Decision =
        match.identifierHit || (match.score >= thresholds.reject && corroborated) ? 'REJECT' : 'REVIEW';
      decision = worst(decision, d);
      reasons.push(reasonFor(match, d, role, path));
    }
    const score = matches[0]?.score ?? 0;
    return { role, path, subject, decision, score, matches };
  };

  const screenAgent = (
    agent: Agent,
    role: PartyRole,
    path: readonly (string | number)[],
    reasons: Reason[],
  ): SubjectScreeningResult => screenSubject(agentSubject(agent, screenAgentNames), role, path, reasons);

  const screen = (input: CanonicalPayment | Party | ScreeningSubject): ScreeningResult => {
    const results: SubjectScreeningResult[] = [];
    const reasons: Reason[] = [];
    if (isPayment(input)) {
      const payment = input;
      const { debtor, creditor, ultimateDebtor, ultimateCreditor } = payment;
      // Guarded like the optional parties: a host's JavaScript may hand in a payment without one.
      if (debtor !== undefined) results.push(screenSubject(toSubject(debtor), 'debtor', ['debtor'], reasons));
      if (creditor !== undefined) {
        results.push(screenSubject(toSubject(creditor), 'creditor', ['creditor'], reasons));
      }
      if (ultimateDebtor !== undefined) {
        results.push(screenSubject(toSubject(ultimateDebtor), 'ultimateDebtor', ['ultimateDebtor'], reasons));
      }
      if (ultimateCreditor !== undefined) {
        results.push(
          screenSubject(toSubject(ultimateCreditor), 'ultimateCreditor', ['ultimateCreditor'], reasons),
        );
      }
      const { debtorAgent, creditorAgent, instructingAgent, instructedAgent } = payment;
      if (debtorAgent !== undefined) {
        results.push(screenAgent(debtorAgent, 'debtorAgent', ['debtorAgent'], reasons));
      }
      if (creditorAgent !== undefined) {
        results.push(screenAgent(creditorAgent, 'creditorAgent', ['creditorAgent'], reasons));
      }
      if (instructingAgent !== undefined) {
        results.push(screenAgent(instructingAgent, 'instructingAgent', ['instructingAgent'], reasons));
      }
      if (instructedAgent !== undefined) {
        results.push(screenAgent(instructedAgent, 'instructedAgent', ['instructedAgent'], reasons));
      }
      const intermediaries = payment.intermediaryAgents;
      if (intermediaries !== undefined) {
        for (let i = 0; i < intermediaries.length; i++) {
          const a = intermediaries[i];
          if (a !== undefined) {
            results.push(screenAgent(a, 'intermediaryAgent', ['intermediaryAgents', i], reasons));
          }
        }
      }
    } else {
      results.push(screenSubject(toSubject(input), 'subject', [], reasons));
    }
    let decision: Decision = 'ALLOW';
    let score = 0;
    for (const result of results) {
      decision = worst(decision, result.decision);
      if (result.score > score) score = result.score;
    }
    return { decision, score, subjects: results, reasons };
  };

  return {
    entryCount: entries.length,
    nameCount: index.names.length,
    thresholds,
    screen,
    search: (subject, limit = 10) => evaluate(subject, limit, 0, false),
    entry: (id) => byId.get(id),
  };
}

/** An entry's best-scoring name for a subject's name. */
interface NameHit {
  readonly nameScore: number;
  readonly name: string;
  readonly weak: boolean;
}

function isCorroboration(f: MatchedField): boolean {
  return (f.field === 'dateOfBirth' || f.field === 'country') && f.effect > 0;
}

function byScoreThenId(a: ScreeningMatch, b: ScreeningMatch): number {
  return b.score - a.score || (a.entryId < b.entryId ? -1 : 1);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Secondary evidence: date of birth, countries, kind. Returns the adjustment; records the fields. */
function secondary(
  subject: ScreeningSubject,
  kind: ScreeningSubject['kind'],
  dob: string | undefined,
  countries: ReadonlySet<string>,
  entry: ListEntry,
  fields: MatchedField[],
): number {
  let adjustment = 0;
  if (dob !== undefined && entry.datesOfBirth.length > 0) {
    let bestAgreement: 'exact' | 'year' | 'near' | 'conflict' = 'conflict';
    let listed = entry.datesOfBirth[0]!;
    const rank = { exact: 3, year: 2, near: 1, conflict: 0 } as const;
    for (const d of entry.datesOfBirth) {
      const a = compareDates(dob, d);
      if (rank[a] > rank[bestAgreement]) {
        bestAgreement = a;
        listed = d;
      }
    }
    const effect =
      bestAgreement === 'exact'
        ? SECONDARY_ADJUSTMENTS.dateOfBirthExact
        : bestAgreement === 'year'
          ? SECONDARY_ADJUSTMENTS.dateOfBirthYear
          : bestAgreement === 'conflict'
            ? SECONDARY_ADJUSTMENTS.dateOfBirthConflict
            : 0;
    fields.push({ field: 'dateOfBirth', value: subject.dateOfBirth ?? dob, listed, effect });
    adjustment += effect;
  }
  if (countries.size > 0 && entry.countries.length > 0) {
    const common = entry.countries.find((c) => countries.has(c));
    const effect =
      common !== undefined ? SECONDARY_ADJUSTMENTS.countryMatch : SECONDARY_ADJUSTMENTS.countryConflict;
    fields.push({
      field: 'country',
      value: [...countries].join(','),
      listed: common ?? entry.countries.join(','),
      effect,
    });
    adjustment += effect;
  }
  if (kind !== undefined && kind !== 'unknown' && entry.kind !== 'unknown' && kind !== entry.kind) {
    const personVsOther = kind === 'person' || entry.kind === 'person';
    if (personVsOther) {
      fields.push({
        field: 'kind',
        value: kind,
        listed: entry.kind,
        effect: SECONDARY_ADJUSTMENTS.kindConflict,
      });
      adjustment += SECONDARY_ADJUSTMENTS.kindConflict;
    }
  }
  return adjustment;
}

function reasonFor(
  match: ScreeningMatch,
  decision: Decision,
  role: PartyRole,
  path: readonly (string | number)[],
): Reason {
  if (match.identifierHit) {
    const f = match.fields.find((x) => x.effect === 1 && x.field !== 'name');
    return {
      code: ComplianceReasonCodes.SANCTIONS_IDENTIFIER_MATCH,
      decision,
      message: `${role} ${f?.field ?? 'identifier'} ${f?.value ?? ''} is listed on ${match.list} (${match.entryId} ${match.primaryName})`,
      path: [...path, f?.field ?? 'identifier'],
    };
  }
  const name = match.fields.find((f) => f.field === 'name');
  const extras = match.fields
    .filter((f) => f.field !== 'name')
    .map((f) => `${f.field} ${f.effect >= 0 ? '+' : ''}${f.effect}`)
    .join(', ');
  return {
    code: ComplianceReasonCodes.SANCTIONS_NAME_MATCH,
    decision,
    message: `${role} name "${name?.value ?? ''}" matches "${match.matchedName}" on ${match.list} (${match.entryId}), score ${match.score}${extras ? ` (${extras})` : ''}`,
    path: [...path, 'name'],
  };
}

function isPayment(input: CanonicalPayment | Party | ScreeningSubject): input is CanonicalPayment {
  return (
    typeof input === 'object' && input !== null && 'uetr' in input && 'debtor' in input && 'creditor' in input
  );
}

type MutableSubject = { -readonly [K in keyof ScreeningSubject]: ScreeningSubject[K] };

/** A {@link ScreeningSubject} from a subject or an ISO 20022 party. */
function toSubject(input: Party | ScreeningSubject): ScreeningSubject {
  const party = input as Party & ScreeningSubject;
  // Built field by field in the order the result has always had (name, kind, dateOfBirth,
  // countries, bic, iban, lei, otherIds), without the spreads' temporary objects.
  const out: MutableSubject = {};
  if (party.name !== undefined) out.name = party.name;
  out.kind = party.kind ?? (party.bic !== undefined || party.lei !== undefined ? 'organization' : 'unknown');
  if (party.dateOfBirth !== undefined) out.dateOfBirth = party.dateOfBirth;
  const listed = party.countries;
  const address = party.postalAddress?.country;
  const residence = party.countryOfResidence;
  if ((listed !== undefined && listed.length > 0) || address !== undefined || residence !== undefined) {
    const countries: string[] = listed === undefined ? [] : [...listed];
    if (address !== undefined) countries.push(address);
    if (residence !== undefined) countries.push(residence);
    out.countries = countries;
  }
  if (party.bic !== undefined) out.bic = party.bic;
  const iban = party.iban ?? party.account?.iban;
  if (iban !== undefined) out.iban = iban;
  if (party.lei !== undefined) out.lei = party.lei;
  if (party.otherIds !== undefined) out.otherIds = party.otherIds;
  return out;
}

function agentSubject(agent: Agent, withName: boolean): ScreeningSubject {
  const out: MutableSubject = { kind: 'organization' };
  if (withName && agent.name !== undefined) out.name = agent.name;
  if (agent.country !== undefined) out.countries = [agent.country];
  if (agent.bic !== undefined) out.bic = agent.bic;
  if (agent.lei !== undefined) out.lei = agent.lei;
  return out;
}
