/**
 * Quick start: exact money, identifiers and a canonical payment.
 * Run with `npx tsx examples/quickstart.ts` (type-checked by `npm run lint`).
 */
import { readFileSync } from 'node:fs';
import {
  add,
  allocate,
  createSeededRandom,
  createUetr,
  DeltranError,
  formatIban,
  formatMoney,
  isValidIban,
  money,
  normalizeBic,
  parseCanonicalPayment,
  safeParseCanonicalPayment,
} from 'deltran';

// Money is bigint minor units of its currency; text in, text out, never a float.
const invoice = money('1000.00', 'EUR');
const shares = allocate(invoice, [1, 1, 1]); // the remainder cent goes to the first share
console.log(shares.map(formatMoney)); // [ '333.34', '333.33', '333.33' ]
console.log(formatMoney(add(shares[0]!, shares[1]!))); // 666.67

try {
  money('10.125', 'EUR'); // three decimals do not fit EUR: refused, never rounded
} catch (error) {
  if (error instanceof DeltranError) console.log(error.code); // CORE_INVALID_AMOUNT
}

// Identifiers: strict validators, explicit normalisers.
console.log(isValidIban('DE89 3704 0044 0532 0130 00'), formatIban('DE89370400440532013000'));
console.log(normalizeBic(' deutdeff ')); // DEUTDEFF
console.log(createUetr(createSeededRandom(42))); // the same UETR for the same seed

// A canonical payment from its JSON form (decimal-string amounts).
const json = JSON.parse(readFileSync(new URL('./payments/01-eur-de-fr.json', import.meta.url), 'utf8'));
const payment = parseCanonicalPayment(json);
console.log(payment.amount); // { minor: 1250000n, currency: 'EUR' }

const broken = safeParseCanonicalPayment({ ...json, amount: { currency: 'EUR', amount: '1e3' } });
if (!broken.ok) for (const issue of broken.error.issues) console.log(issue.code, issue.path.join('/'));
