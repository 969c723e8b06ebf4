import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { globFiles } from '../../../src/pipeline/catalog/discover.js';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import { component, location, makeTree, snapshot } from './tree.js';

const names = (c: ReturnType<typeof buildCatalog>) => c.entities.map((e) => e.metadata.name);
const codes = (c: ReturnType<typeof buildCatalog>) => c.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}`);

describe('discover: catalog globs', () => {
  it('finds files by glob, sorted, ignoring .git and node_modules, including dot folders', () => {
    const root = makeTree({
      'b/catalog-info.yaml': component('b'),
      'a/catalog-info.yml': component('a'),
      '.backstage/x.yaml': component('dot'),
      'node_modules/pkg/catalog-info.yaml': component('nm'),
      '.git/catalog-info.yaml': component('git'),
    });
    const c = buildCatalog([snapshot('s', root, { catalogGlobs: ['**/*.{yaml,yml}'] })]);
    expect(names(c)).toEqual(['dot', 'a', 'b']);
    expect(c.counts).toMatchObject({ files: 3, documents: 3, entities: 3, byKind: { Component: 3 } });
  });

  it('does not read a symlink that leaves the source', () => {
    const outside = makeTree({ 'secret.yaml': component('secret') });
    const root = makeTree({ 'catalog-info.yaml': component('inside', 'owner: user:me') });
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'linked.yaml'));
    const byGlob = buildCatalog([snapshot('s', root, { catalogGlobs: ['*.yaml'] })]);
    expect(names(byGlob)).toEqual(['inside']);
    const byName = buildCatalog([snapshot('s', root, { catalogGlobs: ['catalog-info.yaml', 'linked.yaml'] })]);
    expect(names(byName)).toEqual(['inside']);
    expect(byName.diagnostics.filter((d) => d.code !== 'catalog.dangling-ref')).toEqual([expect.objectContaining({ code: 'catalog.file-outside', file: 'linked.yaml' })]);
  });

  it('lists nothing through a symlink out of the source, wherever the pattern names it', () => {
    const outside = makeTree({ 'catalog-info.yaml': component('out'), 'etc/hostname.yaml': component('host') });
    const root = makeTree({ 'sub/catalog-info.yaml': component('sub'), 'sub/deep/x.yaml': component('deep') });
    symlinkSync(outside, path.join(root, 'sub/out'));
    symlinkSync(outside, path.join(root, 'rootlink'));
    const globs = (...p: string[]) => globFiles(root, p);
    // a symlinked folder after the magic part is looked up by name, yet nothing is listed or read through it
    expect(globs('*/out/*.yaml', '*/out/etc/*', '*/*/catalog-info.yaml', '**/catalog-info.yaml', '**/etc/*', '**'))
      .toEqual({ files: ['sub/catalog-info.yaml', 'sub/deep/x.yaml'], outside: [] });
    // a static folder that leaves is reported; the other brace alternatives are still walked
    expect(globs('{rootlink,sub}/*.yaml', 'sub/out/**')).toEqual({ files: ['sub/catalog-info.yaml'], outside: ['sub/out/**', '{rootlink,sub}/*.yaml'] });
  });

  it('ignores node_modules and .git even when a glob names them, and reads a leading / as the source root', () => {
    const root = makeTree({
      'node_modules/p/catalog-info.yaml': component('nm'), 'sub/node_modules/catalog-info.yaml': component('nm2'),
      'sub/catalog-info.yaml': component('sub'),
    });
    expect(globFiles(root, ['node_modules/**', 'sub/node_modules/*', '*/node_modules/*.yaml', '/sub/*.yaml', './sub/*.yaml']))
      .toEqual({ files: ['sub/catalog-info.yaml'], outside: [] });
    expect(globFiles(root, ['.git/*', '.GIT/**'])).toEqual({ files: [], outside: ['.GIT/**', '.git/*'] });
  });

  it('matches names holding glob characters literally, and bounds what braces expand to', () => {
    const root = makeTree({
      'we{ird}.yaml': component('weird'), 'star*.yaml': component('star'), 'x/catalog-info.yaml': component('x'),
      [`${'a'.repeat(20)}/catalog-info.yaml`]: component('first'), [`${'b'.repeat(20)}/catalog-info.yaml`]: component('last'),
    });
    expect(globFiles(root, ['we{ird}.yaml', 'star*.yaml']).files).toEqual(['star*.yaml', 'we{ird}.yaml']);
    // a repo's pattern of 2^20 alternatives is cut to its first ones, not expanded to a million
    expect(globFiles(root, [`${'{a,b}'.repeat(20)}/catalog-info.yaml`]).files).toEqual([`${'a'.repeat(20)}/catalog-info.yaml`]);
  });

  it('reports a missing source folder instead of throwing', () => {
    const c = buildCatalog([snapshot('gone', '/nonexistent/playbill-x')]);
    expect(c.entities).toEqual([]);
    expect(c.diagnostics[0]).toMatchObject({ code: 'catalog.source-missing', source: 'gone' });
  });
});

describe('discover: Location entities', () => {
  it('follows relative targets and globs from the Location file, reading each file once', () => {
    const root = makeTree({
      'catalog-info.yaml': location('root', './catalog/all.yaml,./teams/*.yaml,/services/svc.yaml'),
      'catalog/all.yaml': location('all', '../teams/a.yaml'),
      'teams/a.yaml': component('team-a-svc'),
      'teams/b.yaml': component('team-b-svc'),
      'services/svc.yaml': component('svc'),
      'unlisted/x.yaml': component('unlisted'),
    });
    const c = buildCatalog([snapshot('s', root, { catalogGlobs: ['catalog-info.yaml'] })]);
    expect(names(c).sort()).toEqual(['all', 'root', 'svc', 'team-a-svc', 'team-b-svc']);
    expect(c.counts.files).toBe(5);
    expect(c.diagnostics.filter((d) => d.severity !== 'warning' || d.code !== 'catalog.dangling-ref')).toEqual([]);
    const teamA = c.entities.find((e) => e.metadata.name === 'team-a-svc')!;
    expect(teamA.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'file:./teams/a.yaml',
      'backstage.io/managed-by-origin-location': 'file:./catalog-info.yaml',
    });
  });

  it('orders entities by source, then path, then document, however they were reached', () => {
    const root = makeTree({
      'catalog-info.yaml': location('z-root', './a/one.yaml'),
      'a/one.yaml': `${component('one-1')}---\n${component('one-2')}`,
    });
    const c = buildCatalog([snapshot('s', root, { catalogGlobs: ['catalog-info.yaml'] })]);
    expect(c.entities.map((e) => `${e.source.path}:${e.source.line}:${e.metadata.name}`))
      .toEqual(['a/one.yaml:1:one-1', 'a/one.yaml:10:one-2', 'catalog-info.yaml:1:z-root']);
  });

  it('detects a cycle and warns at the target line', () => {
    const root = makeTree({
      'catalog-info.yaml': location('a', './b.yaml'),
      'b.yaml': location('b', './catalog-info.yaml'),
    });
    const c = buildCatalog([snapshot('s', root, { catalogGlobs: ['catalog-info.yaml'] })]);
    expect(names(c)).toEqual(['b', 'a']);
    expect(codes(c)).toEqual(['warning catalog.location-cycle b.yaml:7']);
  });

  it('missing required target is an error at its line; optional is silent', () => {
    const root = makeTree({
      'catalog-info.yaml': location('req', './nope.yaml'),
      'opt/catalog-info.yaml': location('opt', './nope.yaml', 'presence: optional\n  '),
    });
    const c = buildCatalog([snapshot('s', root)]);
    expect(codes(c)).toEqual(['error catalog.location-missing catalog-info.yaml:7']);
  });

  it('refuses targets that leave the source', () => {
    const parent = makeTree({ 'outside.yaml': component('outside') });
    const root = makeTree({ 'catalog-info.yaml': location('l', '../outside.yaml,/../outside.yaml') }, path.join(parent, 'repo'));
    mkdirSync(path.join(root, 'x'), { recursive: true });
    const c = buildCatalog([snapshot('s', root)]);
    expect(names(c)).toEqual(['l']);
    expect(codes(c)).toEqual(['error catalog.location-outside catalog-info.yaml:7', 'error catalog.location-outside catalog-info.yaml:8']);
  });

  it('follows a URL into another configured source; other URLs are a warning, not a fetch', () => {
    const platform = makeTree({
      'catalog-info.yaml': location('p', 'https://github.com/acme/payments/blob/main/svc/catalog-info.yaml,https://github.com/other/x/blob/main/c.yaml,https://github.com/acme/payments/tree/main/more/*.yaml'),
    });
    const payments = makeTree({
      'svc/catalog-info.yaml': component('pay-svc'),
      'more/one.yaml': component('more-one'),
    });
    const c = buildCatalog([
      snapshot('platform', platform),
      snapshot('payments', payments, { catalogGlobs: [], host: { kind: 'github', repoUrl: 'https://github.com/acme/payments' }, webRef: 'main' }),
    ]);
    const pay = c.entities.find((e) => e.metadata.name === 'pay-svc')!;
    expect(pay.source).toMatchObject({ source: 'payments', path: 'svc/catalog-info.yaml' });
    expect(pay.metadata.annotations?.['backstage.io/managed-by-origin-location']).toBe('file:./catalog-info.yaml');
    expect(names(c)).toContain('more-one');
    expect(codes(c).filter((x) => !x.includes('dangling'))).toEqual(['warning catalog.location-external catalog-info.yaml:8']);
  });
});

describe('read errors', () => {
  it('refuses a file over maxFileBytes, non-UTF-8 bytes, and keeps going', () => {
    const root = makeTree({
      'big/catalog-info.yaml': component('big', 'owner: team-a', `  description: ${'x'.repeat(2000)}\n`),
      'latin/catalog-info.yaml': Buffer.concat([Buffer.from(component('latin').replace('production', 'prod')), Buffer.from('# caf\xe9\n', 'latin1')]),
      'ok/catalog-info.yaml': component('ok'),
    });
    const c = buildCatalog([snapshot('s', root)], { maxFileBytes: 1000 });
    expect(names(c)).toEqual(['ok']);
    expect(codes(c).filter((x) => !x.includes('dangling'))).toEqual([
      'error catalog.file-too-large big/catalog-info.yaml:1',
      'error catalog.not-utf8 latin/catalog-info.yaml:9',
    ]);
  });

  it('an empty file yields nothing and no diagnostic', () => {
    const root = makeTree({ 'catalog-info.yaml': '' });
    writeFileSync(path.join(root, 'catalog-info.yaml'), '');
    const c = buildCatalog([snapshot('s', root)]);
    expect(c).toMatchObject({ entities: [], diagnostics: [], counts: { files: 1, documents: 0, entities: 0 } });
  });
});
