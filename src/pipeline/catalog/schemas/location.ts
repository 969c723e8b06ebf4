import { z } from 'zod';
import { text } from './common.js';

export const LocationSpec = z.looseObject({
  type: text.optional(),
  target: text.optional(),
  targets: z.union([z.array(text), text]).optional(),
  presence: z.enum(['required', 'optional']).optional(),
});
