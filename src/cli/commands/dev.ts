import { loadSettings } from '../load-settings.js';
import { readDiagnostics, readPortal } from '../../pipeline/read-portal.js';
import { readHistory } from '../../pipeline/scorecards/history.js';
import { dev } from '../../pipeline/site/dev.js';
import { formatText } from '../../pipeline/report/format.js';
import { EXIT, parse, parseOverrides, UsageError } from '../args.js';
import { resolveConfigPath, defaultCacheDir } from '../paths.js';
import { color, err, log } from '../console.js';

export const help = `Usage: playbill dev [options]

Live preview while editing the portal's pages: reads the sources once, then serves the site
with Astro's dev server (pages and styles reload as you change them). Search needs a build.

Options:
  --config FILE        portal config (default: ./portal.yaml, else content/portal.yaml)
  --port N             port (default: 4321)
  --host HOST          interface (default: 127.0.0.1)
  --base PATH          sub-path, e.g. /portal/
  --cache DIR          git clones and render cache (default: .playbill/cache)
  --offline            use cached clones only
  --source NAME=PATH   replace source NAME by a local checkout (repeatable)
  -h, --help           show this help`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, base: { type: 'string' },
    cache: { type: 'string' }, offline: { type: 'boolean' }, source: { type: 'string', multiple: true },
  });
  if (values.help) { log(help); return EXIT.ok; }
  const port = Number(values.port ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const loaded = await loadSettings(resolveConfigPath(values.config), {
    base: values.base, offline: values.offline, overrides: parseOverrides(values.source), cacheDir: values.cache ?? defaultCacheDir(),
  });
  if (!loaded.settings) { err(formatText(loaded.diagnostics, { color })); return EXIT.usage; }
  const { settings } = loaded;
  const content = await readPortal(settings);
  const diagnostics = readDiagnostics(content);
  if (diagnostics.length) log(formatText(diagnostics, { color, limit: 10 }));
  const { config, cacheDir } = settings;
  const scorecards = { ...content.scorecards, history: readHistory(cacheDir) };
  const server = await dev({ config, catalog: content.catalog, apis: content.apis.apis, docs: content.docs, scorecards, diagnostics, plugins: content.plugins, templates: content.templates.templates, cacheDir, base: config.site.base, port, host: values.host ?? '127.0.0.1' });
  log(`Preview at ${server.url}  (Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => { void server.stop().then(resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}
