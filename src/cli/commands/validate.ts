import path from 'node:path';
import { loadSettings } from '../load-settings.js';
import { validateConfig, validatePaths } from '../../pipeline/validate-portal.js';
import { countBySeverity, formatGithub, formatGitlab, formatText } from '../../pipeline/report/format.js';
import { hasErrors, type Diagnostic } from '../../pipeline/diagnostics.js';
import { EXIT, parse, parseOverrides, UsageError } from '../args.js';
import { resolveConfigPath, defaultCacheDir } from '../paths.js';
import { color, err, log } from '../console.js';

export const help = `Usage: playbill validate [options] [PATH…]

Checks catalog descriptors (and docs) without building the site.
With PATHs, checks those descriptor files or folders alone — a source repo's own PR check;
without, checks every source of the config.

Options:
  --config FILE                 portal config (default: ./portal.yaml, else content/portal.yaml)
  --format text|json|github|gitlab
                                output format (github: workflow annotations shown inline on a PR;
                                gitlab: a Code Quality report for a merge request's widget)
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
  if (!['text', 'json', 'github', 'gitlab'].includes(format)) throw new UsageError(`--format must be text, json, github or gitlab, not "${format}"`);

  let result;
  let configFile: string | undefined;
  if (positionals.length) {
    result = await validatePaths(positionals);
  } else {
    configFile = resolveConfigPath(values.config);
    const loaded = await loadSettings(configFile, {
      offline: values.offline, overrides: parseOverrides(values.source), cacheDir: values.cache ?? defaultCacheDir(),
    });
    if (!loaded.settings) {
      err(formatText(loaded.diagnostics, { color }));
      // the merge request still gets its widget (and the artifact a valid file): the config's own lines
      if (format === 'gitlab') log(formatGitlab(loaded.diagnostics, (d) => d.file, relative(configFile)));
      return EXIT.usage;
    }
    result = await validateConfig(loaded.settings);
  }
  const { diagnostics } = result;
  if (format === 'json') {
    log(JSON.stringify({ entities: result.entities, docPages: result.docPages, diagnostics }, null, 1));
  } else if (format === 'github' || format === 'gitlab') {
    // Both hosts want paths relative to the repo the job checked out: the working directory.
    const roots = new Map(result.snapshots.map((s) => [s.name, s.root]));
    const fileFor = (d: Diagnostic) => {
      const root = d.source ? roots.get(d.source) : undefined;
      return d.file && root ? relative(path.join(root, d.file)) : d.file;
    };
    if (format === 'gitlab') {
      // Always a JSON array, empty when all is well: GitLab reads the file whatever the exit code.
      log(formatGitlab(diagnostics, fileFor, configFile ? relative(configFile) : '.'));
    } else {
      const out = formatGithub(diagnostics, fileFor);
      if (out) log(out);
    }
  } else {
    if (diagnostics.length) log(formatText(diagnostics, { color }));
  }
  if (format !== 'json') {
    const sev = countBySeverity(diagnostics);
    (format === 'github' || format === 'gitlab' ? err : log)(`${result.entities} entities and ${result.docPages} doc pages checked: ${sev.error} errors, ${sev.warning} warnings`);
  }
  return hasErrors(diagnostics) ? EXIT.errors : EXIT.ok;
}

/** A path as the CI job's checkout names it: relative to the working directory, posix separators. */
const relative = (file: string): string => path.relative(process.cwd(), file).split(path.sep).join('/');
