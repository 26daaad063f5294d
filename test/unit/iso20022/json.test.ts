import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeededRandom, formatPath } from 'deltran';
import {
  MESSAGE_JSON_FORMAT,
  messageFromJson,
  messageToJson,
  parseMessage,
  safeMessageFromJson,
} from 'deltran/iso20022';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../fixtures/iso20022/', import.meta.url));
const fixture = (path: string): Buffer => readFileSync(join(root, path));

describe('the JSON form of a parsed message', () => {
  it('should write amounts as decimal strings, in a stable key order', () => {
    // Act
    const json = messageToJson(parseMessage(fixture('pacs008/valid/minimal.xml')));
    // Assert: the shape is the point here (what `deltran parse` prints, what `deltran build` reads).
    expect(json).toMatchInlineSnapshot(`
      {
        "format": "deltran.iso20022.message/v1",
        "groupHeader": {
          "creationDateTime": "2026-03-02T09:30:00+01:00",
          "messageId": "MSG-20260302-0001",
          "numberOfTransactions": "1",
          "settlementMethod": "INDA",
        },
        "payments": [
          {
            "amount": {
              "amount": "1250.50",
              "currency": "EUR",
            },
            "chargeBearer": "SHAR",
            "creationDateTime": "2026-03-02T09:30:00+01:00",
            "creditor": {
              "account": {
                "iban": "FR1420041010050500013M02606",
              },
              "name": "Boulangerie Martin SARL",
              "postalAddress": {
                "country": "FR",
                "townName": "Paris",
              },
            },
            "creditorAgent": {
              "bic": "BNPAFRPPXXX",
            },
            "debtor": {
              "account": {
                "iban": "DE89370400440532013000",
              },
              "name": "Acme Widgets GmbH",
              "postalAddress": {
                "buildingNumber": "1",
                "country": "DE",
                "postCode": "60311",
                "streetName": "Hauptstrasse",
                "townName": "Frankfurt",
              },
            },
            "debtorAgent": {
              "bic": "DEUTDEFFXXX",
            },
            "endToEndId": "E2E-0001",
            "instructedAgent": {
              "bic": "BNPAFRPPXXX",
            },
            "instructingAgent": {
              "bic": "DEUTDEFFXXX",
            },
            "instructionId": "INSTR-E2E-0001",
            "messageId": "MSG-20260302-0001",
            "remittanceInformation": {
              "unstructured": [
                "Invoice 2026-0042",
              ],
            },
            "settlementDate": "2026-03-02",
            "source": {
              "type": "pacs.008",
              "version": "pacs.008.001.08",
            },
            "uetr": "eb6305c9-1f7f-49de-aed0-16487c27b42d",
          },
        ],
        "type": "pacs.008",
        "version": "pacs.008.001.08",
        "warnings": [],
      }
    `);
    expect(Object.keys(json)).toEqual(['format', 'type', 'version', 'groupHeader', 'payments', 'warnings']);
    expect(json.format).toBe(MESSAGE_JSON_FORMAT);
  });

  it('should read back exactly what it wrote, for every valid fixture', () => {
    for (const message of readdirSync(root)) {
      for (const file of readdirSync(join(root, message, 'valid'))) {
        const parsed = parseMessage(fixture(`${message}/valid/${file}`), { random: createSeededRandom(3) });
        const text = JSON.stringify(messageToJson(parsed));
        expect(messageFromJson(JSON.parse(text)), file).toEqual(parsed);
      }
    }
  });

  it('should accept hand-written JSON without format or warnings', () => {
    const json = JSON.parse(
      JSON.stringify(messageToJson(parseMessage(fixture('camt054/valid/credit-notification.xml')))),
    );
    delete json.format;
    delete json.warnings;
    const message = messageFromJson(json);
    expect(message.type === 'camt.054' && message.reports[0]?.entries?.[0]?.amount).toEqual({
      minor: 125050n,
      currency: 'EUR',
    });
    expect(message.warnings).toEqual([]);
  });

  it('should refuse JSON that is not a parsed message, listing every problem with its path', () => {
    // Arrange
    const json = JSON.parse(
      JSON.stringify(messageToJson(parseMessage(fixture('pacs008/valid/minimal.xml')))),
    );
    json.payments[0].amount.amount = '10.125';
    json.groupHeader.numberOfTransactions = 'one';
    // Act
    const result = safeMessageFromJson(json);
    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ISO20022_INVALID_JSON');
    expect(result.error.issues.map((i) => formatPath(i.path)).sort()).toEqual([
      'groupHeader/numberOfTransactions',
      'payments[0]/amount/amount',
    ]);
    expect(safeMessageFromJson({ type: 'pacs.999' }).ok).toBe(false);
    expect(safeMessageFromJson([]).ok).toBe(false);
  });
});
