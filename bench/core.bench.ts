/**
 * Core hot paths: amount parsing and formatting, summing, allocation, identifier validation, and the
 * canonical payment codec (its fast path next to the zod schema it falls back to, the reference).
 * Inputs are generated once from the shared arbitraries with a fixed seed (STYLE.md §7.2) and checked
 * before timing (§7.3).
 */
import fc from 'fast-check';
import { Bench } from 'tinybench';
import {
  allocate,
  CanonicalPaymentJsonSchema,
  canonicalPaymentToJson,
  formatMoney,
  isValidBic,
  isValidIban,
  isValidUetr,
  money,
  parseCanonicalPayment,
  sum,
} from '../src/index';
import { canonicalAmount, canonicalPaymentJson, iban, uetr } from '../test/arbitraries/payment';
import { BENCH_SEED, report } from './_lib';

const N = 10_000;
const amounts = fc.sample(canonicalAmount('EUR', { max: 10n ** 12n }), { numRuns: N, seed: BENCH_SEED });
const ibans = fc.sample(iban, { numRuns: N, seed: BENCH_SEED });
const uetrs = fc.sample(uetr, { numRuns: N, seed: BENCH_SEED });
const bics = Array.from(
  { length: N },
  (_, i) => ['DEUTDEFF', 'BNPAFRPPXXX', 'CHASUS33', 'NBADAEAA500'][i % 4]!,
);
const parsed = amounts.map((a) => money(a, 'EUR'));
const PAYMENTS = 1_000;
const paymentJsons = fc.sample(canonicalPaymentJson(), { numRuns: PAYMENTS, seed: BENCH_SEED });
const payments = paymentJsons.map((json) => parseCanonicalPayment(json));

// Check once before timing: a broken build must not produce a fast number.
if (parsed.some((m, i) => formatMoney(m) !== amounts[i]))
  throw new Error('money/formatMoney round trip broke');
if (!ibans.every(isValidIban) || !uetrs.every(isValidUetr) || !bics.every(isValidBic))
  throw new Error('generated identifiers must be valid');
if (
  payments.some(
    (p, i) =>
      JSON.stringify(canonicalPaymentToJson(p)) !== JSON.stringify(CanonicalPaymentJsonSchema.encode(p)) ||
      JSON.stringify(canonicalPaymentToJson(p)) !==
        JSON.stringify(canonicalPaymentToJson(parseCanonicalPayment(paymentJsons[i]))),
  )
)
  throw new Error('the payment codec fast path and zod disagree');
const expectedTotal = parsed.reduce((acc, m) => acc + m.minor, 0n);
if (sum(parsed).minor !== expectedTotal) throw new Error('sum is wrong');

const bench = new Bench({ time: 1000, warmup: true });
bench
  .add('money() parse ×10k', () => {
    for (const a of amounts) money(a, 'EUR');
  })
  .add('formatMoney ×10k', () => {
    for (const m of parsed) formatMoney(m);
  })
  .add('sum ×10k', () => {
    sum(parsed);
  })
  .add('allocate 1 000 parts', () => {
    allocate(
      money('1000000.00', 'EUR'),
      Array.from({ length: 1000 }, (_, i) => (i % 7) + 1),
    );
  })
  .add('isValidIban ×10k', () => {
    for (const s of ibans) isValidIban(s);
  })
  .add('isValidBic ×10k', () => {
    for (const s of bics) isValidBic(s);
  })
  .add('isValidUetr ×10k', () => {
    for (const s of uetrs) isValidUetr(s);
  })
  .add('parseCanonicalPayment ×1k', () => {
    for (const json of paymentJsons) parseCanonicalPayment(json);
  })
  .add('zod safeDecode (reference) ×1k', () => {
    for (const json of paymentJsons) CanonicalPaymentJsonSchema.safeDecode(json);
  })
  .add('canonicalPaymentToJson ×1k', () => {
    for (const payment of payments) canonicalPaymentToJson(payment);
  })
  .add('zod safeEncode (reference) ×1k', () => {
    for (const payment of payments) CanonicalPaymentJsonSchema.safeEncode(payment);
  });

await bench.run();
report('core', bench, {
  'money() parse ×10k': { itemsPerRun: N },
  'formatMoney ×10k': { itemsPerRun: N },
  'sum ×10k': { itemsPerRun: N },
  'isValidIban ×10k': { itemsPerRun: N },
  'isValidBic ×10k': { itemsPerRun: N },
  'isValidUetr ×10k': { itemsPerRun: N },
  'parseCanonicalPayment ×1k': { itemsPerRun: PAYMENTS },
  'zod safeDecode (reference) ×1k': { itemsPerRun: PAYMENTS },
  'canonicalPaymentToJson ×1k': { itemsPerRun: PAYMENTS },
  'zod safeEncode (reference) ×1k': { itemsPerRun: PAYMENTS },
});
