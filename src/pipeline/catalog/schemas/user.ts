import { z } from 'zod';
import { entityRefs } from './common.js';

export const UserSpec = z.looseObject({
  profile: z.looseObject({
    displayName: z.string().optional(),
    email: z.string().optional(),
    picture: z.string().optional(),
  }).optional(),
  /** Required by Backstage, though it may be `[]`. */
  memberOf: entityRefs,
});
