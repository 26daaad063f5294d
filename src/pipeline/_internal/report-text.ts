/**
 * Text helpers of the HTML report: escaping and digit grouping, locale-independent.
 *
 * @internal
 * @packageDocumentation
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML and SVG content and double- or single-quoted attribute values.
 * @internal
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Writes a whole number with `,` every three digits (`12,345`), the same on every locale.
 * @internal
 */
export function groupDigits(value: number | bigint): string {
  const text = value.toString();
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return negative ? `-${out}` : out;
}

/**
 * `part / whole × 100` with two fraction digits, rounded half to even, computed in integers
 * (`percentOf(2n, 3n)` is `"66.67"`); `"0.00"` when `whole` is zero.
 * @internal
 */
export function percentOf(part: bigint, whole: bigint): string {
  if (whole === 0n) return '0.00';
  const n = (part < 0n ? -part : part) * 10_000n;
  const d = whole < 0n ? -whole : whole;
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  const digits = q.toString().padStart(3, '0');
  const text = `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  return q !== 0n && part < 0n !== whole < 0n ? `-${text}` : text;
}

/**
 * `1 link`, `2,450 links`: a count and an English noun that takes `s` in the plural.
 * @internal
 */
export function plural(count: number, noun: string): string {
  return `${groupDigits(count)} ${noun}${count === 1 ? '' : 's'}`;
}
