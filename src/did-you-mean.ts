import { closest, distance } from 'fastest-levenshtein';

/**
 * Suggests the nearest of `known` for a misspelt `given`, or nothing when none is near enough:
 * the closest by Levenshtein distance when that is at most a third of the longer word (at least
 * 2; ties go to the first of `known`), else a known name it extends or shortens (`--output` for
 * `--out`, `checkpointsDirectory` for `checkpointsDir`).
 */
export function didYouMean(given: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(given, [...known]);
  const limit = Math.max(2, Math.floor(Math.max(given.length, best.length) / 3));
  if (distance(given, best) <= limit) return best;
  return known.find((k) => k.length >= 4 && given.length >= 4 && (given.startsWith(k) || k.startsWith(given)));
}
