import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { captureIo } from '../../_helpers/cli';

describe('deltran demo', () => {
  it('should validate the bundled examples and print exact totals per currency', async () => {
    // Arrange
    const io = captureIo();
    // Act
    const code = await main(['demo'], io);
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
    const code = await main(['demo', '--json'], io);
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
    const code = await main(['demo', '--dir', '.'], io);
    // Assert
    expect(code).toBe(1);
    expect(io.err()).toContain('broken.json was rejected');
  });

  it('should answer --help, and refuse an unknown command with exit code 2', async () => {
    // Arrange
    const help = captureIo();
    const unknown = captureIo();
    // Act
    const helpCode = await main(['--help'], help);
    const unknownCode = await main(['frobnicate'], unknown);
    // Assert
    expect(helpCode).toBe(0);
    expect(help.out()).toContain('demo');
    expect(unknownCode).toBe(2);
    expect(unknown.err()).toContain('unknown command "frobnicate"');
  });
});
