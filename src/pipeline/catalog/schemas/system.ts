import { z } from 'zod';
import { entityRef, text } from './common.js';

export const SystemSpec = z.looseObject({
  owner: entityRef,
  domain: entityRef.optional(),
  type: text.optional(),
});
