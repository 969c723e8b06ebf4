/** `site:` in `portal.yaml`: how the portal presents itself (title, address, base path). */
import { z } from 'zod';

export const SiteSchema = z.strictObject({
    title: z.string().min(1).default('Developer Portal'),
    description: z.string().optional(),
    url: z.url().optional(),
    base: z.string().startsWith('/').default('/'),
  }).default({ title: 'Developer Portal', base: '/' });
