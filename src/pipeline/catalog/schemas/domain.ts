import { z } from 'zod';
import { entityRef, text } from './common.js';

export const DomainSpec = z.looseObject({
  owner: entityRef,
  subdomainOf: entityRef.optional(),
  type: text.optional(),
});
