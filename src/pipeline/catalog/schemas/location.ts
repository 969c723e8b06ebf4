import { z } from 'zod';
import { text } from './common.js';
import { expecting } from './issues.js';

export const LocationSpec = z.looseObject({
  type: text.optional(),
  target: text.optional(),
  targets: z.union([z.array(text), text], expecting('a non-empty string (a path, glob or URL) or a list of them')).optional(),
  presence: z.enum(['required', 'optional']).optional(),
});
