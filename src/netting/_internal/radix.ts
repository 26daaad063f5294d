/**
 * Stable counting sort of a permutation by small integer keys: the building block of every canonical
 * order in the engine (linear time, no comparator calls, no string compares in the hot loop).
 * @internal
 */

/**
 * Returns `perm` reordered stably by `keys[perm[i]]`, each key in `[0, range)`.
 * @param out - scratch of the same length as `perm`, returned filled
 * @internal
 */
export function countingSort(perm: Int32Array, keys: Int32Array, range: number, out: Int32Array): Int32Array {
  const count = new Int32Array(range + 1);
  const n = perm.length;
  for (let i = 0; i < n; i++) count[keys[perm[i]!]! + 1]!++;
  for (let k = 0; k < range; k++) count[k + 1]! += count[k]!;
  for (let i = 0; i < n; i++) {
    const p = perm[i]!;
    out[count[keys[p]!]!++] = p;
  }
  return out;
}

/**
 * A permutation of `0 … n − 1` ordering items by `(major, minor)` keys, both in `[0, range)`.
 * @internal
 */
export function sortByPair(major: Int32Array, minor: Int32Array, range: number): Int32Array {
  const n = major.length;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const scratch = new Int32Array(n);
  const byMinor = countingSort(perm, minor, range, scratch);
  return countingSort(byMinor, major, range, perm);
}
