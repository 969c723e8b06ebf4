import { describe, expect, it } from 'vitest';
import { formatGithub, formatGitlab, formatText, groupByFile } from '../../../src/pipeline/report/format.js';
import type { Diagnostic } from '../../../src/pipeline/diagnostics.js';

const ds: Diagnostic[] = [
  { severity: 'warning', code: 'catalog.dangling-ref', message: 'spec.owner: no entity group:default/x', file: 'a.yaml', line: 7, source: 'pay' },
  { severity: 'error', code: 'catalog.yaml-syntax', message: 'bad indentation', file: 'b.yaml', line: 3, source: 'pay' },
  { severity: 'info', code: 'x.y', message: 'note', file: 'a.yaml', line: 2, source: 'pay' },
];

describe('report formats', () => {
  it('groups by file with files that have errors first', () => {
    const groups = groupByFile(ds);
    expect(groups.map((g) => g.file)).toEqual(['pay:b.yaml', 'pay:a.yaml']);
    expect(groups[1]!.items.map((d) => d.severity)).toEqual(['warning', 'info']);
    expect(formatText(ds)).toContain('3       error bad indentation [catalog.yaml-syntax]');
  });

  it('prints GitHub annotations with escaped properties and data', () => {
    const out = formatGithub([{ severity: 'error', code: 'catalog.invalid-field', message: 'a: b\nc, 100%', file: 'x,y.yaml', line: 4 }]);
    expect(out).toBe('::error file=x%2Cy.yaml,line=4,title=catalog.invalid-field::a: b%0Ac, 100%25');
    expect(formatGithub([ds[0]!])).toMatch(/^::warning file=a.yaml,line=7,/);
  });

  it('writes GitLab Code Quality issues: severities ranked, every fingerprint unique, controls escaped', () => {
    const twice: Diagnostic = { severity: 'warning', code: 'catalog.dangling-ref', message: 'spec.owner: no entity \u001b[2Jx', file: 'a.yaml', line: 7 };
    const issues = JSON.parse(formatGitlab([...ds, twice, { ...twice, line: 9 }, { severity: 'error', code: 'sources.fetch-failed', message: 'source "x": gone', source: 'x' }], (d) => d.file, 'portal.yaml')) as Array<Record<string, any>>;
    expect(issues.map((i) => i.severity)).toEqual(['minor', 'major', 'info', 'minor', 'minor', 'major']);
    expect(issues[1]).toEqual({ description: 'bad indentation', check_name: 'catalog.yaml-syntax', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'major', location: { path: 'b.yaml', lines: { begin: 3 } } });
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(issues[3]!.description).not.toContain('\u001b');
    // a problem with no file is filed under the config, at its first line
    expect(issues[5]!.location).toEqual({ path: 'portal.yaml', lines: { begin: 1 } });
    expect(formatGitlab([])).toBe('[]');
  });
});
