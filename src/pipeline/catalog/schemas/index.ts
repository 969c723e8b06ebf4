/** The built-in kinds' accepted apiVersions and the spec schema of each; the kinds themselves are in vocabulary/kinds.ts. */
import type { z } from 'zod';
import { ApiSpec } from './api.js';
import { ComponentSpec } from './component.js';
import { DomainSpec } from './domain.js';
import { GroupSpec } from './group.js';
import { LocationSpec } from './location.js';
import { ResourceSpec } from './resource.js';
import { SystemSpec } from './system.js';
import { LegacyTemplateSpec, TemplateSpec } from './template.js';
import { UserSpec } from './user.js';
import { kindInfo, KINDS, type KindName } from '../vocabulary/kinds.js';

export interface KindDef {
  kind: string;
  apiVersions: readonly string[];
  spec: z.ZodType;
  /** apiVersions loaded with a deprecation warning and checked with `legacySpec`. */
  legacyApiVersions?: readonly string[];
  legacySpec?: z.ZodType;
}

const CORE = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;

/** Keyed by the kinds table's names, so a kind added there cannot lack its schema. */
const SCHEMAS: Record<KindName, Omit<KindDef, 'kind'>> = {
  Component: { apiVersions: CORE, spec: ComponentSpec },
  API: { apiVersions: CORE, spec: ApiSpec },
  Resource: { apiVersions: CORE, spec: ResourceSpec },
  System: { apiVersions: CORE, spec: SystemSpec },
  Domain: { apiVersions: CORE, spec: DomainSpec },
  Group: { apiVersions: CORE, spec: GroupSpec },
  User: { apiVersions: CORE, spec: UserSpec },
  Location: { apiVersions: CORE, spec: LocationSpec },
  Template: {
    apiVersions: ['scaffolder.backstage.io/v1beta3'],
    spec: TemplateSpec,
    legacyApiVersions: ['backstage.io/v1beta2', 'backstage.io/v1alpha1', 'backstage.io/v1beta1', 'scaffolder.backstage.io/v1beta2'],
    legacySpec: LegacyTemplateSpec,
  },
};

const DEFS = new Map<string, KindDef>(KINDS.map((k) => [k.name, { kind: k.name, ...SCHEMAS[k.name as KindName] }]));

/** The definition of a known kind, whatever the case it is written in (validation warns about the case). */
export function kindDef(kind: string): KindDef | undefined {
  const info = kindInfo(kind);
  return info && DEFS.get(info.name);
}
