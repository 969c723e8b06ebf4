import { describe, expect, it } from 'vitest';
import { diffInventories, formatChanges, inventoryOf } from '../../../src/pipeline/report/changes.js';
import { summaryMarkdown } from '../../../src/pipeline/report/summary.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';

const entity = (name: string, description: string, commit = 'a'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
  metadata: { name, namespace: 'default', description },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  source: { source: 's', path: 'catalog-info.yaml', line: 1, commit },
});

describe('changes between builds', () => {
  it('lists added, removed and changed entities and pages, ignoring commits and relations', () => {
    const before = inventoryOf([entity('A', 'x'), entity('b', 'y'), entity('c', 'z')], [{ url: 'docs/a/', hash: '1' }]);
    const moved = { ...entity('b', 'y', 'other-commit'), relations: [] };
    const after = inventoryOf([entity('a', 'x2'), moved, entity('d', 'w')], [{ url: 'docs/a/', hash: '1' }, { url: 'docs/d/', hash: '2' }]);
    const changes = diffInventories(before, after);
    expect(changes.entities).toEqual({ added: ['component:default/d'], removed: ['component:default/c'], changed: ['component:default/a'] });
    expect(changes.pages).toEqual({ added: ['docs/d/'], removed: [], changed: [] });
    expect(formatChanges(changes, 'text')).toContain('Entities added (1): component:default/d');
    expect(formatChanges(diffInventories(before, before), 'text')).toBe('No entity, doc page or scorecard level changed.');
  });

  it('renders a Markdown job summary with counts, diagnostics by severity and changes', () => {
    const md = summaryMarkdown({
      version: 1, generatedAt: '', timings: {},
      counts: { entities: 3, byKind: { Component: 3 } },
      diagnostics: [
        { severity: 'error', code: 'catalog.yaml-syntax', message: 'bad | pipe', file: 'x.yaml', line: 2, source: 's' },
        { severity: 'warning', code: 'catalog.dangling-ref', message: 'no such group', file: 'y.yaml', line: 9, source: 's' },
      ],
      changes: { entities: { added: ['component:default/d'], removed: [], changed: [] }, pages: { added: [], removed: [], changed: [] } },
    });
    expect(md).toContain('| Entities | 3 |');
    expect(md).toContain('1 errors, 1 warnings');
    expect(md).toContain('| `s:x.yaml:2` | bad \\| pipe | `catalog.yaml-syntax` |');
    expect(md).toContain('- `component:default/d`');
    expect(md).toContain("| Catalog health | by owner on the portal's `/health/` page |");
  });

  it('links the portal\'s health page when the report knows where the portal is published', () => {
    const report = { version: 1 as const, generatedAt: '', timings: {}, counts: {}, diagnostics: [{ severity: 'warning' as const, code: 'x.y', message: 'm' }] };
    expect(summaryMarkdown({ ...report, url: 'https://acme.github.io', base: '/portal/' })).toContain('[by owner, in the portal](https://acme.github.io/portal/health/)');
    expect(summaryMarkdown({ ...report, diagnostics: [] })).not.toContain('Catalog health');
  });
  it('tells which repositories of a discovery source appeared or disappeared, only for sources listed both times', () => {
    const discovered = (repos: string[]) => [{ name: 'acme', repos }];
    const before = { ...inventoryOf([], [], [], {}, discovered(['payments', 'web', 'old'])), repos: { acme: ['payments', 'web', 'old'] } };
    const after = inventoryOf([], [], [], {}, [...discovered(['payments', 'web', 'search']), { name: 'newcomer', repos: ['x'] }]);
    const changes = diffInventories(before, after);
    expect(changes.repos).toEqual([{ source: 'acme', added: ['search'], removed: ['old'] }]);
    expect(formatChanges(changes, 'text')).toContain('Repositories of acme that appeared (1): search');
    expect(formatChanges(changes, 'text')).toContain('Repositories of acme that disappeared (1): old');
    expect(formatChanges(changes, 'markdown')).toContain('**Repositories of acme that appeared (1)**\n\n- `search`');
    expect(diffInventories(after, after).repos).toBeUndefined();
  });

  it('shows each discovery source in the job summary, with a warning sign when its list was the cached one', () => {
    const report = { version: 1 as const, generatedAt: '', timings: {}, counts: {}, diagnostics: [] };
    const md = summaryMarkdown({ ...report, discovered: [
      { name: 'acme', kind: 'github', owner: 'acme', repos: ['a', 'b'], cached: false, listedAt: '2026-12-03T07:00:00.000Z' },
      { name: 'platform', kind: 'gitlab', owner: 'acme/platform', repos: ['c'], cached: true, listedAt: '2026-12-02T03:04:05.000Z' },
    ] });
    expect(md).toContain('| acme | 2 repositories of acme |');
    expect(md).toContain('| ⚠️ platform | 1 repository of acme/platform, from the list of 2026-12-02 03:04 UTC |');
  });
});
