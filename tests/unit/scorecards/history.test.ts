/** The trend history: one entry per build that changed the counts, the last few kept, a damaged file forgotten. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HISTORY_LENGTH, readHistory, saveHistory, withBuild } from '../../../src/pipeline/scorecards/history.js';
import type { ScorecardRollup } from '../../../src/pipeline/scorecards/types.js';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'playbill-sc-history-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const rollup = (gold: number): ScorecardRollup[] => [{ id: 'prod', owners: [{ owner: 'group:default/payments', direct: [0, 1, gold], withSubteams: [0, 1, gold] }] }];
const day = (d: number) => new Date(Date.UTC(2026, 0, d));

describe('scorecard history', () => {
  it('adds an entry only when the counts changed, and keeps the last ones', () => {
    let h = readHistory(cacheDir);
    expect(h.entries).toEqual([]);
    h = withBuild(h, rollup(1), day(1));
    h = withBuild(h, rollup(1), day(2));
    expect(h.entries).toEqual([{ date: '2026-01-01', cards: { prod: { 'group:default/payments': [0, 1, 1] } } }]);
    h = withBuild(h, rollup(2), day(3));
    expect(h.entries.map((e) => e.date)).toEqual(['2026-01-01', '2026-01-03']);
    for (let i = 0; i < 20; i++) h = withBuild(h, rollup(3 + i), day(4 + i));
    expect(h.entries).toHaveLength(HISTORY_LENGTH);
    expect(h.entries.at(-1)!.cards.prod!['group:default/payments']).toEqual([0, 1, 22]);
    saveHistory(cacheDir, h);
    expect(readHistory(cacheDir)).toEqual(h);
  });

  it('starts again from a damaged file, and never writes an empty one', () => {
    mkdirSync(path.join(cacheDir, 'scorecards'), { recursive: true });
    writeFileSync(path.join(cacheDir, 'scorecards', 'history.json'), '{"version":1,"entries":[{"date":');
    expect(readHistory(cacheDir).entries).toEqual([]);
    const empty = mkdtempSync(path.join(tmpdir(), 'playbill-sc-history-none-'));
    saveHistory(empty, withBuild(readHistory(empty), [], day(1)));
    expect(readHistory(empty).entries).toEqual([]);
    rmSync(empty, { recursive: true, force: true });
  });
});
