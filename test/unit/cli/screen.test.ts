import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import screen from '../../../src/cli/commands/screen';
import { captureIo } from '../../_helpers/cli';
import { paymentJson } from '../compliance/_fixtures';

const fixtures = fileURLToPath(new URL('../../fixtures/compliance/', import.meta.url));
const lists = [
  '--list',
  fixtures,
  '--list',
  join(fixtures, 'un.xml'),
  '--list',
  join(fixtures, 'internal-list.json'),
];

function tempFile(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'deltran-screen-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('deltran screen', () => {
  it('should print each payment with its decision and reasons, and exit 4 on a REJECT', async () => {
    // Arrange
    const io = captureIo();
    // Act
    const code = await screen([join(fixtures, 'payment.json'), ...lists], io);
    // Assert: the debtor IBAN is on the internal list, the debtor name on the OFAC-style list
    expect(code).toBe(4);
    expect(io.out()).toContain('4f0c8a36-5d2b-4b8e-9c1a-2e3f4a5b6c7d  E2E-TEST-1  EUR 1250.00  REJECT');
    expect(io.out()).toContain('COMPLIANCE_SANCTIONS_IDENTIFIER_MATCH debtor/iban');
    expect(io.out()).toContain('COMPLIANCE_SANCTIONS_NAME_MATCH debtor/name');
    expect(io.err()).toContain('warning COMPLIANCE_INVALID_LIST alt[2]');
  });

  it('should exit 0 for clean payments and 3 for a REVIEW, reading arrays of payments', async () => {
    // Arrange
    const clean = paymentJson({ debtor: { name: 'Erik Holm', account: { iban: 'GB82WEST12345698765432' } } });
    const review = paymentJson({
      uetr: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
      debtor: { name: 'Rouslan Karamov', account: { iban: 'GB82WEST12345698765432' } },
    });
    // Act
    const ioClean = captureIo();
    const codeClean = await screen([tempFile('clean.json', clean), ...lists], ioClean);
    const ioBoth = captureIo();
    const codeBoth = await screen([tempFile('both.json', [clean, review]), ...lists], ioBoth);
    // Assert
    expect(codeClean).toBe(0);
    expect(ioClean.out()).toContain('ALLOW  score 0');
    expect(codeBoth).toBe(3);
    expect(
      ioBoth
        .out()
        .split('\n')
        .filter((l) => l.includes('  REVIEW  ')),
    ).toHaveLength(1);
  });

  it('should print JSON with --json', async () => {
    // Arrange
    const io = captureIo();
    // Act
    await screen([join(fixtures, 'payment.json'), ...lists, '--json'], io);
    // Assert
    const [result] = JSON.parse(io.out());
    expect(result).toMatchObject({
      file: 'payment.json',
      uetr: '4f0c8a36-5d2b-4b8e-9c1a-2e3f4a5b6c7d',
      decision: 'REJECT',
    });
    expect(result.subjects.map((s: { role: string }) => s.role)).toEqual([
      'debtor',
      'creditor',
      'debtorAgent',
      'creditorAgent',
    ]);
  });

  it('should report unreadable payments with their paths and exit 1', async () => {
    // Arrange
    const io = captureIo();
    const bad = tempFile('bad.json', paymentJson({ amount: { currency: 'EUR', amount: '1.001' } }));
    // Act
    const code = await screen([bad, ...lists], io);
    // Assert
    expect(code).toBe(1);
    expect(io.err()).toMatch(/CORE_INVALID_AMOUNT amount/);
  });

  it('should exit 2 on usage errors and 1 on an unreadable list', async () => {
    // Act / Assert
    expect(await screen([join(fixtures, 'payment.json')], captureIo())).toBe(2);
    expect(await screen([join(fixtures, 'payment.json'), ...lists, '--review', '2'], captureIo())).toBe(2);
    const io = captureIo();
    expect(await screen([join(fixtures, 'payment.json'), '--list', tempFile('list.txt', 'x')], io)).toBe(1);
    expect(io.err()).toContain('unknown list format');
  });

  it('should print its help', async () => {
    // Arrange
    const io = captureIo();
    // Act / Assert
    expect(await screen(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: deltran screen');
  });
});

describe('deltran screen (ISO 20022 XML)', () => {
  it('should screen the payments of a pacs.008 message', async () => {
    // Arrange
    const io = captureIo();
    const xml = fileURLToPath(new URL('../../fixtures/iso20022/pacs008/valid/minimal.xml', import.meta.url));
    // Act
    const code = await screen([xml, ...lists], io);
    // Assert
    expect([0, 3, 4]).toContain(code);
    expect(io.err()).not.toMatch(/ISO20022_/);
    expect(io.out()).toMatch(/minimal\.xml {2}[0-9a-f-]{36} {2}\S+ {2}EUR [\d.]+ {2}(ALLOW|REVIEW|REJECT)/);
  });
});
