/** The built-in kinds: canonical spelling, accepted apiVersions and the spec schema of each. */
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

export interface KindDef {
  kind: string;
  apiVersions: readonly string[];
  spec: z.ZodType;
  /** apiVersions loaded with a deprecation warning and checked with `legacySpec`. */
  legacyApiVersions?: readonly string[];
  legacySpec?: z.ZodType;
}

const CORE = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;

export const KINDS: readonly KindDef[] = [
  { kind: 'Component', apiVersions: CORE, spec: ComponentSpec },
  { kind: 'API', apiVersions: CORE, spec: ApiSpec },
  { kind: 'Resource', apiVersions: CORE, spec: ResourceSpec },
  { kind: 'System', apiVersions: CORE, spec: SystemSpec },
  { kind: 'Domain', apiVersions: CORE, spec: DomainSpec },
  { kind: 'Group', apiVersions: CORE, spec: GroupSpec },
  { kind: 'User', apiVersions: CORE, spec: UserSpec },
  { kind: 'Location', apiVersions: CORE, spec: LocationSpec },
  {
    kind: 'Template',
    apiVersions: ['scaffolder.backstage.io/v1beta3'],
    spec: TemplateSpec,
    legacyApiVersions: ['backstage.io/v1beta2', 'backstage.io/v1alpha1', 'backstage.io/v1beta1', 'scaffolder.backstage.io/v1beta2'],
    legacySpec: LegacyTemplateSpec,
  },
];

const byLowerKind = new Map(KINDS.map((k) => [k.kind.toLowerCase(), k]));

export const kindDef = (kind: string): KindDef | undefined => byLowerKind.get(kind.toLowerCase());
