import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { loadSettings } from '../load-settings.js';
import { readCatalog } from '../../pipeline/read-portal.js';
import { templatesStage } from '../../pipeline/templates/index.js';
import { checkValues, scaffold, withDefaults } from '../../pipeline/templates/scaffold.js';
import { renderInputIsolated, renderSkeletonIsolated } from '../../pipeline/templates/sandbox/index.js';
import { safeJoin } from '../../pipeline/templates/render/index.js';
import { formatText } from '../../pipeline/report/format.js';
import { tryParseEntityRef, stringifyEntityRef } from '../../pipeline/catalog/index.js';
import { EXIT, parse, parseOverrides, UsageError } from '../args.js';
import { resolveConfigPath, defaultCacheDir } from '../paths.js';
import { color, err, log } from '../console.js';

export const help = `Usage: playbill scaffold TEMPLATE [--values FILE] [--set KEY=VALUE]… (--out DIR | --dry-run)

Renders a software template of the portal's sources into a new project, as the portal's
"Create" button does: its parameters checked, its fetch steps rendered (the skeleton's files with
your values), every other step printed as what to do by hand, with your values filled in.
TEMPLATE is a template's name or ref (node-service, template:default/node-service).

Options:
  --values FILE         the parameters' values, YAML or JSON
  --set KEY=VALUE       one value (repeatable): true/false, numbers and [a, b] are read as YAML,
                        anything else as text
  --out DIR             write the new project here (a folder that is missing or empty)
  --dry-run             list the files instead of writing them
  --config FILE         portal config (default: ./portal.yaml, else content/portal.yaml)
  --cache DIR           git clones cache (default: .playbill/cache)
  --offline             use cached clones only
  --source NAME=PATH    replace source NAME by a local checkout (repeatable)
  -h, --help            show this help

The template runs in a separate process that can read no file, write none and start no process.
Exit codes: 0 done, 1 the values or the template have problems, 2 unusable config or arguments.`;

export async function run(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parse(argv, {
    config: { type: 'string' }, cache: { type: 'string' }, offline: { type: 'boolean' }, source: { type: 'string', multiple: true },
    values: { type: 'string' }, set: { type: 'string', multiple: true }, out: { type: 'string' }, 'dry-run': { type: 'boolean' },
  }, true);
  if (flags.help) { log(help); return EXIT.ok; }
  if (positionals.length !== 1) throw new UsageError('scaffold needs one TEMPLATE (its name or ref)');
  if (!flags.out && !flags['dry-run']) throw new UsageError('scaffold needs --out DIR, or --dry-run');
  const out = flags.out ? path.resolve(flags.out) : undefined;
  if (out && existsSync(out) && readdirSync(out).length) throw new UsageError(`--out ${flags.out} is not empty: scaffold writes a new project into an empty or missing folder`);
  const given = { ...readValues(flags.values), ...parseSets(flags.set ?? []) };

  const cacheDir = flags.cache ?? defaultCacheDir();
  const loaded = await loadSettings(resolveConfigPath(flags.config), { offline: flags.offline, overrides: parseOverrides(flags.source), cacheDir });
  if (!loaded.settings) { err(formatText(loaded.diagnostics, { color })); return EXIT.usage; }
  const { sources, catalog } = await readCatalog(loaded.settings);
  const { templates, diagnostics } = templatesStage({ catalog, snapshots: sources.snapshots });

  const wanted = tryParseEntityRef(positionals[0]!, { defaultKind: 'template', defaultNamespace: 'default' });
  const ref = wanted.ok ? stringifyEntityRef(wanted.ref).toLowerCase() : undefined;
  const template = templates.find((t) => t.ref.toLowerCase() === ref);
  if (!template) {
    throw new UsageError(`no template "${positionals[0]}" in the portal's sources${templates.length ? ` (known: ${templates.map((t) => t.ref).join(', ')})` : ''}`);
  }
  const own = diagnostics.filter((d) => d.entityRef?.toLowerCase() === ref && (d.severity === 'error' || d.code === 'templates.api-version'));
  if (own.length) { err(formatText(own, { color })); return EXIT.errors; }

  const values = withDefaults(template, given);
  const invalid = checkValues(template, values);
  if (invalid.length) {
    err(`The values do not fit ${template.ref}'s parameters:\n${invalid.map((m) => `  - ${m}`).join('\n')}`);
    return EXIT.errors;
  }
  const result = await scaffold(template, values, {
    skeleton: (files, opts) => renderSkeletonIsolated(loaded.settings!.cacheDir, files, opts),
    input: (value, context) => renderInputIsolated(loaded.settings!.cacheDir, value, context),
    read: async (f) => new Uint8Array(await readFile(f.abs)),
  });
  for (const p of result.problems) err(`warning ${p.file ? `${p.file}${p.line ? `:${p.line}` : ''}: ` : ''}${p.message}`);

  if (out) {
    for (const f of result.files) {
      const rel = safeJoin('', f.path);
      if (!rel) continue;
      const file = path.join(out, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, f.content);
      if (f.executable) chmodSync(file, 0o755);
    }
    log(`Wrote ${result.files.length} file${result.files.length === 1 ? '' : 's'} of ${template.ref} to ${flags.out}`);
  } else {
    log(`${template.ref} would write ${result.files.length} file${result.files.length === 1 ? '' : 's'}:`);
    for (const f of result.files) log(`  ${f.path} (${f.content.length} bytes${f.rendered ? '' : ', copied as it is'})`);
  }
  if (result.skipped.length) log(`Skipped (their condition is false): ${result.skipped.join(', ')}`);
  if (result.manual.length) {
    log('\nThen, by hand:');
    result.manual.forEach((m, i) => {
      log(`${i + 1}. ${m.name ?? m.id} (${m.action})${m.note ? `: ${m.note}` : ''}`);
      for (const c of m.commands) log(`     ${c}`);
      if (!m.commands.length && !m.note?.startsWith('Keep')) log(`     input: ${JSON.stringify(m.input)}`);
    });
  }
  return result.problems.length ? EXIT.errors : EXIT.ok;
}

function readValues(file: string | undefined): Record<string, unknown> {
  if (!file) return {};
  let v: unknown;
  try {
    v = yaml.load(readFileSync(file, 'utf8'), { schema: yaml.CORE_SCHEMA });
  } catch (e) {
    throw new UsageError(`cannot read --values ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new UsageError(`--values ${file} must hold a mapping of parameter names to values`);
  return v as Record<string, unknown>;
}

function parseSets(sets: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set ${s}: expected KEY=VALUE`);
    const raw = s.slice(eq + 1);
    // a number, true/false or a flow list/map is read as YAML; anything else is the string as typed
    // ("Sells tickets: fast" stays a sentence, not a mapping)
    let value: unknown = raw;
    if (/^(true|false|-?\d+(\.\d+)?|\[.*\]|\{.*\})$/s.test(raw.trim())) {
      try { value = yaml.load(raw, { schema: yaml.CORE_SCHEMA }); } catch { /* the string as typed */ }
    }
    out[s.slice(0, eq)] = value;
  }
  return out;
}
