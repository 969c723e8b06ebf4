/**
 * Levels, the one vocabulary of scorecards: which level a set of results reaches, its rank (0 for
 * none, i for `levels[i - 1]`) and the tone it is drawn in. Plain functions with no imports, so the
 * explorer's browser code draws levels exactly as the pages do.
 */

/** The level reached: the last one whose rules, and all before it, pass; `null` when not even the first. */
export function levelReached(levels: readonly string[], rules: ReadonlyArray<{ level: string; passed: boolean }>): string | null {
  let reached: string | null = null;
  for (const level of levels) {
    if (rules.some((r) => r.level === level && !r.passed)) break;
    reached = level;
  }
  return reached;
}

/** `counts[0]` reached no level, `counts[i]` reached `levels[i - 1]`. */
export const levelIndex = (levels: readonly string[], level: string | null): number => (level === null ? 0 : levels.indexOf(level) + 1);

/** How far up its levels a rank is, for its colour: none, part of the way, the top. */
export function levelTone(rank: number, of: number): 'none' | 'low' | 'mid' | 'top' {
  if (rank <= 0) return 'none';
  if (rank >= of) return 'top';
  return rank === 1 ? 'low' : 'mid';
}
