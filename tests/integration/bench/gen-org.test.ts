/**
 * The synthetic org generator (scripts/gen-org.mjs): real repos, a config Playbill accepts,
 * descriptors that follow Backstage's rules except where they are meant not to, and reproducibility.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { globSync } from 'glob';
import { loadConfig } from '../../../src/pipeline/config/load.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const GEN = path.join(ROOT, 'scripts/gen-org.mjs');
const FIGURES = ['--repos', '6', '--entities', '400', '--docs-pages', '60'];
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

interface Manifest {
  counts: { documents: number; byKind: Record<string, number>; invalidDocuments: number; refs: number; danglingRefs: number; docPages: number; docSites: number };
  invalid: Array<{ name: string; why: string }>;
  heads: Record<string, string>;
  touch: { repo: string; descriptor: string; entity: string; page: string };
}
interface Doc { kind: string; metadata: { name: string; namespace?: string; tags?: string[]; description?: string; annotations?: Record<string, unknown> }; spec: Record<string, unknown> }

const gen = (...args: string[]) => execFileSync(process.execPath, [GEN, ...args], { encoding: 'utf8' });
const gitIn = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

let tmp: string;
let org: string;
let manifest: Manifest;
/** Every descriptor document the configured globs find, with the file it came from. */
let docs: Array<{ repo: string; file: string; doc: Doc }>;
let yamlErrors: string[];

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'gen-org-'));
  org = path.join(tmp, 'org');
  gen('--out', org, ...FIGURES, '--quiet');
  manifest = JSON.parse(readFileSync(path.join(org, 'org-manifest.json'), 'utf8'));
  const loaded = loadConfig(path.join(org, 'portal.yaml'));
  docs = [];
  yamlErrors = [];
  for (const source of loaded.config?.sources ?? []) {
    const files = globSync(source.catalog ?? ['catalog-info.yaml', '*/catalog-info.yaml'], { cwd: source.git!, nodir: true });
    for (const file of files.sort()) {
      try {
        for (const doc of yaml.loadAll(readFileSync(path.join(source.git!, file), 'utf8'))) docs.push({ repo: source.name, file, doc: doc as Doc });
      } catch {
        yamlErrors.push(`${source.name}/${file}`);
      }
    }
  }
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gen-org', () => {
  it('writes a portal.yaml the config loader accepts, with one git source per repo', () => {
    const loaded = loadConfig(path.join(org, 'portal.yaml'));
    expect(loaded.diagnostics).toEqual([]);
    const sources = loaded.config!.sources;
    expect(sources).toHaveLength(6);
    for (const s of sources) {
      expect(path.isAbsolute(s.git!)).toBe(true);
      expect(gitIn(s.git!, 'status', '--porcelain')).toBe('');
      expect(gitIn(s.git!, 'log', '--format=%an <%ae>').split('\n')).toContain('Playbill Bench <bench@playbill.invalid>');
      expect(gitIn(s.git!, 'log', '--reverse', '--format=%aI').split('\n')[0]).toMatch(/^2024-01-01T00:\d\d:00\+00:00$/);
    }
  });

  it('puts exactly --entities documents where the globs find them, one broken YAML file besides', () => {
    expect(docs).toHaveLength(400);
    expect(yamlErrors).toHaveLength(1);
    const byKind: Record<string, number> = {};
    for (const { doc } of docs) byKind[doc.kind] = (byKind[doc.kind] ?? 0) + 1;
    expect(byKind).toEqual(manifest.counts.byKind);
    expect(Object.keys(byKind).sort()).toEqual(['API', 'Component', 'Domain', 'Group', 'Resource', 'System', 'User']);
  });

  it('breaks the naming rules only in the entities meant to be invalid', () => {
    const invalidNames = new Set(manifest.invalid.map((i) => i.name));
    const badName = docs.filter(({ doc }) => !NAME.test(doc.metadata.name) || doc.metadata.name.length > 63).map(({ doc }) => doc.metadata.name);
    const badTags = docs.filter(({ doc }) => (doc.metadata.tags ?? []).some((t) => !TAG.test(t))).map(({ doc }) => doc.metadata.name);
    expect(badName.length).toBeGreaterThan(0);
    expect(badTags.length).toBeGreaterThan(0);
    for (const n of [...badName, ...badTags]) expect(invalidNames).toContain(n);
    const keys = new Set(docs.map(({ doc }) => `${doc.kind}:${doc.metadata.namespace ?? 'default'}/${doc.metadata.name}`.toLowerCase()));
    expect(keys.size).toBe(docs.length);
  });

  it('leaves about 5% of refs dangling', () => {
    const known = new Set(docs.map(({ doc }) => `${doc.kind}:${doc.metadata.namespace ?? 'default'}/${doc.metadata.name}`.toLowerCase()));
    const defaults: Record<string, string | undefined> = {
      owner: 'group', system: 'system', domain: 'domain', subdomainOf: 'domain', subcomponentOf: 'component', parent: 'group',
      children: 'group', memberOf: 'group', providesApis: 'api', consumesApis: 'api', dependsOn: undefined,
    };
    let total = 0;
    let dangling = 0;
    for (const { doc } of docs) {
      for (const [field, defaultKind] of Object.entries(defaults)) {
        const value = doc.spec[field];
        for (const ref of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
          const m = /^(?:([^:/]+):)?(?:([^/]+)\/)?(.+)$/.exec(String(ref))!;
          const kind = m[1] ?? defaultKind;
          if (!kind) continue; // a kind-less dependsOn: one of the invalid entities
          total++;
          if (!known.has(`${kind}:${m[2] ?? doc.metadata.namespace ?? 'default'}/${m[3]}`.toLowerCase())) dangling++;
        }
      }
    }
    expect(total).toBeGreaterThan(1000);
    expect(dangling / total).toBeGreaterThan(0.03);
    expect(dangling / total).toBeLessThan(0.08);
  });

  it('writes --docs-pages TechDocs pages next to components that point at them, with working nav and links', () => {
    const withDocs = docs.filter(({ doc }) => doc.metadata.annotations?.['backstage.io/techdocs-ref'] === 'dir:.');
    expect(withDocs).toHaveLength(manifest.counts.docSites);
    let pages = 0;
    for (const { repo, file } of withDocs) {
      const site = path.join(org, 'repos', repo, path.dirname(file));
      const mkdocs = yaml.load(readFileSync(path.join(site, 'mkdocs.yml'), 'utf8')) as { nav?: unknown[] };
      const navPaths = JSON.stringify(mkdocs.nav ?? []).match(/[\w/-]+\.md/g) ?? [];
      for (const p of navPaths) expect(existsSync(path.join(site, 'docs', p)), p).toBe(true);
      for (const md of globSync('**/*.md', { cwd: path.join(site, 'docs'), nodir: true })) {
        pages++;
        const text = readFileSync(path.join(site, 'docs', md), 'utf8');
        expect(text).toMatch(/^# .+\n/);
        expect(text).toContain('!!! note');
        expect(text).toMatch(/\n\| --- \|/);
        expect(text.split(/\s+/).length).toBeGreaterThan(700);
        for (const [, target] of text.matchAll(/\]\(([^)#:]+\.md)(#[\w-]+)?\)/g)) {
          expect(existsSync(path.join(site, 'docs', path.dirname(md), target!)), `${md} → ${target}`).toBe(true);
        }
      }
    }
    expect(pages).toBe(60);
  });

  it('gives the same commits for the same seed and different ones for another seed', () => {
    const again = path.join(tmp, 'again');
    const other = path.join(tmp, 'other');
    gen('--out', again, ...FIGURES, '--quiet');
    gen('--out', other, ...FIGURES, '--seed', '2', '--quiet');
    const heads = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'org-manifest.json'), 'utf8')).heads;
    expect(heads(again)).toEqual(manifest.heads);
    expect(heads(other)).not.toEqual(manifest.heads);
  });

  it('--touch-one commits one changed description and one changed docs page, again on each call', () => {
    const touched = path.join(tmp, 'touched');
    gen('--out', touched, ...FIGURES, '--quiet');
    const { touch } = manifest;
    const repo = path.join(touched, 'repos', touch.repo);
    const before = gitIn(repo, 'rev-parse', 'HEAD');
    const descriptionBefore = (yaml.loadAll(readFileSync(path.join(repo, touch.descriptor), 'utf8'))[0] as Doc).metadata.description;
    for (const n of [1, 2]) {
      gen('--out', touched, '--touch-one', '--quiet');
      expect(gitIn(repo, 'diff', '--name-only', 'HEAD~1', 'HEAD').split('\n').sort()).toEqual([touch.descriptor, touch.page].sort());
      const doc = yaml.loadAll(readFileSync(path.join(repo, touch.descriptor), 'utf8'))[0] as Doc;
      expect(doc.metadata.description).toContain(`Revision ${n}`);
      expect(readFileSync(path.join(repo, touch.page), 'utf8')).toContain(`## Revision ${n}`);
    }
    expect(descriptionBefore).not.toContain('Revision');
    expect(gitIn(repo, 'rev-list', '--count', `${before}..HEAD`)).toBe('2');
    expect(gitIn(repo, 'status', '--porcelain')).toBe('');
  });
});
