/**
 * Every message a builder produces validates against the official XSD (libxml2 compiled to wasm, the
 * `xmllint-wasm` package). Inputs are generated with fast-check from the seeded arbitraries; each XSD gets
 * one validator call with the whole batch, because starting the wasm worker dominates the cost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildCamt053,
  buildCamt054,
  buildPacs002,
  buildPacs008,
  buildPacs009,
  buildPain001,
  PACS008_VERSIONS,
} from 'deltran/iso20022';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { describeCorpus } from '../../_helpers/corpus';
import {
  bankToCustomerReport,
  pacs008Input,
  pacs009Input,
  pain001Input,
  paymentStatusReport,
} from '../../arbitraries/iso20022';

const SEED = Number(process.env.DELTRAN_SEED ?? 1);
/** Messages per builder and version: enough to reach every optional branch of the arbitraries. */
const MESSAGES_PER_SCHEMA = 40;

/** The `<Document>` and `<AppHdr>` parts of a built message, each a standalone XML text. */
function part(xml: string, element: 'Document' | 'AppHdr'): string | undefined {
  const start = xml.indexOf(`<${element} `);
  if (start < 0) return undefined;
  const end = xml.indexOf(`</${element}>`, start);
  return xml.slice(start, end + element.length + 3);
}

async function validate(dir: string, schema: string, documents: readonly string[]): Promise<string[]> {
  const result = await validateXML({
    xml: documents.map((contents, i) => ({ fileName: `${schema}-${i}.xml`, contents })),
    schema: [readFileSync(join(dir, 'iso20022', 'xsd', `${schema}.xsd`), 'utf8')],
    maxMemoryPages: 4096,
  });
  return result.errors.map((e) => e.rawMessage);
}

function sample<T>(arb: fc.Arbitrary<T>, offset: number): T[] {
  return fc.sample(arb, { numRuns: MESSAGES_PER_SCHEMA, seed: SEED + offset });
}

const ENVELOPE = {
  from: { bic: 'DEUTDEFF' },
  to: { bic: 'BNPAFRPP' },
  businessService: 'swift.cbprplus.02',
} as const;

describeCorpus('builders against the official XSDs (xmllint-wasm)', (dir) => {
  it('should produce pacs.008.001.08 to .13, pacs.009, pain.001, pacs.002, camt.053 and camt.054 that validate', async () => {
    // Arrange: many generated inputs per builder, every other one in an AppHdr envelope
    const byXsd = new Map<string, string[]>();
    const add = (xsd: string, xml: string) => {
      const doc = part(xml, 'Document');
      expect(doc, xsd).toBeDefined();
      byXsd.set(xsd, [...(byXsd.get(xsd) ?? []), doc!]);
      const header = part(xml, 'AppHdr');
      if (header !== undefined) {
        const version = /head\.001\.001\.0\d/.exec(header)![0];
        byXsd.set(version, [...(byXsd.get(version) ?? []), header]);
      }
    };
    const envelope = (i: number, version: 'head.001.001.02' | 'head.001.001.04' = 'head.001.001.02') =>
      i % 2 === 0 ? { envelope: { ...ENVELOPE, version } } : {};
    // Act
    for (const version of PACS008_VERSIONS) {
      sample(pacs008Input(version), Number(version.slice(-2))).forEach(({ header, payments }, i) => {
        const head = version >= 'pacs.008.001.12' ? 'head.001.001.04' : 'head.001.001.02';
        add(version, buildPacs008(payments, { ...header, version, ...envelope(i, head) }));
      });
    }
    sample(pacs009Input(), 9).forEach(({ header, payments }, i) => {
      add('pacs.009.001.08', buildPacs009(payments, { ...header, ...envelope(i) }));
    });
    sample(pain001Input(), 1).forEach(({ header, payments }, i) => {
      add('pain.001.001.09', buildPain001(payments, { ...header, ...envelope(i) }));
    });
    for (const [i, report] of sample(paymentStatusReport, 2).entries())
      add('pacs.002.001.10', buildPacs002(report, envelope(i)));
    for (const [i, report] of sample(bankToCustomerReport(true), 53).entries())
      add('camt.053.001.08', buildCamt053(report, envelope(i)));
    for (const [i, report] of sample(bankToCustomerReport(false), 54).entries())
      add('camt.054.001.08', buildCamt054(report, envelope(i)));
    const failures: string[] = [];
    for (const [xsd, documents] of byXsd) failures.push(...(await validate(dir, xsd, documents)));
    // Assert
    expect([...byXsd.keys()].sort()).toEqual([
      'camt.053.001.08',
      'camt.054.001.08',
      'head.001.001.02',
      'head.001.001.04',
      'pacs.002.001.10',
      'pacs.008.001.08',
      'pacs.008.001.09',
      'pacs.008.001.10',
      'pacs.008.001.11',
      'pacs.008.001.12',
      'pacs.008.001.13',
      'pacs.009.001.08',
      'pain.001.001.09',
    ]);
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('should notice an invalid document (the validator is really checking)', async () => {
    // Arrange: element order broken on purpose
    const { header, payments } = sample(pacs008Input(), 99)[0]!;
    const xml = part(buildPacs008(payments, header), 'Document')!;
    const broken = xml
      .replace(/<ChrgBr>(\w+)<\/ChrgBr>/, '')
      .replace('</PmtId>', '</PmtId><ChrgBr>SHAR</ChrgBr>');
    // Act
    const errors = await validate(dir, 'pacs.008.001.08', [broken]);
    // Assert
    expect(errors.length).toBeGreaterThan(0);
  });
});
