// Playbill's site. Kept tiny on purpose: buildSite()/dev() pass what varies (outDir, base, site).
import { defineConfig } from 'astro/config';

export default defineConfig({
  trailingSlash: 'always',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
});
