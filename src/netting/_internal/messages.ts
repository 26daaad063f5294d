/**
 * Every message of the netting module, built from issue data in one place (STYLE.md §4.3, §4.4).
 * @internal
 */
import { formatPath } from '../../index';

const DESCRIBED_LENGTH_MAX = 40;

/** Renders a bad value for a message: strings quoted and cut, other values with their type. @internal */
export function describe(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= DESCRIBED_LENGTH_MAX) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, DESCRIBED_LENGTH_MAX))}… (${value.length} characters)`;
  }
  if (typeof value === 'bigint') return `bigint ${value}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** `[deltran] net: [3]/amount: ` @internal */
export function prefix(where: string, path: readonly (string | number)[]): string {
  return path.length === 0 ? `[deltran] ${where}: ` : `[deltran] ${where}: ${formatPath(path)}: `;
}

/** `obligation "OBL-7"` or `obligation [3]` when the id is unusable. @internal */
export function obligationLabel(id: unknown, index: number): string {
  return typeof id === 'string' && id.length > 0 ? `obligation ${describe(id)}` : `obligation [${index}]`;
}

/** Longest id or participant name accepted: generous for BICs, LEIs, UETRs and host keys. @internal */
export const NAME_LENGTH_MAX = 256;

/** At most this many issues are collected before validation stops (STYLE.md: a limit on everything). @internal */
export const ISSUES_MAX = 100;
