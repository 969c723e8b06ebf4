/**
 * A compact history of scorecard results, kept in the build cache (`<cache>/scorecards/history.json`)
 * so `/scorecards/` can show each team's trend over the last builds without a database. The nightly
 * restores the cache, so the history lives as long as the cache does.
 *
 * One entry per build whose counts differ from the entry before: a rebuild with nothing changed
 * adds nothing, so its pages stay byte-identical and the trend shows changes, not build frequency.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../write-atomic.js';
import type { ScorecardRollup } from './types.js';

/** How many changes a trend shows. */
export const HISTORY_LENGTH = 12;

export interface HistoryEntry {
  /** The build's date, `YYYY-MM-DD`. */
  date: string;
  /** Scorecard id → owner ref → counts per level including sub-teams (`OwnerCounts.withSubteams`). */
  cards: Record<string, Record<string, number[]>>;
}

export interface ScorecardHistory { version: 1; entries: HistoryEntry[] }

const fileOf = (cacheDir: string) => path.join(cacheDir, 'scorecards', 'history.json');

export function readHistory(cacheDir: string): ScorecardHistory {
  try {
    const h = JSON.parse(readFileSync(fileOf(cacheDir), 'utf8')) as ScorecardHistory;
    if (h.version === 1 && Array.isArray(h.entries)) return { version: 1, entries: h.entries.filter(isEntry) };
  } catch { /* none yet, or unreadable: a history starts here */ }
  return { version: 1, entries: [] };
}

function isEntry(e: unknown): e is HistoryEntry {
  return typeof e === 'object' && e !== null && typeof (e as HistoryEntry).date === 'string' && typeof (e as HistoryEntry).cards === 'object';
}

/** The history with this build's counts appended, when they differ from the last entry. */
export function withBuild(history: ScorecardHistory, rollups: readonly ScorecardRollup[], now: Date): ScorecardHistory {
  if (rollups.length === 0) return history;
  const cards = Object.fromEntries(rollups.map((r) => [r.id, Object.fromEntries(r.owners.map((o) => [o.owner, o.withSubteams]))]));
  const last = history.entries.at(-1);
  if (last && JSON.stringify(last.cards) === JSON.stringify(cards)) return history;
  return { version: 1, entries: [...history.entries, { date: now.toISOString().slice(0, 10), cards }].slice(-HISTORY_LENGTH) };
}

/** Best effort: a cache that cannot be written costs the trend one point, never the build. */
export function saveHistory(cacheDir: string, history: ScorecardHistory): void {
  if (history.entries.length === 0) return;
  try {
    mkdirSync(path.dirname(fileOf(cacheDir)), { recursive: true });
    writeFileAtomicSync(fileOf(cacheDir), JSON.stringify(history));
  } catch { /* see above */ }
}
