/** The catalog stage's output: validated entities with their relations, as later stages read them. */
import type { Diagnostic } from '../diagnostics.js';

export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

export interface EntityMetadata {
  name: string;
  /** Always filled in (`default` when the file had none). */
  namespace: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  [key: string]: unknown;
}

export interface Relation {
  /** One of the well-known relation types (ownedBy, ownerOf, partOf, …). */
  type: string;
  /** `kind:namespace/name`, lower-cased. */
  targetRef: string;
}

export interface EntitySource {
  /** Configured source name. */
  source: string;
  /** posix path relative to the source root. */
  path: string;
  /** 1-based line where the entity's YAML document starts. */
  line: number;
  /** Commit of the source tree the entity was read from. */
  commit?: string;
  /** Last commit that changed the descriptor file. */
  lastChange?: { commit: string; date: string; author: string };
  /** The descriptor on its source's web host, at the entity's line; none when the source has no web host. */
  viewUrl?: string;
  /**
   * An API's `spec.definition`: the file its text is in (the descriptor itself, or a placeholder's
   * target, possibly in another source) and the 1-based line the text starts on. API readers resolve
   * relative `$ref`s and imports from there and put their diagnostics at its lines.
   */
  definition?: { source: string; path: string; line: number };
}

/** An entity as written (placeholders resolved, namespace defaulted, derived annotations merged under the author's), plus relations and source. */
export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMetadata;
  spec: Record<string, unknown>;
  relations: Relation[];
  source: EntitySource;
}

export interface Catalog {
  /** Valid entities in discovery order (source order, then path, then document). */
  entities: Entity[];
  diagnostics: Diagnostic[];
  /** Counts for the report. */
  counts: { files: number; documents: number; entities: number; byKind: Record<string, number> };
}
