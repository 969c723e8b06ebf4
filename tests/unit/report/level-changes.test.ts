/** Scorecard level changes between two builds' inventories: which way, why, and how summaries print them. */
import { describe, expect, it } from 'vitest';
import { diffInventories, formatChanges, inventoryOf } from '../../../src/pipeline/report/changes.js';
import type { ScorecardResult } from '../../../src/pipeline/scorecards/types.js';

const card = (entities: ScorecardResult['entities']): ScorecardResult => ({
  id: 'prod', title: 'Prod', levels: ['bronze', 'silver', 'gold'],
  rules: [{ id: 'owner', title: 'Owner', level: 'bronze' }, { id: 'docs', title: 'Docs', level: 'silver' }, { id: 'oncall', title: 'On-call', level: 'gold' }],
  entities,
});
const score = (ref: string, level: string | null, failing: Record<string, string>) => ({
  ref, level, rules: ['owner', 'docs', 'oncall'].map((id) => (failing[id] ? { id, passed: false, reason: failing[id] } : { id, passed: true })),
});

describe('scorecard level changes', () => {
  const before = inventoryOf([], [], [card([
    score('component:default/refunds', 'silver', { oncall: 'no on-call' }),
    score('component:default/ledger', 'bronze', { docs: 'no TechDocs', oncall: 'no on-call' }),
    score('component:default/same', 'gold', {}),
  ])]);
  const after = inventoryOf([], [], [card([
    score('component:default/refunds', 'bronze', { docs: 'docs older than 180 days', oncall: 'no on-call' }),
    score('component:default/ledger', 'silver', { oncall: 'no on-call' }),
    score('component:default/same', 'gold', {}),
    score('component:default/new', null, { owner: 'no owner' }),
  ])]);

  it('lists entities whose level moved, a drop with what now blocks it, a rise with what blocked it', () => {
    expect(diffInventories(before, after).scorecards).toEqual([
      { scorecard: 'prod', ref: 'component:default/ledger', from: 'bronze', to: 'silver', resolved: ['no TechDocs'] },
      { scorecard: 'prod', ref: 'component:default/refunds', from: 'silver', to: 'bronze', reasons: ['docs older than 180 days'] },
    ]);
    expect(diffInventories(after, after).scorecards).toBeUndefined();
    // a build before scorecards existed compares nothing
    expect(diffInventories(inventoryOf([]), after).scorecards).toBeUndefined();
  });

  it('prints them in the text and Markdown summaries', () => {
    const changes = diffInventories(before, after);
    expect(formatChanges(changes, 'text')).toBe('Scorecard levels changed (2): component:default/ledger prod: bronze → silver (was: no TechDocs), '
      + 'component:default/refunds prod: silver → bronze: docs older than 180 days');
    expect(formatChanges(changes, 'markdown')).toContain('- `component:default/refunds` prod: **silver → bronze**: docs older than 180 days');
  });
});
