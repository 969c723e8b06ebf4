/**
 * What a build changed against a previous one: entities and doc pages added, removed, changed.
 * Each build report carries an inventory (ref or page URL → content hash) so two reports are
 * enough to tell, for PR summaries and nightly logs.
 */
import { createHash } from 'node:crypto';
import type { Entity } from '../catalog/types.js';
import { stringifyEntityRef } from '../catalog/vocabulary/entity-ref.js';
import type { ScorecardResult } from '../scorecards/types.js';
import type { ApiReadout } from '../apis/index.js';
import { diffApis, operationSignatures, type ApiChange, type OperationSignature } from '../apis/signature.js';

/** An entity's standing on one scorecard: its level, then the reasons it does not reach the next one. */
export type LevelEntry = [level: string | null, ...blocking: string[]];

export interface Inventory {
  /** `kind:namespace/name` → hash of the entity as written (not its relations or commit). */
  entities: Record<string, string>;
  /** Doc page URL path → hash of its rendered content. */
  pages: Record<string, string>;
  /** Scorecard id → entity ref → its level entry. */
  scorecards?: Record<string, Record<string, LevelEntry>>;
  /** Scorecard id → its levels, lowest first: which way a change went. */
  scorecardLevels?: Record<string, string[]>;
  /** API ref → operation anchor → its signature (apis/signature.ts). */
  apis?: Record<string, Record<string, OperationSignature>>;
  /** Discovery source → the repositories it listed and built (sources/discovery/). */
  repos?: Record<string, string[]>;
}

export interface ChangeSet { added: string[]; removed: string[]; changed: string[] }

/**
 * An entity that reached another level than in the previous build. A drop has `reasons`: what now
 * blocks the level it lost; a rise has `resolved`: what blocked the level it gained before.
 */
export interface LevelChange { scorecard: string; ref: string; from: string | null; to: string | null; reasons?: string[]; resolved?: string[] }

/** Repositories a discovery source listed that it did not list the build before, and the other way. */
export interface RepoChange { source: string; added: string[]; removed: string[] }

export interface Changes { entities: ChangeSet; pages: ChangeSet; scorecards?: LevelChange[]; apis?: ApiChange[]; repos?: RepoChange[] }

const hash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);

export function inventoryOf(
  entities: readonly Entity[], pages: ReadonlyArray<{ url: string; hash: string }> = [], scorecards: readonly ScorecardResult[] = [],
  apis: Readonly<Record<string, ApiReadout>> = {}, discovered: ReadonlyArray<{ name: string; repos: readonly string[] }> = [],
): Inventory {
  const inv: Inventory = { entities: {}, pages: {} };
  for (const e of entities) {
    const ref = stringifyEntityRef({ kind: e.kind, namespace: e.metadata.namespace, name: e.metadata.name });
    inv.entities[ref] = hash(JSON.stringify({ apiVersion: e.apiVersion, kind: e.kind, metadata: e.metadata, spec: e.spec }));
  }
  for (const p of pages) inv.pages[p.url] = p.hash;
  if (scorecards.length) {
    inv.scorecards = Object.fromEntries(scorecards.map((card) => [card.id, levelEntries(card)]));
    inv.scorecardLevels = Object.fromEntries(scorecards.map((card) => [card.id, card.levels]));
  }
  const read = Object.entries(apis).filter(([, a]) => a.reference);
  if (read.length) inv.apis = Object.fromEntries(read.map(([ref, a]) => [ref, operationSignatures(a.reference!)]));
  if (discovered.length) inv.repos = Object.fromEntries(discovered.map((d) => [d.name, [...d.repos]]));
  return inv;
}

function levelEntries(card: ScorecardResult): Record<string, LevelEntry> {
  const levelOf = new Map(card.rules.map((r) => [r.id, r.level]));
  const out: Record<string, LevelEntry> = {};
  for (const s of card.entities) {
    const next = card.levels[s.level === null ? 0 : card.levels.indexOf(s.level) + 1];
    const blocking = next === undefined ? [] : s.rules.filter((r) => !r.passed && levelOf.get(r.id) === next).map((r) => r.reason ?? r.id);
    out[s.ref] = [s.level, ...blocking];
  }
  return out;
}

/** Entities on a scorecard in both builds whose level differs (new and removed entities are in `entities`). */
function diffLevels(before: Inventory['scorecards'] = {}, after: Inventory['scorecards'] = {}, levelOrder: ReadonlyMap<string, readonly string[]>): LevelChange[] {
  const out: LevelChange[] = [];
  for (const [id, now] of Object.entries(after)) {
    const then = before[id];
    if (!then) continue;
    const levels = levelOrder.get(id);
    for (const [ref, [to, ...blocking]] of Object.entries(now)) {
      const prev = then[ref];
      if (!prev || prev[0] === to) continue;
      const [from, ...before] = prev;
      const rank = (l: string | null) => (l === null ? 0 : (levels?.indexOf(l) ?? -1) + 1);
      const rose = rank(to) > rank(from);
      const why = rose ? before : blocking;
      out.push({ scorecard: id, ref, from, to, ...(why.length ? (rose ? { resolved: why } : { reasons: why }) : {}) });
    }
  }
  return out.sort((a, b) => a.scorecard.localeCompare(b.scorecard) || a.ref.localeCompare(b.ref));
}

export const hashContent = hash;

function diffMaps(before: Record<string, string>, after: Record<string, string>): ChangeSet {
  const set: ChangeSet = { added: [], removed: [], changed: [] };
  for (const [k, h] of Object.entries(after)) {
    if (!(k in before)) set.added.push(k);
    else if (before[k] !== h) set.changed.push(k);
  }
  for (const k of Object.keys(before)) if (!(k in after)) set.removed.push(k);
  for (const list of Object.values(set)) list.sort();
  return set;
}

export function diffInventories(before: Inventory, after: Inventory): Changes {
  const levels = diffLevels(before.scorecards, after.scorecards, new Map(Object.entries(after.scorecardLevels ?? {})));
  const apis = diffApis(before.apis, after.apis);
  const repos = diffRepos(before.repos, after.repos);
  return {
    entities: diffMaps(before.entities, after.entities), pages: diffMaps(before.pages, after.pages),
    ...(levels.length ? { scorecards: levels } : {}), ...(apis.length ? { apis } : {}), ...(repos.length ? { repos } : {}),
  };
}

/**
 * Only sources listed in both builds: a discovery source new to the config (or to an older report)
 * did not make its repositories appear, and one that failed to list (no list this build) did not
 * make them disappear — that is in the diagnostics.
 */
function diffRepos(before: Inventory['repos'] = {}, after: Inventory['repos'] = {}): RepoChange[] {
  const out: RepoChange[] = [];
  for (const [source, now] of Object.entries(after)) {
    const then = before[source];
    if (!then) continue;
    const added = now.filter((r) => !then.includes(r));
    const removed = then.filter((r) => !now.includes(r));
    if (added.length || removed.length) out.push({ source, added, removed });
  }
  return out;
}

export const isEmpty = (c: Changes) =>
  [c.entities, c.pages].every((s) => !s.added.length && !s.removed.length && !s.changed.length) && !c.scorecards?.length && !c.apis?.length && !c.repos?.length;

/** `api:default/payments: removes POST /v1/refunds (breaking); changes GET /v1/x: makes Query parameters › limit required (breaking)`. */
export function apiChangeLines(c: ApiChange, code: (s: string) => string): string[] {
  const out: string[] = [];
  for (const r of c.removed) out.push(`removes ${code(r)} (breaking)`);
  for (const ch of c.changed) out.push(`changes ${code(ch.label)}${ch.breaking.length ? `: ${ch.breaking.map(code).join('; ')} (breaking)` : ''}`);
  for (const a of c.added) out.push(`adds ${code(a)}`);
  return out;
}

const levelName = (l: string | null) => l ?? 'no level';

/** `component:default/refunds-worker production-readiness: silver → bronze (docs older than 180 days)`. */
export function formatLevelChange(c: LevelChange): string {
  return `${c.ref} ${c.scorecard}: ${levelName(c.from)} → ${levelName(c.to)}${why(c, (s) => s)}`;
}

/** `: what blocks it now` for a drop, ` (was: what blocked it)` for a rise. */
function why(c: LevelChange, esc: (s: string) => string): string {
  if (c.reasons?.length) return `: ${c.reasons.map(esc).join('; ')}`;
  if (c.resolved?.length) return ` (was: ${c.resolved.map(esc).join('; ')})`;
  return '';
}

/** The change list, as console text or as Markdown for a GitHub job summary. */
export function formatChanges(c: Changes, format: 'text' | 'markdown', limit = 50): string {
  if (isEmpty(c)) return format === 'markdown' ? '_No entity, doc page or scorecard level changed._' : 'No entity, doc page or scorecard level changed.';
  const out: string[] = [];
  // API operations first: a removed endpoint is what a reviewer most needs to see
  for (const a of c.apis ?? []) {
    const lines = apiChangeLines(a, format === 'markdown' ? (s) => `\`${s.replace(/`/g, "'")}\`` : (s) => s);
    const shown = lines.slice(0, limit);
    const more = lines.length > shown.length ? ` (and ${lines.length - shown.length} more)` : '';
    const title = `API ${a.api}${a.breaking ? ' — breaking' : ''}`;
    if (format === 'markdown') out.push(`**${title}**${more}`, '', ...shown.map((l) => `- ${l}`), '');
    else out.push(`${title}: ${shown.join(', ')}${more}`);
  }
  // then the repositories: a repository that appeared explains the entities that did
  for (const r of c.repos ?? []) {
    for (const [verb, items] of [['appeared', r.added], ['disappeared', r.removed]] as const) {
      if (!items.length) continue;
      const shown = items.slice(0, limit);
      const more = items.length > shown.length ? ` (and ${items.length - shown.length} more)` : '';
      const title = `Repositories of ${r.source} that ${verb} (${items.length})`;
      if (format === 'markdown') out.push(`**${title}**${more}`, '', ...shown.map((i) => `- \`${i}\``), '');
      else out.push(`${title}: ${shown.join(', ')}${more}`);
    }
  }
  const sections: Array<[string, ChangeSet]> = [['Entities', c.entities], ['Doc pages', c.pages]];
  for (const [title, set] of sections) {
    for (const verb of ['added', 'removed', 'changed'] as const) {
      const items = set[verb];
      if (!items.length) continue;
      const shown = items.slice(0, limit);
      const more = items.length > shown.length ? ` (and ${items.length - shown.length} more)` : '';
      if (format === 'markdown') {
        out.push(`**${title} ${verb} (${items.length})**${more}`, '', ...shown.map((i) => `- \`${i}\``), '');
      } else {
        out.push(`${title} ${verb} (${items.length}): ${shown.join(', ')}${more}`);
      }
    }
  }
  const levels = c.scorecards ?? [];
  if (levels.length) {
    const shown = levels.slice(0, limit);
    const more = levels.length > shown.length ? ` (and ${levels.length - shown.length} more)` : '';
    if (format === 'markdown') out.push(`**Scorecard levels changed (${levels.length})**${more}`, '', ...shown.map((l) => `- ${markdownLevel(l)}`), '');
    else out.push(`Scorecard levels changed (${levels.length}): ${shown.map(formatLevelChange).join(', ')}${more}`);
  }
  return out.join('\n').trim();
}

const markdownLevel = (c: LevelChange) =>
  `\`${c.ref}\` ${c.scorecard}: **${levelName(c.from)} → ${levelName(c.to)}**${why(c, (r) => r.replace(/[\\`*_[\]<>|]/g, '\\$&'))}`;
