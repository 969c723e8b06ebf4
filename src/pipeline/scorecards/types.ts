/** What the scorecards stage hands the site and the report: every scorecard's result, as plain data. */
import type { Diagnostic } from '../diagnostics.js';
import type { Entity } from '../catalog/types.js';
import type { Snapshot } from '../sources/types.js';

/** The outcome of one rule for one entity. */
export interface RuleResult {
  id: string;
  passed: boolean;
  /** Why it failed (or, for a pass worth a word, what was found). */
  reason?: string;
  /** Where a reader fixes a failure: the descriptor at its line, the folder a file belongs in, the docs. */
  fix?: string;
}

export interface EntityScore {
  /** `kind:namespace/name`, lower-cased. */
  ref: string;
  /** The highest level whose rules, and every lower level's, all pass; `null` when not even the first. */
  level: string | null;
  rules: RuleResult[];
}

export interface RuleInfo { id: string; title: string; level: string; description?: string }

/** One scorecard in `scorecards.json`; entities it does not apply to are absent. */
export interface ScorecardResult {
  id: string;
  title: string;
  description?: string;
  levels: string[];
  rules: RuleInfo[];
  entities: EntityScore[];
}

/** Entities of one owner per level: `counts[0]` reached no level, `counts[i]` reached `levels[i - 1]`. */
export interface OwnerCounts {
  /** The owning group (or user) ref. */
  owner: string;
  /** Owned directly. */
  direct: number[];
  /** Owned by the group or any of its sub-teams (equal to `direct` for a user or a leaf team). */
  withSubteams: number[];
}

export interface ScorecardRollup { id: string; owners: OwnerCounts[] }

export interface ScorecardsResult {
  scorecards: ScorecardResult[];
  /** Per scorecard, counts per owner: what group pages and `/scorecards/` show, and the history keeps. */
  rollups: ScorecardRollup[];
  diagnostics: Diagnostic[];
}

/** What a check may read: the entity, the catalog around it, its repository's files, the build's findings. */
export interface CheckContext {
  entity: Entity;
  ref: string;
  /** The source the entity was read from. */
  snapshot?: Snapshot;
  /** Every entity by lower-cased ref. */
  entities: ReadonlyMap<string, Entity>;
  /** The entity's TechDocs: where they are published and the last change of any page. */
  docs?: { href: string; lastChange?: string };
  /** Error diagnostics the build raised for the entity (its descriptor, its docs). */
  errors: readonly Diagnostic[];
  /** Files of the entity's repository (or descriptor folder) matching a pattern, confined to the source. */
  files: (patterns: readonly string[], scope: 'repo' | 'folder') => FileMatch;
  /** Reads a file found by `files` (bounded); undefined when it cannot be read. */
  read: (path: string) => string | undefined;
  /** The build's day (UTC midnight, ms): ages are counted in whole days, so results hold for a day. */
  today: number;
}

export interface FileMatch {
  /** posix paths relative to the source root, sorted. */
  found: string[];
  /** Patterns refused because they lead out of the source (a symlink out, for instance). */
  refused: string[];
  /** The folder patterns were looked up in, relative to the source root ('' for its root). */
  dir: string;
}

export interface RuleOutcome { passed: boolean; reason?: string; fix?: string }

/**
 * A check: a pure function over what a rule may read. Built-in checks are these (checks.ts); a
 * custom check (the extension seam) is one more function of this type under its own name.
 */
export type Check<Options> = (ctx: CheckContext, options: Options) => RuleOutcome;
