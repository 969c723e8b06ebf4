/** Building blocks shared by the per-kind spec schemas. Tolerant: unknown spec keys are allowed. */
import { z } from 'zod';
import { expecting } from './issues.js';

export const text = z.string().min(1);

const REF = 'an entity ref ("[kind:][namespace/]name" or {kind, namespace, name})';

/** A ref as a string, or the compound `{kind?, namespace?, name}` form. */
export const entityRef = z.union([
  z.string().min(1),
  z.looseObject({ kind: z.string().optional(), namespace: z.string().optional(), name: z.string().min(1) }),
], expecting(REF));

/** A list of refs; a single ref is accepted too, as Backstage's processor does. */
export const entityRefs = z.union([z.array(entityRef), entityRef], expecting(`${REF} or a list of them`));

export const profile = z.looseObject({
  displayName: z.string().optional(),
  email: z.string().optional(),
  picture: z.string().optional(),
});

export type SpecSchema = z.ZodType<Record<string, unknown>>;
