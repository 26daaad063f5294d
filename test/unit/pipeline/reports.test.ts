import { CoreErrorCodes, type CurrencyCode, money, ValidationError } from 'deltran';
import { net, type Obligation, toNettingJson } from 'deltran/netting';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The reports are imported from their file until deltran/pipeline's index lists them (issue 8).
import {
  type ClearingReport,
  createClearingReport,
  createSettlementReport,
  REPORT_HTML_DEFAULTS,
  renderReportHtml,
  SETTLEMENT_REPORT_STATUSES,
  type SettlementReportRow,
  type SettlementReportStatus,
} from '../../../src/pipeline/reports';
import { decimalOf, generateNetwork, shuffled } from '../../arbitraries/obligations';

const A = 'AAAABEBB';
const B = 'BBBBDEFF';
const C = 'CCCCFRPP';
const EVIL = '<script>alert(1)</script>&"';
const CLOSED_AT = '2026-01-02T10:00:00Z';
const GENERATED_AT = '2026-01-02T18:00:00.000Z';

/**
 * EUR: A owes B 100.00 and 50.50, B owes C 100.00, C owes A 100.00 (gross 350.50; nets to A → B 50.50).
 * JPY (no minor unit): A owes B 1000, B owes A 400, B owes C 300 (gross 1700; net A −600, B +300, C +300).
 */
const obligations: readonly Obligation[] = [
  { id: 'e1', debtor: A, creditor: B, currency: 'EUR', amount: '100.00' },
  { id: 'e2', debtor: A, creditor: B, currency: 'EUR', amount: '50.5' },
  { id: 'e3', debtor: B, creditor: C, currency: 'EUR', amount: money('100', 'EUR') },
  { id: 'e4', debtor: C, creditor: A, currency: 'EUR', amount: '100.00' },
  { id: 'j1', debtor: A, creditor: B, currency: 'JPY', amount: '1000' },
  { id: 'j2', debtor: B, creditor: A, currency: 'JPY', amount: '400' },
  { id: 'j3', debtor: B, creditor: C, currency: 'JPY', amount: '300' },
];

function windowReport(
  list: readonly Obligation[] = obligations,
  mode: 'multilateral' | 'gross' | 'hub' = 'multilateral',
): ClearingReport {
  return createClearingReport({
    windowId: 'W-1',
    closedAt: CLOSED_AT,
    reason: 'count',
    obligations: list,
    result: net(list, { mode }),
  });
}

function row(overrides: Partial<SettlementReportRow> & { instructionId: string }): SettlementReportRow {
  return { status: 'SETTLED', from: A, to: B, currency: 'EUR', amount: '10.00', ...overrides };
}

describe('createClearingReport', () => {
  it('should report the figures of every currency, JPY without fraction digits', () => {
    // Act
    const report = windowReport();
    // Assert
    expect(report).toMatchObject({
      format: 'deltran.clearing-report',
      version: 1,
      windowId: 'W-1',
      closedAt: CLOSED_AT,
      reason: 'count',
      mode: 'multilateral',
      obligationCount: 7,
      participantCount: 3,
    });
    expect(report.currencies.map((c) => c.currency)).toEqual(['EUR', 'JPY']);
    const [eur, jpy] = report.currencies;
    expect(eur).toMatchObject({
      obligationCount: 4,
      participantCount: 3,
      participants: [A, B, C],
      gross: '350.50',
      bilateral: '350.50',
      lowerBound: '50.50',
      settled: '50.50',
      savings: '300.00',
      savingsPercent: '85.59',
      instructionCount: 1,
      componentCount: 1,
      cyclicComponents: [[A, B, C]],
      netPositions: [
        { participant: A, amount: '-50.50' },
        { participant: B, amount: '50.50' },
        { participant: C, amount: '0.00' },
      ],
      edgesBefore: [
        { from: A, to: B, amount: '150.50', obligationCount: 2 },
        { from: B, to: C, amount: '100.00', obligationCount: 1 },
        { from: C, to: A, amount: '100.00', obligationCount: 1 },
      ],
      instructions: [{ from: A, to: B, amount: '50.50' }],
    });
    expect(jpy).toMatchObject({
      obligationCount: 3,
      gross: '1700',
      bilateral: '900',
      lowerBound: '600',
      settled: '600',
      savings: '1100',
      savingsPercent: '64.71',
      netPositions: [
        { participant: A, amount: '-600' },
        { participant: B, amount: '300' },
        { participant: C, amount: '300' },
      ],
      edgesBefore: [
        { from: A, to: B, amount: '1000', obligationCount: 1 },
        { from: B, to: A, amount: '400', obligationCount: 1 },
        { from: B, to: C, amount: '300', obligationCount: 1 },
      ],
    });
  });

  it('should match the netting result exactly, figure for figure', () => {
    // Arrange
    const result = net(obligations, { mode: 'multilateral' });
    const json = toNettingJson(result);
    // Act
    const report = createClearingReport({ windowId: 'W-1', closedAt: CLOSED_AT, obligations, result });
    // Assert
    expect(report.digest).toBe(result.digest);
    expect(report.instructionCount).toBe(result.instructions.length);
    for (const stats of json.stats) {
      const c = report.currencies.find((x) => x.currency === stats.currency)!;
      const { savingsRatio: _ratio, ...figures } = stats;
      expect(c).toMatchObject(figures);
      expect(c.netPositions).toEqual(
        json.netPositions
          .filter((p) => p.currency === stats.currency)
          .map((p) => ({ participant: p.participant, amount: p.amount })),
      );
      expect(c.instructions).toEqual(
        json.instructions
          .filter((i) => i.currency === stats.currency)
          .map((i) => ({ from: i.from, to: i.to, amount: i.amount })),
      );
    }
  });

  it('should be JSON-safe and the same for the obligations in any order', () => {
    // Arrange
    const report = windowReport();
    // Act
    const again = windowReport(shuffled(obligations, 7));
    // Assert
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });

  it('should name the hub in hub mode and count payments through it', () => {
    // Act
    const report = windowReport(obligations, 'hub');
    // Assert
    expect(report.hub).toBe('HUB');
    expect(report.currencies[0]!.instructions.every((i) => i.from === 'HUB' || i.to === 'HUB')).toBe(true);
  });

  it('should refuse obligations that are not the ones netted', () => {
    // Arrange
    const result = net(obligations, { mode: 'multilateral' });
    // Act
    const attempt = (): ClearingReport =>
      createClearingReport({
        windowId: 'W-1',
        closedAt: CLOSED_AT,
        obligations: obligations.slice(1),
        result,
      });
    // Assert
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(expect.objectContaining({ code: CoreErrorCodes.INVALID_INPUT }));
  });

  it('should report every input problem at once', () => {
    // Arrange
    const result = net(obligations, { mode: 'multilateral' });
    const bad = [...obligations, { id: 'x', debtor: A, creditor: B, currency: 'EUR', amount: '1.005' }];
    // Act
    let caught: unknown;
    try {
      createClearingReport({ windowId: '', closedAt: '2 Jan 2026', obligations: bad, result });
    } catch (error) {
      caught = error;
    }
    // Assert
    expect(caught).toBeInstanceOf(ValidationError);
    const paths = (caught as ValidationError).issues.map((i) => i.path.join('/'));
    expect(paths).toEqual(['windowId', 'closedAt', 'obligations/7/amount']);
  });
});

describe('createSettlementReport', () => {
  it('should count per status, total per currency and status, and sort the rows', () => {
    // Arrange
    const rows: SettlementReportRow[] = [
      row({
        instructionId: 'I-3',
        status: 'REJECTED',
        amount: '5',
        reason: { code: 'AM04', text: 'Insufficient' },
      }),
      row({ instructionId: 'I-1', amount: '10.5', uetr: 'u-1', rail: 'iso20022', attempts: 1 }),
      row({ instructionId: 'I-2', currency: 'JPY', amount: '1000', submittedAt: CLOSED_AT }),
      row({ instructionId: 'I-4', status: 'PENDING', amount: '0.01' }),
    ];
    // Act
    const report = createSettlementReport(rows);
    // Assert
    expect(report.rowCount).toBe(4);
    expect(report.counts).toEqual({
      PENDING: 1,
      SUBMITTED: 0,
      ACCEPTED: 0,
      SETTLED: 2,
      REJECTED: 1,
      TIMED_OUT: 0,
    });
    expect(report.rows.map((r) => r.instructionId)).toEqual(['I-1', 'I-2', 'I-3', 'I-4']);
    expect(report.rows[0]).toEqual({
      instructionId: 'I-1',
      uetr: 'u-1',
      status: 'SETTLED',
      from: A,
      to: B,
      currency: 'EUR',
      amount: '10.50',
      rail: 'iso20022',
      attempts: 1,
    });
    expect(report.totals.map((t) => t.currency)).toEqual(['EUR', 'JPY']);
    const eur = report.totals[0]!;
    expect(eur.total).toEqual({ count: 3, amount: '15.51' });
    expect(eur.byStatus.SETTLED).toEqual({ count: 1, amount: '10.50' });
    expect(eur.byStatus.REJECTED).toEqual({ count: 1, amount: '5.00' });
    expect(eur.byStatus.PENDING).toEqual({ count: 1, amount: '0.01' });
    expect(eur.byStatus.TIMED_OUT).toEqual({ count: 0, amount: '0.00' });
    expect(report.totals[1]!.total).toEqual({ count: 1, amount: '1000' });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('should add amounts a float would round', () => {
    // Arrange: 0.1 + 0.2 and totals far beyond 2^53 minor units
    const rows = [
      row({ instructionId: 'a', amount: '0.10' }),
      row({ instructionId: 'b', amount: '0.20' }),
      ...Array.from({ length: 50 }, (_, i) =>
        row({ instructionId: `big-${i}`, currency: 'USD', amount: '9999999999999999.99' }),
      ),
    ];
    // Act
    const report = createSettlementReport(rows);
    // Assert
    expect(report.totals.find((t) => t.currency === 'EUR')!.total.amount).toBe('0.30');
    expect(report.totals.find((t) => t.currency === 'USD')!.total.amount).toBe('499999999999999999.50');
  });

  it('should report every invalid row at once', () => {
    // Arrange
    const rows = [
      row({ instructionId: 'I-1', amount: '1.005' }),
      row({ instructionId: 'I-2', status: 'LOST' as SettlementReportStatus }),
      row({ instructionId: 'I-2' }),
      row({ instructionId: 'I-3', currency: 'XXQ' }),
      row({ instructionId: 'I-4', amount: '0.00' }),
      row({ instructionId: 'I-5', attempts: -1, completedAt: 'yesterday' }),
    ];
    // Act
    let caught: unknown;
    try {
      createSettlementReport(rows);
    } catch (error) {
      caught = error;
    }
    // Assert
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).code).toBe(CoreErrorCodes.INVALID_INPUT);
    expect((caught as ValidationError).issues.map((i) => [i.code, i.path.join('/')])).toEqual([
      [CoreErrorCodes.INVALID_AMOUNT, 'rows/0/amount'],
      [CoreErrorCodes.INVALID_INPUT, 'rows/1/status'],
      [CoreErrorCodes.INVALID_INPUT, 'rows/3/currency'],
      [CoreErrorCodes.INVALID_INPUT, 'rows/4/amount'],
      [CoreErrorCodes.INVALID_INPUT, 'rows/5/completedAt'],
      [CoreErrorCodes.INVALID_INPUT, 'rows/5/attempts'],
    ]);
  });

  it('should refuse an instruction id used twice', () => {
    // Act
    const attempt = () =>
      createSettlementReport([row({ instructionId: 'I-1' }), row({ instructionId: 'I-1' })]);
    // Assert
    expect(attempt).toThrow(
      expect.objectContaining({ code: CoreErrorCodes.INVALID_INPUT, path: ['rows', 1, 'instructionId'] }),
    );
  });

  describe('properties', () => {
    const currencies: readonly CurrencyCode[] = ['EUR', 'JPY', 'BHD', 'USD'];
    const rowsArbitrary = (minLength: number, maxLength: number) =>
      fc
        .array(
          fc.record({
            status: fc.constantFrom(...SETTLEMENT_REPORT_STATUSES),
            currency: fc.constantFrom(...currencies),
            minor: fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 10n ** 17n })),
          }),
          { minLength, maxLength },
        )
        .map((list) =>
          list.map((r, i) => ({
            ...r,
            row: row({
              instructionId: `I-${i}`,
              status: r.status,
              currency: r.currency,
              amount: decimalOf(r.minor, r.currency),
            }),
          })),
        );

    it('should total every currency and status exactly, over a few or thousands of rows', () => {
      fc.assert(
        fc.property(fc.oneof(rowsArbitrary(0, 50), rowsArbitrary(1_000, 3_000)), (generated) => {
          // Arrange
          const expected = new Map<string, bigint>();
          for (const g of generated) {
            const key = `${g.currency}/${g.status}`;
            expected.set(key, (expected.get(key) ?? 0n) + g.minor);
          }
          // Act
          const report = createSettlementReport(generated.map((g) => g.row));
          // Assert
          expect(report.rowCount).toBe(generated.length);
          for (const status of SETTLEMENT_REPORT_STATUSES) {
            expect(report.counts[status]).toBe(generated.filter((g) => g.status === status).length);
          }
          // Totals may pass the 18 digits of one ISO 20022 amount, so they are compared as text.
          const currenciesSeen = new Set(generated.map((g) => g.currency));
          expect(report.totals.map((t) => t.currency)).toEqual([...currenciesSeen].sort());
          for (const t of report.totals) {
            const code = t.currency as CurrencyCode;
            let all = 0n;
            for (const status of SETTLEMENT_REPORT_STATUSES) {
              const want = expected.get(`${code}/${status}`) ?? 0n;
              expect(t.byStatus[status].amount).toBe(decimalOf(want, code));
              all += want;
            }
            expect(t.total.amount).toBe(decimalOf(all, code));
          }
        }),
      );
    });

    it('should not depend on the order of the rows', () => {
      fc.assert(
        fc.property(rowsArbitrary(0, 300), fc.integer(), (generated, seed) => {
          // Arrange
          const rows = generated.map((g) => g.row);
          // Act
          const a = createSettlementReport(rows);
          const b = createSettlementReport(shuffled(rows, seed));
          // Assert
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        }),
        { numRuns: 50 },
      );
    });
  });
});

describe('renderReportHtml', () => {
  const settlement = createSettlementReport([
    row({ instructionId: 'I-1', amount: '50.50' }),
    row({ instructionId: 'I-2', status: 'REJECTED', reason: { code: 'AM04', text: EVIL } }),
    row({ instructionId: 'I-3', status: 'TIMED_OUT', currency: 'JPY', amount: '600' }),
  ]);

  function page(clearing: readonly ClearingReport[] = [windowReport()]): string {
    return renderReportHtml({
      title: 'Day 1',
      generatedAt: GENERATED_AT,
      clearing,
      settlement,
      summary: { Payments: 7, 'Run by': 'test' },
    });
  }

  it('should be one self-contained page', () => {
    // Act
    const html = page();
    // Assert
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/src\s*=\s*["']?\s*https?:/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*https?:/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/url\(\s*["']?(?!#)/i);
  });

  it('should show the figures of every window and currency and the settlement statuses', () => {
    // Act
    const html = page();
    // Assert
    for (const figure of ['350.50', '50.50', '300.00', '85.59', '1700', '1100', '64.71']) {
      expect(html).toContain(`>${figure}<`);
    }
    expect(html).toContain('Before netting: 3 links, 350.50 EUR');
    expect(html).toContain('After netting: 1 payment, 50.50 EUR');
    for (const status of ['settled', 'rejected', 'timed-out', 'pending'])
      expect(html).toContain(`st-${status}`);
    expect(html).toContain('<th>Payments</th><td>7</td>');
  });

  it('should draw one svg per graph: before and after, per window and currency', () => {
    // Arrange
    const second = createClearingReport({
      windowId: 'W-2',
      closedAt: CLOSED_AT,
      obligations: obligations.slice(0, 4),
      result: net(obligations.slice(0, 4), { mode: 'multilateral' }),
    });
    // Act
    const html = page([windowReport(), second]);
    // Assert: W-1 has EUR and JPY, W-2 only EUR
    expect(html.match(/<svg\b/g)).toHaveLength(2 * 3);
    expect(html.match(/<\/svg>/g)).toHaveLength(2 * 3);
  });

  it('should escape every text that comes from the input', () => {
    // Arrange
    const evil: Obligation[] = [
      { id: '1', debtor: EVIL, creditor: A, currency: 'EUR', amount: '10.00' },
      { id: '2', debtor: A, creditor: EVIL, currency: 'EUR', amount: '4.00' },
    ];
    const report = createClearingReport({
      windowId: EVIL,
      closedAt: CLOSED_AT,
      reason: EVIL,
      obligations: evil,
      result: net(evil, { mode: 'multilateral' }),
    });
    // Act
    const html = renderReportHtml({
      title: EVIL,
      generatedAt: GENERATED_AT,
      clearing: [report],
      settlement,
      summary: { [EVIL]: EVIL },
    });
    // Assert
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert(1)</');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;');
    // Every quote in the page belongs to markup: attribute values never contain an unescaped one.
    expect(html).not.toMatch(/&"/);
  });

  it('should give the same page for the same input', () => {
    // Arrange
    const report = windowReport();
    const fromJson = JSON.parse(JSON.stringify(report)) as ClearingReport;
    // Act
    const first = page([report]);
    const second = page([fromJson]);
    // Assert
    expect(second).toBe(first);
    expect(page([windowReport(shuffled(obligations, 3))])).toBe(first);
  });

  it('should draw only the largest links of a large window, and say so', () => {
    // Arrange: 10,000 obligations among 60 banks, gross mode so both graphs are large
    const large = generateNetwork({ obligations: 10_000, participants: 60, seed: 42, currencies: ['EUR'] });
    const report = createClearingReport({
      windowId: 'W-big',
      closedAt: CLOSED_AT,
      obligations: large,
      result: net(large, { mode: 'gross' }),
    });
    // Act
    const html = renderReportHtml({ title: 'Big', generatedAt: GENERATED_AT, clearing: [report] });
    // Assert
    const eur = report.currencies[0]!;
    expect(eur.edgesBefore.length).toBeGreaterThan(REPORT_HTML_DEFAULTS.edgesMax);
    expect(html).toContain('class="note truncated"');
    expect(html).toContain(`the 200 largest of ${eur.edgesBefore.length.toLocaleString('en-US')} links`);
    expect(html.match(/<path class="edge"/g)!.length).toBeLessThanOrEqual(2 * REPORT_HTML_DEFAULTS.edgesMax);
    expect(html.length).toBeLessThan(1_000_000);
    expect(page()).not.toContain('class="note truncated"');
  });

  it('should place only the participants on drawn links when there are very many', () => {
    // Arrange: 300 banks, each owing the next in a line, so only the 200 largest links are drawn
    const line: Obligation[] = Array.from({ length: 299 }, (_, i) => ({
      id: `o${i}`,
      debtor: `BANK${String(i).padStart(4, '0')}`,
      creditor: `BANK${String(i + 1).padStart(4, '0')}`,
      currency: 'JPY',
      amount: String(1_000 + i),
    }));
    const report = createClearingReport({
      windowId: 'W-line',
      closedAt: CLOSED_AT,
      obligations: line,
      result: net(line, { mode: 'gross' }),
    });
    // Act
    const html = renderReportHtml({ title: 'Line', generatedAt: GENERATED_AT, clearing: [report] });
    // Assert: the 200 largest links are the last 200, which touch the last 201 banks
    expect(html).toContain('Placed: the 201 of 300 participants on a drawn link.');
    expect(html.match(/<circle /g)).toHaveLength(2 * 201);
    expect(html).not.toContain('<title>BANK0000: net');
    expect(html).toContain('<title>BANK0299: net 1298 JPY</title>');
  });

  it('should render a run with nothing to report', () => {
    // Act
    const html = renderReportHtml({ title: 'Empty', generatedAt: GENERATED_AT, clearing: [] });
    // Assert
    expect(html).toContain('<th>Netting windows</th><td>0</td>');
    expect(html).not.toContain('<svg');
  });

  it('should list the instructions needing attention first, up to the limit', () => {
    // Act
    const html = renderReportHtml(
      { title: 'T', generatedAt: GENERATED_AT, clearing: [], settlement },
      { settlementRowsMax: 2 },
    );
    // Assert
    expect(html.indexOf('>I-2<')).toBeLessThan(html.indexOf('>I-3<'));
    expect(html).not.toContain('>I-1<');
    expect(html).toContain('Listed: 2 of 3 instructions');
  });

  it('should refuse a generation time that is not RFC 3339 and limits below 1', () => {
    // Act
    const attempts = [
      () => renderReportHtml({ title: 'T', generatedAt: 'now', clearing: [] }),
      () => renderReportHtml({ title: 'T', generatedAt: GENERATED_AT, clearing: [] }, { edgesMax: 0 }),
      () =>
        renderReportHtml({ title: 'T', generatedAt: GENERATED_AT, clearing: [] }, { settlementRowsMax: 1.5 }),
    ];
    // Assert
    for (const attempt of attempts) {
      expect(attempt).toThrow(expect.objectContaining({ code: CoreErrorCodes.INVALID_INPUT }));
    }
  });
});
