/**
 * Shared helpers for the compliance and obligations tests: the synthetic fixture lists of
 * test/fixtures/compliance and a canonical payment builder.
 * @internal
 */
import { readFileSync } from 'node:fs';
import { type CanonicalPayment, parseCanonicalPayment } from 'deltran';
import { loadJsonList, loadOfacSdn, loadUnList, type SanctionsList } from 'deltran/compliance';

const dir = new URL('../../fixtures/compliance/', import.meta.url);

/** Content of a fixture file. */
export function fixture(name: string): string {
  return readFileSync(new URL(name, dir), 'utf8');
}

/** The three synthetic lists: OFAC-style CSV, UN-style XML, internal JSON. */
export function fixtureLists(): SanctionsList[] {
  return [
    loadOfacSdn({
      sdn: readFileSync(new URL('sdn.csv', dir)),
      alt: fixture('alt.csv'),
      add: fixture('add.csv'),
      comments: fixture('sdn_comments.csv'),
    }),
    loadUnList(fixture('un.xml')),
    loadJsonList(fixture('internal-list.json')),
  ];
}

/** The JSON form of the fixture payment, with overrides merged at the top level. */
export function paymentJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(fixture('payment.json')) as Record<string, unknown>), ...overrides };
}

/** The fixture payment as a CanonicalPayment, with overrides. */
export function payment(overrides: Record<string, unknown> = {}): CanonicalPayment {
  return parseCanonicalPayment(paymentJson(overrides));
}
