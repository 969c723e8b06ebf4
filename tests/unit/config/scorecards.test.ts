/** Scorecards in portal.yaml: the contract loads as written; every mistake is a config diagnostic at its line. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/pipeline/config/load.js';

const dir = mkdtempSync(path.join(tmpdir(), 'playbill-scorecards-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(scorecards: string) {
  const file = path.join(dir, `portal-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `sources:\n  - name: x\n    path: .\nscorecards:\n${scorecards}`);
  return loadConfig(file);
}

const CONTRACT = `  - id: production-readiness
    title: Production readiness
    applies_to: { kind: [Component], type: [service] }
    levels: [bronze, silver, gold]
    rules:
      - { id: owner, level: bronze, title: Has an owning team, check: { relation: ownedBy } }    # exists and resolves
      - { id: description, level: bronze, check: { field: metadata.description } }
      - { id: docs, level: silver, check: { techdocs: true } }
      - { id: codeowners, level: silver, check: { file: CODEOWNERS } }                       # in the entity's repo
      - { id: oncall, level: gold, check: { annotation: pagerduty.com/service-id } }
`;

const card = (rules: string) => `  - id: c
    title: C
    levels: [bronze, silver]
    rules:
${rules}`;

describe('scorecards config', () => {
  it('loads the contract example exactly as written', () => {
    const { config, diagnostics } = load(CONTRACT);
    expect(diagnostics).toEqual([]);
    const sc = config!.scorecards[0]!;
    expect(sc.levels).toEqual(['bronze', 'silver', 'gold']);
    expect(sc.rules.map((r) => [r.id, r.level, Object.keys(r.check)[0]])).toEqual([
      ['owner', 'bronze', 'relation'], ['description', 'bronze', 'field'], ['docs', 'silver', 'techdocs'],
      ['codeowners', 'silver', 'file'], ['oncall', 'gold', 'annotation'],
    ]);
  });

  it('has no scorecards when the key is absent', () => {
    const file = path.join(dir, 'plain.yaml');
    writeFileSync(file, 'sources:\n  - name: x\n    path: .\n');
    expect(loadConfig(file).config!.scorecards).toEqual([]);
  });

  it('reports an unknown check at its line, with a suggestion', () => {
    const { config, diagnostics } = load(card('      - id: a\n        level: bronze\n        check: { anotation: x }\n'));
    expect(config).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'config.invalid', line: 11 });
    expect(diagnostics[0]!.message).toContain('scorecards[0].rules[0].check.anotation: unknown check "anotation" — did you mean "annotation"?');
  });

  it('reports an unknown level, and a rule in no level', () => {
    const { diagnostics } = load(card('      - id: a\n        level: silvr\n        check: { no_errors: true }\n      - id: b\n        check: { no_errors: true }\n'));
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [10, 'scorecards[0].rules[0].level: unknown level "silvr" — did you mean "silver"?; the levels are bronze, silver'],
      [12, 'scorecards[0].rules[1]: rule "b" is in no level: give it `level:` one of bronze, silver'],
    ]);
  });

  it('reports a pattern that does not compile and one that could backtrack catastrophically', () => {
    const { diagnostics } = load(card(
      '      - id: a\n        level: bronze\n        check: { annotation: x, matches: "([a-z" }\n'
      + '      - id: b\n        level: bronze\n        check: { field: metadata.name, matches: "^(a+)+$" }\n'
      + '      - id: c\n        level: bronze\n        check: { file: CODEOWNERS, matches: "(\\\\w)\\\\1" }\n'));
    expect(diagnostics).toHaveLength(3);
    expect(diagnostics[0]!.message).toMatch(/rules\[0\]\.check\.matches: the pattern "\(\[a-z" does not compile/);
    expect(diagnostics[1]!.message).toMatch(/rules\[1\]\.check\.matches: .*could take exponential time/);
    expect(diagnostics[2]!.message).toMatch(/rules\[2\]\.check\.matches: .*does not compile.*no backreferences/);
    expect(diagnostics.map((d) => d.line)).toEqual([11, 14, 17]);
  });

  it('refuses a file pattern that climbs out of the repository, and bad options of a known check', () => {
    const { diagnostics } = load(card(
      '      - id: a\n        level: bronze\n        check: { file: ../../etc/passwd }\n'
      + '      - id: b\n        level: bronze\n        check: { relation: ownedby }\n'
      + '      - id: c\n        level: bronze\n        check: { techdocs: true, max_age: 3 }\n'));
    const messages = diagnostics.map((d) => d.message);
    expect(messages[0]).toContain('scorecards[0].rules[0].check.file: a path or glob inside the repository (no `..`)');
    expect(messages[1]).toMatch(/rules\[1\]\.check\.relation: /);
    expect(messages[2]).toContain('unknown option "max_age" of check "techdocs"');
  });

  it('refuses two checks in one rule, duplicate ids and duplicate levels', () => {
    const { diagnostics } = load(`  - id: c
    title: C
    levels: [bronze, bronze]
    rules:
      - { id: a, level: bronze, check: { no_errors: true, techdocs: true } }
      - { id: a, level: bronze, check: { no_errors: true } }
  - id: c
    title: again
    levels: [x]
    rules: [{ id: a, level: x, check: { no_errors: true } }]
`);
    const messages = diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain('level "bronze" is listed twice');
    expect(messages).toContain('one check per rule');
    expect(messages).toContain('"a" is already the id of another rule');
    expect(messages).toContain('"c" is already the id of another scorecard');
  });
});
