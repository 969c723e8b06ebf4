/**
 * The scorecards stage: every scorecard of portal.yaml over the entities it applies to, from what
 * the build already read — the catalog, the docs, the checked-out sources and the diagnostics — so
 * a portal can say which services meet a standard without a backend collecting facts.
 *
 * Checks read a repository's files only through the source's file rules (globFiles, readInside):
 * a rule cannot reach outside the entity's source, whatever its pattern or the repo's symlinks.
 */
import path from 'node:path';
import type { Catalog, Entity } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Snapshot } from '../sources/types.js';
import { parseCheck, type ScorecardConfig } from '../config/scorecards-schema.js';
import { entityRefOf, lowerCaseRef, stringifyEntityRef, tryParseEntityRef } from '../catalog/vocabulary/entity-ref.js';
import { globFiles } from '../catalog/discover.js';
import { readInside } from '../sources/files.js';
import { runCheck, type PluginChecks } from './checks.js';
import { rollup } from './rollup.js';
import { levelReached } from './levels.js';
import { ScorecardsCache } from './cache.js';
import type { CheckContext, EntityScore, FileMatch, ScorecardResult, ScorecardsResult } from './types.js';

export type { ScorecardsResult, ScorecardResult, EntityScore, RuleResult, OwnerCounts } from './types.js';
export { levelReached } from './levels.js';

/** A file a content check reads: more than any CODEOWNERS or workflow, less than a committed dump. */
const MAX_READ_BYTES = 1024 * 1024;

export interface ScorecardsInput {
  scorecards: readonly ScorecardConfig[];
  catalog: Pick<Catalog, 'entities'>;
  docs: { sites: ReadonlyArray<{ entityRef: string; alsoFor: string[]; urlPath: string; pages: ReadonlyArray<{ lastChange?: { date: string } }> }> };
  snapshots: readonly Snapshot[];
  /** Every diagnostic of the read half: a rule may ask for an entity without errors. */
  diagnostics: readonly Diagnostic[];
  /** Plugins' checks by `<plugin>.<check>`, and the plugins' versions (code + options) for the cache key. */
  plugins?: { checks: PluginChecks; versions: readonly string[] };
  now?: Date;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

function ownerRefOf(value: string): string {
  const parsed = tryParseEntityRef(value, { defaultKind: 'Group', defaultNamespace: 'default' });
  return parsed.ok ? lowerCaseRef(stringifyEntityRef(parsed.ref)) : lower(value);
}

/** Whether a scorecard's `applies_to` covers an entity: every key given must match, any of its values. */
function appliesTo(card: ScorecardConfig, e: Entity): boolean {
  const a = card.applies_to;
  const spec = e.spec ?? {};
  const is = (values: string[] | undefined, v: unknown) => values === undefined || (typeof v === 'string' && values.some((x) => lower(x) === lower(v)));
  if (!is(a.kind, e.kind) || !is(a.type, spec.type) || !is(a.lifecycle, spec.lifecycle)) return false;
  if (a.tags && !(e.metadata.tags ?? []).some((t) => a.tags!.some((x) => lower(x) === lower(String(t))))) return false;
  if (a.owner) {
    const owners = new Set(a.owner.map(ownerRefOf));
    if (!e.relations.some((r) => r.type === 'ownedBy' && owners.has(lowerCaseRef(r.targetRef)))) return false;
  }
  return true;
}


/** Glob results per source and pattern: 10,000 entities ask about a few hundred repositories. */
class RepoFiles {
  private readonly cache = new Map<string, { files: string[]; outside: string[] }>();
  constructor(private readonly snapshot: Snapshot) {}

  find(patterns: readonly string[], dir: string): FileMatch {
    const found = new Set<string>();
    const refused: string[] = [];
    for (const p of patterns) {
      const full = p.startsWith('/') ? p : dir ? `${dir}/${p}` : p;
      let hit = this.cache.get(full);
      if (!hit) {
        try {
          hit = globFiles(this.snapshot.root, [full]);
        } catch {
          hit = { files: [], outside: [] };
        }
        this.cache.set(full, hit);
      }
      for (const f of hit.files) found.add(f);
      if (hit.outside.length) refused.push(p);
    }
    return { found: [...found].sort(), refused, dir };
  }

  read(rel: string): string | undefined {
    try {
      return readInside(this.snapshot.root, rel, MAX_READ_BYTES)?.toString('utf8');
    } catch {
      return undefined;
    }
  }
}

function docsByEntity(sites: ScorecardsInput['docs']['sites']): Map<string, { href: string; lastChange?: string }> {
  const m = new Map<string, { href: string; lastChange?: string }>();
  for (const site of sites) {
    let last: string | undefined;
    for (const p of site.pages) if (p.lastChange && (!last || Date.parse(p.lastChange.date) > Date.parse(last))) last = p.lastChange.date;
    const info = { href: site.urlPath, ...(last ? { lastChange: last } : {}) };
    for (const ref of [site.entityRef, ...site.alsoFor]) if (!m.has(lowerCaseRef(ref))) m.set(lowerCaseRef(ref), info);
  }
  return m;
}

/** Error diagnostics by entity: those naming it, and those of its descriptor file. */
function errorsByEntity(diagnostics: readonly Diagnostic[]): { byRef: Map<string, Diagnostic[]>; byFile: Map<string, Diagnostic[]> } {
  const byRef = new Map<string, Diagnostic[]>();
  const byFile = new Map<string, Diagnostic[]>();
  const add = (m: Map<string, Diagnostic[]>, k: string, d: Diagnostic) => { const l = m.get(k); if (l) l.push(d); else m.set(k, [d]); };
  for (const d of diagnostics) {
    if (d.severity !== 'error') continue;
    if (d.entityRef) add(byRef, lowerCaseRef(d.entityRef), d);
    else if (d.source && d.file) add(byFile, `${d.source}\0${d.file}`, d);
  }
  return { byRef, byFile };
}

/** The build's day: checks count ages in whole days, so a result holds for the day (and caches for it). */
const dayOf = (now: Date) => Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());

/** The stage: `scoreCatalog`, served from the cache when nothing it reads changed (cache.ts). */
export function scorecardsStage(input: ScorecardsInput & { cacheDir: string }): ScorecardsResult {
  if (input.scorecards.length === 0) return { scorecards: [], rollups: [], diagnostics: [] };
  const cache = new ScorecardsCache(input.cacheDir);
  const key = cache.keyOf(input, dayOf(input.now ?? new Date()));
  const kept = key ? cache.read(key) : undefined;
  if (kept) return kept;
  const result = scoreCatalog(input);
  if (key) cache.write(key, result);
  return result;
}

export function scoreCatalog(input: ScorecardsInput): ScorecardsResult {
  if (input.scorecards.length === 0) return { scorecards: [], rollups: [], diagnostics: [] };
  const today = dayOf(input.now ?? new Date());
  const entities = new Map(input.catalog.entities.map((e) => [entityRefOf(e), e]));
  const snapshots = new Map(input.snapshots.map((s) => [s.name, s]));
  const files = new Map(input.snapshots.map((s) => [s.name, new RepoFiles(s)]));
  const docs = docsByEntity(input.docs.sites);
  const errors = errorsByEntity(input.diagnostics);
  const diagnostics: Diagnostic[] = [];
  const refusedOnce = new Set<string>();

  const contextOf = (e: Entity, ref: string): CheckContext => {
    const snapshot = snapshots.get(e.source.source);
    const repo = files.get(e.source.source);
    const folder = path.posix.dirname(e.source.path);
    const docsInfo = docs.get(ref);
    return {
      entity: e, ref, entities, today,
      ...(snapshot ? { snapshot } : {}),
      ...(docsInfo ? { docs: docsInfo } : {}),
      errors: [...(errors.byRef.get(ref) ?? []), ...(errors.byFile.get(`${e.source.source}\0${e.source.path}`) ?? [])],
      files: (patterns, scope) => {
        const m = repo ? repo.find(patterns, scope === 'folder' && folder !== '.' ? folder : '') : { found: [], refused: [], dir: '' };
        for (const p of m.refused) {
          const key = `${e.source.source}\0${m.dir}\0${p}`;
          if (refusedOnce.has(key)) continue;
          refusedOnce.add(key);
          diagnostics.push({
            severity: 'warning', code: 'scorecards.file-outside', source: e.source.source, file: m.dir || '.',
            message: `a scorecard file check for ${JSON.stringify(p)} leads out of the source (a symlink or a folder outside it): refused, the rule fails`,
          });
        }
        return m;
      },
      read: (rel) => repo?.read(rel),
    };
  };

  const scorecards: ScorecardResult[] = input.scorecards.map((card) => {
    const rules = card.rules.map((r) => ({ config: r, check: parseCheck(r.check), level: r.level! }));
    const scores: EntityScore[] = [];
    for (const [ref, e] of entities) {
      if (!appliesTo(card, e)) continue;
      const ctx = contextOf(e, ref);
      const results = rules.map((r) => {
        let outcome;
        try {
          outcome = runCheck(ctx, r.check, input.plugins?.checks);
        } catch (err) {
          // a check meeting data it did not expect fails that rule, for that entity; the build goes on
          outcome = { passed: false, reason: `the check failed: ${(err as Error).message}` };
          diagnostics.push({ severity: 'error', code: 'scorecards.internal', entityRef: ref, message: `scorecard ${card.id}, rule ${r.config.id}: ${(err as Error).message}` });
        }
        const fix = outcome.passed ? undefined : outcome.fix ?? r.config.help_url;
        return { level: r.level, result: { id: r.config.id, passed: outcome.passed, ...(outcome.reason ? { reason: outcome.reason } : {}), ...(fix ? { fix } : {}) } };
      });
      scores.push({ ref, level: levelReached(card.levels, results.map((r) => ({ level: r.level, passed: r.result.passed }))), rules: results.map((r) => r.result) });
    }
    return {
      id: card.id, title: card.title, ...(card.description ? { description: card.description } : {}),
      levels: [...card.levels],
      rules: rules.map((r) => ({ id: r.config.id, title: r.config.title ?? r.config.id, level: r.level, ...(r.config.description ? { description: r.config.description } : {}) })),
      entities: scores,
    };
  });
  return { scorecards, rollups: scorecards.map((s) => rollup(s, entities)), diagnostics };
}
