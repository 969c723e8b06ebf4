/**
 * Scorecard results as pages show them: a card per scorecard on each entity page, a roll-up on group
 * pages, and one `/scorecards/<id>/` page per scorecard (teams × levels, the rules failing most, the
 * lowest-scoring entities, each team's trend). Plain data from the scorecards stage in, views out.
 */
import type { ScorecardHistory } from '../scorecards/history.js';
import { levelIndex } from '../scorecards/levels.js';
import type { ScorecardResult, ScorecardRollup } from '../scorecards/types.js';
import { safeUrl } from './annotation-views.js';
import { byLabel, linkTo, type EntityIndex } from './entity-links.js';
import type { EntityScorecardView, EntityView, OwnerScoreView, ScorecardPageView } from './types.js';

/** What the site needs of the scorecards stage, and the history kept in the cache. */
export interface ScorecardsInput {
  scorecards: readonly ScorecardResult[];
  rollups: readonly ScorecardRollup[];
  history?: ScorecardHistory;
}

/**
 * A scorecard page lists this many entities and owners, so it stays bounded however large the
 * catalog: the explorer filters every entity, and each owner's page has its own roll-up.
 */
export const SCORECARD_LIST_CAP = 100;
export const SCORECARD_TEAMS_CAP = 100;

export const scorecardHref = (id: string): string => `scorecards/${encodeURIComponent(id)}/`;

/** A fix link: an absolute http(s) URL as it is (checked), a base-relative portal path (the docs) as one. */
function fixLink(fix: string | undefined): { href: string; external: boolean } | undefined {
  if (!fix) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(fix)) {
    const url = safeUrl(fix);
    return url ? { href: url, external: true } : undefined;
  }
  return { href: fix.replace(/^\/+/, ''), external: false };
}

/** Each entity's scorecard views, by ref. */
export function entityScorecards(input: ScorecardsInput): Map<string, EntityScorecardView[]> {
  const out = new Map<string, EntityScorecardView[]>();
  for (const card of input.scorecards) {
    const rules = new Map(card.rules.map((r) => [r.id, r]));
    for (const s of card.entities) {
      const view: EntityScorecardView = {
        id: card.id, title: card.title, href: scorecardHref(card.id), levels: card.levels,
        level: s.level, rank: levelIndex(card.levels, s.level),
        rules: s.rules.map((r) => {
          const info = rules.get(r.id);
          const fix = r.passed ? undefined : fixLink(r.fix);
          return { id: r.id, title: info?.title ?? r.id, level: info?.level ?? '', passed: r.passed, ...(r.reason ? { reason: r.reason } : {}), ...(fix ? { fix } : {}) };
        }),
      };
      const list = out.get(s.ref);
      if (list) list.push(view); else out.set(s.ref, [view]);
    }
  }
  return out;
}

/** Each owner's roll-up views, by owner ref. */
export function ownerRollups(input: ScorecardsInput): Map<string, OwnerScoreView[]> {
  const out = new Map<string, OwnerScoreView[]>();
  const cards = new Map(input.scorecards.map((c) => [c.id, c]));
  for (const r of input.rollups) {
    const card = cards.get(r.id);
    if (!card) continue;
    for (const o of r.owners) {
      const view: OwnerScoreView = { id: card.id, title: card.title, href: scorecardHref(card.id), levels: card.levels, direct: o.direct, withSubteams: o.withSubteams };
      const list = out.get(o.owner);
      if (list) list.push(view); else out.set(o.owner, [view]);
    }
  }
  return out;
}

/** Adds the scorecard cards and roll-ups to the entity views (prepareModel's own objects). */
export function withScorecards(views: EntityView[], input: ScorecardsInput): void {
  if (input.scorecards.length === 0) return;
  const cards = entityScorecards(input);
  const rollups = ownerRollups(input);
  for (const v of views) {
    const c = cards.get(v.ref);
    if (c) v.scorecards = c;
    const r = rollups.get(v.ref);
    if (r) v.scoreRollup = r;
  }
}

export function scorecardPages(input: ScorecardsInput, index: EntityIndex): ScorecardPageView[] {
  const entries = input.history?.entries ?? [];
  return input.scorecards.map((card) => {
    const width = card.levels.length + 1;
    const counts = new Array<number>(width).fill(0);
    const failing = new Map<string, number>();
    for (const s of card.entities) {
      counts[levelIndex(card.levels, s.level)]! += 1;
      for (const r of s.rules) if (!r.passed) failing.set(r.id, (failing.get(r.id) ?? 0) + 1);
    }
    const rollup = input.rollups.find((r) => r.id === card.id);
    const teams = (rollup?.owners ?? []).map((o) => ({
      owner: linkTo(o.owner, index),
      direct: o.direct,
      withSubteams: o.withSubteams,
      trend: entries.flatMap((e) => {
        const c = e.cards[card.id]?.[o.owner];
        return c && c.length === width ? [{ date: e.date, counts: c }] : [];
      }),
    }));
    // the owners answering for most first (a department before its teams), then by name
    const size = (t: { withSubteams: number[] }) => t.withSubteams.reduce((x, y) => x + y, 0);
    teams.sort((a, b) => size(b) - size(a) || byLabel(a.owner, b.owner));
    const titles = new Map(card.rules.map((r) => [r.id, r.title]));
    const listed = card.entities.map((s) => {
      const e = index.get(s.ref);
      const ownerRef = e?.relations.find((r) => r.type === 'ownedBy')?.targetRef;
      return {
        link: linkTo(s.ref, index),
        ...(ownerRef ? { owner: linkTo(ownerRef, index) } : {}),
        rank: levelIndex(card.levels, s.level),
        failing: s.rules.filter((r) => !r.passed).map((r) => titles.get(r.id) ?? r.id),
      };
    }).sort((a, b) => a.rank - b.rank || b.failing.length - a.failing.length || byLabel(a.link, b.link));
    const view: ScorecardPageView = {
      id: card.id, title: card.title, href: scorecardHref(card.id), levels: card.levels,
      counts, total: card.entities.length,
      rules: card.rules.map((r) => ({ id: r.id, title: r.title, level: r.level, ...(r.description ? { description: r.description } : {}), failing: failing.get(r.id) ?? 0 })),
      teams: teams.slice(0, SCORECARD_TEAMS_CAP),
      teamsMore: Math.max(0, teams.length - SCORECARD_TEAMS_CAP),
      entities: listed.slice(0, SCORECARD_LIST_CAP).map(({ link: { description: _d, ...link }, ...rest }) => ({ link, ...rest })),
      more: Math.max(0, listed.length - SCORECARD_LIST_CAP),
    };
    if (card.description) view.description = card.description;
    return view;
  });
}
