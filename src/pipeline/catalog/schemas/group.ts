import { z } from 'zod';
import { entityRef, entityRefs, profile, text } from './common.js';

export const GroupSpec = z.looseObject({
  type: text,
  profile: profile.optional(),
  parent: entityRef.optional(),
  /** Required by Backstage, though it may be `[]`. */
  children: entityRefs,
  members: entityRefs.optional(),
});
