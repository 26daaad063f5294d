import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoReport } from '../../../src/cli/_internal/demo-report';
import { main } from '../../../src/cli/main';
import { captureIo } from '../../_helpers/cli';

/** The figure in the "Payments per stage" table row that starts with `label`. */
function stageCount(text: string, label: string): number {
  const line = text.split('\n').find((l) => l.trimStart().startsWith(label));
  const match = line?.slice(line.indexOf(label) + label.length).match(/^\s+([\d,]+)/);
  if (match === null || match === undefined) throw new Error(`no row "${label}"`);
  return Number(match[1]!.replaceAll(',', ''));
}

describe('deltran demo (a day through the pipeline)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deltran-demo-'));
  const out = join(dir, 'messages');
  const html = join(dir, 'report', 'day.html');
  let code: number;
  let text: string;
  let err: string;

  beforeAll(async () => {
    // An earlier run's message and a file of the user's in the output folder.
    mkdirSync(out);
    writeFileSync(join(out, 'pacs.009.001.08-EARLIER-RUN-1.xml'), '<old/>');
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const io = captureIo({ cwd: dir });
    code = await main(['demo', '--payments', '200', '--out', out, '--html', html], io);
    text = io.out();
    err = io.err();
  }, 60_000);

  it('should end the day as expected with exit code 0 and every section of the report', () => {
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const section of [
      'Payments per stage',
      'Rejections (',
      'Tokens minted and burned per currency',
      'Reconciliation (reserve = token supply + unallocated + payout in flight)',
      'Netting per currency',
      'Settlement: ',
      'Settlement messages: ',
      'HTML report: ',
      'Timings (wall clock',
      'stage latency (ms, wall clock)',
      'Checks: all passed',
    ])
      expect(text, section).toContain(section);
    expect(text).not.toContain('FAIL');
  });

  it('should show figures that add up: allowed + rejected = distinct, minted = allowed', () => {
    const received = stageCount(text, 'received (gateway)');
    const allowed = stageCount(text, 'allowed (compliance)');
    const rejected = stageCount(text, 'rejected (compliance)');
    const held = stageCount(text, 'held for review');
    const duplicates = stageCount(text, 'duplicates ignored');
    const conflicts = stageCount(text, 'UETR conflicts refused');
    expect(allowed + rejected + held).toBe(200);
    expect(received).toBe(200 + duplicates + conflicts);
    expect(duplicates).toBeGreaterThan(0);
    expect(conflicts).toBe(1);
    expect(rejected).toBeGreaterThan(0);
    expect(stageCount(text, 'tokens minted')).toBe(allowed);
    expect(stageCount(text, 'obligations')).toBe(allowed);
    expect(text).toContain(`Rejections (${rejected})`);
    expect(text).toContain('COMPLIANCE_SANCTIONS_NAME_MATCH');
    expect(text).toContain('PIPELINE_DUPLICATE_UETR_CONFLICT');
    expect(text).toMatch(/Settlement: [\d,]+ SETTLED, 1 REJECTED, 0 TIMED_OUT, 0 open/);
    expect(text).toMatch(/REJECTED si:window:EUR:\S+ .* AC04 /);
    expect(text).toContain('ledger.verify(): ok');
  });

  it('should write every settlement message to the folder and say how many', () => {
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    const files = readdirSync(out)
      .filter((f) => f !== 'notes.txt')
      .sort();
    expect(files).not.toContain('pacs.009.001.08-EARLIER-RUN-1.xml');
    expect(text).toContain(`Settlement messages: ${files.length} written to ${out}`);
    expect(files.length).toBeGreaterThan(10);
    expect(files.every((f) => /^pacs\.00[89]\.001\.08-[A-Za-z0-9._-]+\.xml$/.test(f))).toBe(true);
    expect(files.some((f) => f.startsWith('pacs.009'))).toBe(true);
    expect(files.some((f) => f.startsWith('pacs.008'))).toBe(true);
    const first = readFileSync(join(out, files[0]!), 'utf8');
    expect(first).toContain('<?xml');
    expect(first).toContain('urn:iso:std:iso:20022:tech:xsd:pacs.00');
  });

  it('should write a self-contained HTML report and print where', () => {
    expect(text).toContain(`HTML report: ${html}`);
    const page = readFileSync(html, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>') || page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<svg');
    expect(page).toContain('window:EUR:1');
    expect(page).toContain('REJECTED');
    expect(page).not.toMatch(/<script|(?:src|href)="https?:|@import/i);
  });

  it('should print the report as one JSON document with --json, consistent with itself', async () => {
    // Arrange
    const io = captureIo({ cwd: dir });
    // Act
    const jsonCode = await main(['demo', '--payments', '60', '--out', join(dir, 'json-out'), '--json'], io);
    const report = JSON.parse(io.out()) as DemoReport;
    // Assert
    expect(jsonCode).toBe(0);
    expect(io.err()).toBe('');
    expect(report.format).toBe('deltran.demo-report');
    expect(report.ok).toBe(true);
    const p = report.payments;
    expect(p.allowed + p.rejected + p.held).toBe(p.distinct);
    expect(p.received).toBe(p.distinct + p.duplicates + p.conflicts);
    expect(p.minted).toBe(p.allowed);
    expect(p.obligations.international + p.obligations.local).toBe(p.obligations.total);
    expect(report.rejections.byReason.reduce((n, g) => n + g.count, 0)).toBe(p.rejected);
    expect(report.tokens.reduce((n, t) => n + t.minted.count, 0)).toBe(p.minted);
    for (const t of report.tokens) {
      expect(t.balanced, t.currency).toBe(true);
      expect(t.supplyMatches, t.currency).toBe(true);
      expect(typeof t.reserve).toBe('string');
    }
    expect(report.settlement.counts).toMatchObject({ REJECTED: 1, TIMED_OUT: 0 });
    expect(report.settlement.counts.SETTLED! + 1).toBe(p.settlementInstructions.total);
    expect(report.messages.count).toBe(readdirSync(join(dir, 'json-out')).length);
    for (const n of report.netting) {
      expect(n.gross).toMatch(/^\d+(\.\d+)?$/);
      expect(BigInt(n.gross.replace('.', ''))).toBe(
        BigInt(n.settled.replace('.', '')) + BigInt(n.savings.replace('.', '')),
      );
    }
    expect(p.distinct).toBe(60);
    expect(report.timings.stages.map((s) => s.stage)).toContain('compliance');
  }, 60_000);

  it('should draw a progress bar on stderr on a terminal only, and clear it before the report', async () => {
    // Arrange
    const tty = captureIo({ cwd: dir, isTty: true });
    // Act
    const ttyCode = await main(['demo', '--payments', '20', '--out', join(dir, 'tty-out')], tty);
    // Assert: the bar is redrawn with carriage returns, ends cleared, and never reaches stdout
    expect(ttyCode).toBe(0);
    expect(tty.err()).toMatch(/\r(funding|payments|settlement)\s+\[[#.]{30}\]\s+\d+%/);
    expect(tty.err().endsWith('\r')).toBe(true);
    expect(tty.out()).not.toContain('\r');
    expect(err).toBe('');
  }, 60_000);

  it('should refuse a bad option value with exit code 2 and a clear message', async () => {
    // Arrange
    const io = captureIo();
    // Act
    const badCount = await main(['demo', '--payments', 'many'], io);
    const dirWithoutValidate = await main(['demo', '--dir', '.'], io);
    // Assert
    expect(badCount).toBe(2);
    expect(dirWithoutValidate).toBe(2);
    expect(io.err()).toContain('--payments expects a whole number');
    expect(io.err()).toContain('--dir goes with --validate');
  });
});

describe('deltran demo --validate (the example payments)', () => {
  it('should validate the bundled examples and print exact totals per currency', async () => {
    // Arrange
    const io = captureIo();
    // Act
    const code = await main(['demo', '--validate'], io);
    // Assert
    expect(code).toBe(0);
    expect(io.out()).toContain('5 payments validated');
    expect(io.out()).toMatch(/USD\s+250000\.00\s+\(1 payment\)/);
    expect(io.out()).toMatch(/JPY\s+3850000\s+\(1 payment\)/);
    expect(io.out()).toContain('bad-iban-and-cents.json');
    expect(io.out()).toContain('CORE_INVALID_AMOUNT');
  });

  it('should print the same report as JSON with --json', async () => {
    // Arrange
    const io = captureIo();
    // Act
    const code = await main(['demo', '--validate', '--json'], io);
    const report = JSON.parse(io.out()) as {
      payments: { crossBorder: boolean }[];
      totals: { currency: string; total: string }[];
      rejected: { file: string; issues: { code: string; path: string }[] }[];
    };
    // Assert
    expect(code).toBe(0);
    expect(report.payments).toHaveLength(5);
    expect(report.payments.filter((p) => !p.crossBorder)).toHaveLength(1);
    expect(report.totals).toContainEqual({ currency: 'EUR', count: 1, total: '12500.00' });
    expect(report.rejected[0]?.issues.map((i) => i.path).sort()).toEqual([
      'amount/amount',
      'debtor/account/iban',
    ]);
  });

  it('should fail when a file it expects to pass is rejected', async () => {
    // Arrange: a folder whose only payment has a broken UETR
    const dir = mkdtempSync(join(tmpdir(), 'deltran-demo-'));
    const good = JSON.parse(
      readFileSync(new URL('../../../examples/payments/01-eur-de-fr.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...good, uetr: 'not-a-uetr' }));
    mkdirSync(join(dir, 'rejected'));
    const io = captureIo({ cwd: dir });
    // Act
    const code = await main(['demo', '--validate', '--dir', '.'], io);
    // Assert
    expect(code).toBe(1);
    expect(io.err()).toContain('broken.json was rejected');
  });

  it('should answer --help, and refuse an unknown command with exit code 2', async () => {
    // Arrange
    const help = captureIo();
    const demoHelp = captureIo();
    const unknown = captureIo();
    // Act
    const helpCode = await main(['--help'], help);
    const demoHelpCode = await main(['demo', '--help'], demoHelp);
    const unknownCode = await main(['frobnicate'], unknown);
    // Assert
    expect(helpCode).toBe(0);
    expect(help.out()).toContain('demo');
    expect(demoHelpCode).toBe(0);
    expect(demoHelp.out()).toContain('--payments N');
    expect(demoHelp.out()).toContain('--validate');
    expect(unknownCode).toBe(2);
    expect(unknown.err()).toContain('unknown command "frobnicate"');
  });
});
