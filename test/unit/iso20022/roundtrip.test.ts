/**
 * parse(build(x)) gives back x, for every builder (STYLE.md §6.3): generated canonical payments and
 * reports go through the builder and the gateway's own parser, with and without an AppHdr envelope.
 */
import { createSeededRandom } from 'deltran';
import {
  buildCamt053,
  buildCamt054,
  buildPacs002,
  buildPacs008,
  buildPacs009,
  buildPain001,
  PACS008_VERSIONS,
  type ParsedMessage,
  parseMessage,
} from 'deltran/iso20022';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bankToCustomerReport,
  pacs008Input,
  pacs009Input,
  pain001Input,
  paymentStatusReport,
} from '../../arbitraries/iso20022';

const ENVELOPE = { from: { bic: 'DEUTDEFF' }, to: { bic: 'BNPAFRPP' } } as const;
const parse = (xml: string): ParsedMessage => parseMessage(xml, { random: createSeededRandom(1) });

function reportOf(m: ParsedMessage): unknown {
  if (m.type === 'pacs.002') {
    const { messageId, creationDateTime, instructingAgent, instructedAgent, originalGroups, transactions } =
      m;
    return {
      messageId,
      creationDateTime,
      ...(instructingAgent !== undefined ? { instructingAgent } : {}),
      ...(instructedAgent !== undefined ? { instructedAgent } : {}),
      ...(originalGroups !== undefined ? { originalGroups } : {}),
      transactions,
    };
  }
  if (m.type === 'camt.053' || m.type === 'camt.054' || m.type === 'camt.052') {
    return { messageId: m.messageId, creationDateTime: m.creationDateTime, reports: m.reports };
  }
  return undefined;
}

describe('properties: parse(build(x)) equals x', () => {
  it('should hold for pacs.008.001.08 to .001.13', () => {
    for (const version of PACS008_VERSIONS) {
      fc.assert(
        fc.property(pacs008Input(version), fc.boolean(), ({ header, payments }, enveloped) => {
          const xml = buildPacs008(payments, {
            ...header,
            version,
            ...(enveloped ? { envelope: ENVELOPE } : {}),
          });
          const parsed = parse(xml);
          expect(parsed.type).toBe('pacs.008');
          expect(parsed.version).toBe(version);
          if (parsed.type === 'pacs.008') expect(parsed.payments).toEqual(payments);
          expect(parsed.warnings).toEqual([]);
        }),
        { numRuns: 30 },
      );
    }
  });

  it('should hold for pacs.009.001.08', () => {
    fc.assert(
      fc.property(pacs009Input(), ({ header, payments }) => {
        const parsed = parse(buildPacs009(payments, header));
        if (parsed.type !== 'pacs.009') throw new Error(`expected pacs.009, got ${parsed.type}`);
        expect(parsed.payments).toEqual(payments);
      }),
      { numRuns: 60 },
    );
  });

  it('should hold for pain.001.001.09', () => {
    fc.assert(
      fc.property(pain001Input(), ({ header, payments }) => {
        const parsed = parse(buildPain001(payments, header));
        if (parsed.type !== 'pain.001') throw new Error(`expected pain.001, got ${parsed.type}`);
        expect(parsed.payments).toEqual(payments);
      }),
      { numRuns: 60 },
    );
  });

  it('should hold for pacs.002.001.10', () => {
    fc.assert(
      fc.property(paymentStatusReport, (report) => {
        expect(reportOf(parse(buildPacs002(report)))).toEqual(report);
      }),
      { numRuns: 60 },
    );
  });

  it('should hold for camt.053.001.08 and camt.054.001.08', () => {
    fc.assert(
      fc.property(bankToCustomerReport(true), (report) => {
        expect(reportOf(parse(buildCamt053(report)))).toEqual(report);
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(bankToCustomerReport(false), (report) => {
        expect(reportOf(parse(buildCamt054(report)))).toEqual(report);
      }),
      { numRuns: 60 },
    );
  });
});
