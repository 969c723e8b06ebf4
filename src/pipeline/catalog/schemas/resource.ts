import { z } from 'zod';
import { entityRef, entityRefs, text } from './common.js';

export const ResourceSpec = z.looseObject({
  type: text,
  owner: entityRef,
  system: entityRef.optional(),
  dependsOn: entityRefs.optional(),
  dependencyOf: entityRefs.optional(),
});
