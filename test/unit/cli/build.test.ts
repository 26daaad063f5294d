import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalPaymentToJson, createSeededRandom, fromMinor } from 'deltran';
import {
  buildCamt053,
  buildPacs002,
  buildPacs008,
  messageToJson,
  parseMessage,
  parseMt103Batch,
} from 'deltran/iso20022';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import build from '../../../src/cli/commands/build';
import parse from '../../../src/cli/commands/parse';
import { captureIo } from '../../_helpers/cli';
import { bankToCustomerReport, pacs008Input, paymentStatusReport } from '../../arbitraries/iso20022';

const dir = mkdtempSync(join(tmpdir(), 'deltran-build-'));
function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}
const SEED = Number(process.env.DELTRAN_SEED ?? 1);
const [sample] = fc.sample(pacs008Input('pacs.008.001.08'), { numRuns: 1, seed: SEED });
const { header, payments } = sample!;
const parseXml = (xml: string) => parseMessage(xml, { random: createSeededRandom(1) });

describe('deltran build', () => {
  it('should build pacs.008 from a plain array of canonical payments', async () => {
    // Arrange
    const input = file('payments.json', payments.map(canonicalPaymentToJson));
    const io = captureIo();
    // Act
    const code = await build(
      ['pacs.008', input, '--message-id', header.messageId, '--creation-date-time', header.creationDateTime],
      io,
    );
    // Assert
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const parsed = parseXml(io.out());
    expect(parsed.type === 'pacs.008' && parsed.payments).toEqual(payments);
  });

  it('should round-trip parse → edit → build from pacs.008.001.08 to .001.13, in an envelope', async () => {
    // Arrange: what `deltran parse` prints, with the amount of the first payment edited
    const json = messageToJson(parseXml(buildPacs008(payments, header))) as unknown as {
      payments: { amount: { amount: string } }[];
    };
    json.payments[0]!.amount.amount = payments[0]!.amount.currency === 'JPY' ? '7' : '7.00';
    const input = file('parsed.json', json);
    const io = captureIo();
    // Act
    const code = await build(['pacs.008', input, '--version', '13', '--envelope'], io);
    // Assert
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toContain('<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02">');
    const parsed = parseXml(io.out());
    expect(parsed.version).toBe('pacs.008.001.13');
    expect(parsed.type === 'pacs.008' && parsed.payments.map((p) => p.endToEndId)).toEqual(
      payments.map((p) => p.endToEndId),
    );
    expect(parsed.type === 'pacs.008' && parsed.payments[0]!.amount.minor).toBe(
      payments[0]!.amount.currency === 'JPY'
        ? 7n
        : payments[0]!.amount.currency === 'BHD'
          ? 7000n
          : payments[0]!.amount.currency === 'CLF'
            ? 70000n
            : 700n,
    );
  });

  it('should read what the real `deltran parse --compact` prints for two files (NDJSON)', async () => {
    // Arrange
    const [a, b] = fc.sample(pacs008Input('pacs.008.001.08'), { numRuns: 2, seed: SEED + 1 });
    const second = b!.payments.map((p, i) => ({
      ...p,
      uetr: `${p.uetr.slice(0, -4)}${String(i).padStart(4, '0')}`,
      endToEndId: `B-${i}`,
    }));
    const fileA = join(dir, 'a.xml');
    const fileB = join(dir, 'b.xml');
    writeFileSync(fileA, buildPacs008(a!.payments, a!.header));
    writeFileSync(fileB, buildPacs008(second, b!.header));
    const parsed = captureIo();
    expect(await parse(['--compact', fileA, fileB], parsed)).toBe(0);
    writeFileSync(join(dir, 'parsed.ndjson'), parsed.out());
    const io = captureIo();
    // Act
    const code = await build(['pacs.008', join(dir, 'parsed.ndjson'), '--message-id', 'COMBINED'], io);
    // Assert
    expect(code, io.err()).toBe(0);
    const out = parseXml(io.out());
    expect(out.type === 'pacs.008' && out.payments.length).toBe(a!.payments.length + second.length);
  });

  it('should rebuild pacs.002 and camt.053 from their parsed JSON', async () => {
    // Arrange
    const [status] = fc.sample(paymentStatusReport, { numRuns: 1, seed: SEED });
    const [statement] = fc.sample(bankToCustomerReport(true), { numRuns: 1, seed: SEED });
    const pacs002 = file('pacs002.json', messageToJson(parseXml(buildPacs002(status!))));
    const camt053 = file('camt053.json', messageToJson(parseXml(buildCamt053(statement!))));
    // Act
    const a = captureIo();
    const b = captureIo();
    const codes = [await build(['pacs.002', pacs002], a), await build(['camt.053', camt053], b)];
    // Assert
    expect(codes).toEqual([0, 0]);
    expect(a.out()).toBe(buildPacs002(status!));
    expect(b.out()).toBe(buildCamt053(statement!));
  });

  it('should print an MT103 per payment, as an RJE batch when there are several', async () => {
    // Arrange
    // MT amounts have at most 15 characters: use small ones.
    // Blocks 1 and 2 are addressed from the agents' BICs.
    const mtReady = payments.map(
      ({ instructedAmount: _i, instructingAgent: _a, instructedAgent: _b, ...p }) => ({
        ...p,
        debtorAgent: { bic: 'DEUTDEFF' },
        creditorAgent: { bic: 'BNPAFRPP' },
        amount: fromMinor(12345n, p.amount.currency),
        settlementDate: p.settlementDate ?? '2026-01-05',
      }),
    );
    const input = file('mt.json', mtReady.map(canonicalPaymentToJson));
    const io = captureIo();
    // Act
    const code = await build(['mt103', input], io);
    // Assert
    expect(code, io.err()).toBe(0);
    const entries = parseMt103Batch(io.out());
    expect(entries.map((e) => e.message.userHeader?.find((f) => f.tag === '121')?.value)).toEqual(
      payments.map((p) => p.uetr),
    );
  });

  it('should exit 1 with each issue as CODE PATH: message when the input cannot be built', async () => {
    // Arrange: pacs.009 has no ChrgBr
    const input = file('charges.json', payments.map(canonicalPaymentToJson));
    const io = captureIo();
    // Act
    const code = await build(['pacs.009', input, '--creation-date-time', '2026-01-05T10:00:00Z'], io);
    // Assert
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^ISO20022_NOT_REPRESENTABLE CdtTrfTxInf\[0\]\/ChrgBr: /m);
  });

  it('should exit 2 on usage errors and report invalid payment JSON with its path', async () => {
    const io = captureIo();
    expect(await build(['pacs.999', 'x.json'], io)).toBe(2);
    expect(await build(['pacs.008'], io)).toBe(2);
    expect(await build(['camt.053', file('p.json', payments.map(canonicalPaymentToJson))], io)).toBe(2);
    const bad = captureIo();
    const broken = [
      { ...canonicalPaymentToJson(payments[0]!), amount: { currency: 'EUR', amount: '1.234' } },
    ];
    expect(await build(['pacs.008', file('bad.json', broken)], bad)).toBe(1);
    expect(bad.err()).toMatch(/CORE_INVALID_AMOUNT \[0\]\/amount\/amount: /);
    const help = captureIo();
    expect(await build(['--help'], help)).toBe(0);
    expect(help.out()).toContain('Usage: deltran build TYPE INPUT.json');
  });
});
