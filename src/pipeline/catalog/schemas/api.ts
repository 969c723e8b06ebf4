import { z } from 'zod';
import { entityRef, text } from './common.js';
import { expecting } from './issues.js';

/**
 * `definition` is not required: newer API types (`mcp-server`) have none. An object is allowed
 * because `$json`/`$yaml` placeholders resolve to one and an unresolved placeholder stays as written.
 */
export const ApiSpec = z.looseObject({
  type: text,
  lifecycle: text,
  owner: entityRef,
  system: entityRef.optional(),
  definition: z.union([z.string(), z.record(z.string(), z.unknown())], expecting('the definition as a string, or a map (a $text, $json or $yaml placeholder, or the definition itself)')).optional(),
});
