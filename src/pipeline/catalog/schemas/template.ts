import { z } from 'zod';
import { entityRef, text } from './common.js';
import { expecting } from './issues.js';

/** scaffolder.backstage.io/v1beta3; values hold `${{ … }}` expressions, which are plain strings here. */
export const TemplateSpec = z.looseObject({
  type: text,
  owner: entityRef.optional(),
  parameters: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))], expecting('a map (a form\'s JSON Schema) or a list of them')).optional(),
  steps: z.array(z.looseObject({
    id: z.string().optional(),
    name: z.string().optional(),
    action: text,
    input: z.unknown().optional(),
    if: z.union([z.string(), z.boolean()], expecting('a string (an expression) or true/false')).optional(),
  })),
  output: z.record(z.string(), z.unknown()).optional(),
});

/** Older Templates (`backstage.io/v1beta2`, `v1alpha1`) are kept but only checked loosely. */
export const LegacyTemplateSpec = z.looseObject({ type: z.string().optional() });
