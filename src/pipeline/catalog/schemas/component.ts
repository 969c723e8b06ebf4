import { z } from 'zod';
import { entityRef, entityRefs, text } from './common.js';

export const ComponentSpec = z.looseObject({
  type: text,
  lifecycle: text,
  owner: entityRef,
  system: entityRef.optional(),
  subcomponentOf: entityRef.optional(),
  providesApis: entityRefs.optional(),
  consumesApis: entityRefs.optional(),
  dependsOn: entityRefs.optional(),
  dependencyOf: entityRefs.optional(),
});
