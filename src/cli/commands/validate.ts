import path from 'node:path';
import { loadSettings } from '../load-settings.js';
import { validateConfig, validatePaths } from '../../pipeline/validate-portal.js';
import { countBySeverity, formatGithub, formatText } from '../../pipeline/report/format.js';
import { hasErrors } from '../../pipeline/diagnostics.js';
import { EXIT, parse, parseOverrides, UsageError } from '../args.js';
import { resolveConfigPath, defaultCacheDir } from '../paths.js';
import { color, err, log } from '../console.js';

export const help = `Usage: playbill validate [options] [PATH…]

Checks catalog descriptors (and docs) without building the site.
With PATHs, checks those descriptor files or folders alone — a source repo's own PR check;
without, checks every source of the config.

Options:
  --config FILE                 portal config (default: content/portal.yaml)
  --format text|json|github     output format (github: workflow annotations shown inline on a PR)
  --cache DIR                   git clones cache (default: .playbill/cache)
  --offline                     use cached clones only
  --source NAME=PATH            replace source NAME by a local checkout (repeatable)
  -h, --help                    show this help

Exit codes: 0 no errors, 1 errors found, 2 unusable config or arguments,
3 internal or environment failure (unreadable files, no permission; --debug shows the stack).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    config: { type: 'string' }, format: { type: 'string', default: 'text' }, cache: { type: 'string' },
    offline: { type: 'boolean' }, source: { type: 'string', multiple: true },
  }, true);
  if (values.help) { log(help); return EXIT.ok; }
  const format = values.format;
  if (!['text', 'json', 'github'].includes(format)) throw new UsageError(`--format must be text, json or github, not "${format}"`);

  let result;
  if (positionals.length) {
    result = await validatePaths(positionals);
  } else {
    const loaded = await loadSettings(resolveConfigPath(values.config), {
      offline: values.offline, overrides: parseOverrides(values.source), cacheDir: values.cache ?? defaultCacheDir(),
    });
    if (!loaded.settings) { err(formatText(loaded.diagnostics, { color })); return EXIT.usage; }
    result = await validateConfig(loaded.settings);
  }
  const { diagnostics } = result;
  if (format === 'json') {
    log(JSON.stringify({ entities: result.entities, docPages: result.docPages, diagnostics }, null, 1));
  } else if (format === 'github') {
    // Annotations need paths relative to the repo the workflow checked out: the working directory.
    const roots = new Map(result.snapshots.map((s) => [s.name, s.root]));
    const out = formatGithub(diagnostics, (d) => {
      const root = d.source ? roots.get(d.source) : undefined;
      return d.file && root ? path.relative(process.cwd(), path.join(root, d.file)).split(path.sep).join('/') : d.file;
    });
    if (out) log(out);
  } else {
    if (diagnostics.length) log(formatText(diagnostics, { color }));
  }
  if (format !== 'json') {
    const sev = countBySeverity(diagnostics);
    (format === 'github' ? err : log)(`${result.entities} entities and ${result.docPages} doc pages checked: ${sev.error} errors, ${sev.warning} warnings`);
  }
  return hasErrors(diagnostics) ? EXIT.errors : EXIT.ok;
}
