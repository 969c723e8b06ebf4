import { describe, expect, it } from 'vitest';
import { parseRefLines } from '../../../src/pipeline/sources/repo.js';
import { headCheckDue } from '../../../src/pipeline/sources/sync.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const line = (...fields: string[]) => fields.join('\0');

describe('parseRefLines (one for-each-ref for every candidate ref)', () => {
  it('reads branches, the default branch symref and peels annotated tags to their commit', () => {
    const out = [
      line('refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'commit', A, '', ''),
      line('refs/remotes/origin/main', '', 'commit', A, '', ''),
      line('refs/tags/v1', '', 'tag', B, 'commit', A),
    ].join('\n');
    const refs = parseRefLines(out, ['refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'refs/tags/v1']);
    expect(refs.get('refs/remotes/origin/HEAD')).toEqual({ symref: 'refs/remotes/origin/main', target: { commit: A } });
    expect(refs.get('refs/remotes/origin/main')?.target).toEqual({ commit: A });
    expect(refs.get('refs/tags/v1')?.target).toEqual({ commit: A });
  });

  it('keeps only exact names: a pattern also lists the refs below it', () => {
    const out = line('refs/remotes/origin/feature/x', '', 'commit', A, '', '');
    expect(parseRefLines(out, ['refs/remotes/origin/feature']).size).toBe(0);
  });

  it('marks tags of trees or blobs unusable and tags of tags for rev-parse', () => {
    const out = [
      line('refs/tags/tree', '', 'tree', A, '', ''),
      line('refs/tags/doc', '', 'tag', B, 'blob', A),
      line('refs/tags/nested', '', 'tag', B, 'tag', A),
    ].join('\n');
    const refs = parseRefLines(out, ['refs/tags/tree', 'refs/tags/doc', 'refs/tags/nested']);
    expect([...refs.values()].map((r) => r.target)).toEqual(['not-a-commit', 'not-a-commit', 'peel']);
  });

  it('reads empty output (no such refs) as nothing', () => {
    expect(parseRefLines('', ['refs/tags/v1']).size).toBe(0);
  });
});

describe('headCheckDue (when to ask the remote for its default branch)', () => {
  const now = Date.UTC(2024, 0, 10);
  const hour = 60 * 60_000;
  it('asks when the fetch changed refs, or the clone has no default branch, or it never asked', () => {
    expect(headCheckDue({ refs: {}, headCheckedAt: now - hour }, true, true, now)).toBe(true);
    expect(headCheckDue({ refs: {}, headCheckedAt: now - hour }, false, false, now)).toBe(true);
    expect(headCheckDue({ refs: {} }, true, false, now)).toBe(true);
  });
  it('does not ask again within a day when nothing changed, and does after', () => {
    expect(headCheckDue({ refs: {}, headCheckedAt: now - 23 * hour }, true, false, now)).toBe(false);
    expect(headCheckDue({ refs: {}, headCheckedAt: now - 25 * hour }, true, false, now)).toBe(true);
  });
  it('asks when the clock went back more than a day since', () => {
    expect(headCheckDue({ refs: {}, headCheckedAt: now + 25 * hour }, true, false, now)).toBe(true);
  });
});
