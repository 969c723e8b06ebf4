/**
 * `plugins:` of portal.yaml → loaded plugins. A plugin that cannot be used — a module not found, a
 * default export that is no plugin, options its schema refuses, a check a scorecard names that no
 * plugin has — is a config diagnostic at its line, like any other config mistake (exit 2): better
 * to stop before a build than to publish a portal silently missing what the owner asked for.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeVersion } from '../cache/code-version.js';
import type { Config } from '../config/schema.js';
import { DiagnosticSink, type Diagnostic } from '../diagnostics.js';
import { lineOfPath } from '../yaml/positions.js';
import type { LoadedPlugin, PluginDefinition } from './types.js';

/** The plugins shipped with Playbill, by the name `use:` gives them. */
export const FIRST_PARTY = ['adr', 'readme', 'codeowners', 'github', 'changelog'] as const;
const FIRST_PARTY_DIR = new URL('../../plugins/', import.meta.url);

export const DEFAULT_TIMEOUT_MS = 10_000;
const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HOOKS = ['entities', 'descriptor', 'entityLinks', 'entityCards', 'entitySections', 'pages', 'searchRecords', 'remarkPlugins', 'rehypePlugins'] as const;

/** Where `use:` points: a first-party plugin, a file relative to the config, or a package resolved from the config's folder. */
function resolveUse(use: string, configDir: string): { url: string } | { problem: string } {
  if ((FIRST_PARTY as readonly string[]).includes(use)) return { url: new URL(`${use}/index.ts`, FIRST_PARTY_DIR).href };
  if (use.startsWith('.') || path.isAbsolute(use)) {
    const file = path.resolve(configDir, use);
    return existsSync(file) ? { url: pathToFileURL(file).href } : { problem: `no file ${path.relative(process.cwd(), file) || file}` };
  }
  try {
    return { url: pathToFileURL(createRequire(path.join(configDir, 'portal.yaml')).resolve(use)).href };
  } catch {
    return { problem: `"${use}" is neither a first-party plugin (${FIRST_PARTY.join(', ')}), a file (start it with ./), nor a package installed next to portal.yaml` };
  }
}

function shapeProblem(def: unknown): string | undefined {
  if (!def || typeof def !== 'object') return 'its default export is not a plugin object ({ name, …hooks })';
  const d = def as Record<string, unknown>;
  if (typeof d.name !== 'string' || !NAME.test(d.name)) return 'its `name` must be lowercase a-z, 0-9 and single dashes';
  for (const h of HOOKS) if (d[h] !== undefined && typeof d[h] !== 'function') return `its \`${h}\` must be a function`;
  if (d.options !== undefined && typeof (d.options as { safeParse?: unknown }).safeParse !== 'function') return 'its `options` must be a schema with safeParse (a zod schema)';
  for (const k of ['checks', 'annotationLinks'] as const) {
    if (d[k] !== undefined && (typeof d[k] !== 'object' || d[k] === null || Array.isArray(d[k]))) return `its \`${k}\` must be an object`;
  }
  if (d.reads !== undefined && !(Array.isArray(d.reads) && d.reads.every((r) => r === 'entity' || r === 'files' || r === 'catalog'))) return "its `reads` must list 'entity', 'files' or 'catalog'";
  for (const [name, c] of Object.entries((d.checks ?? {}) as Record<string, unknown>)) {
    const ok = typeof c === 'function' || (typeof c === 'object' && c !== null && typeof (c as { run?: unknown }).run === 'function' && typeof (c as { params?: { safeParse?: unknown } }).params?.safeParse === 'function');
    if (!ok) return `its check \`${name}\` must be a function, or { params: schema, run: function }`;
  }
  return undefined;
}

const versionOf = (url: string, options: unknown): string => {
  const code = url.startsWith('file:') ? codeVersion(url) : url;
  return createHash('sha256').update(code).update('\0').update(JSON.stringify(options ?? null)).digest('hex').slice(0, 32);
};

export interface LoadedPlugins { plugins: LoadedPlugin[]; diagnostics: Diagnostic[] }

export async function loadPlugins(config: Config): Promise<LoadedPlugins> {
  const entries = config.plugins ?? [];
  if (entries.length === 0 && !config.scorecards.some((c) => c.rules.some((r) => Object.keys(r.check).some((k) => k.includes('.'))))) return { plugins: [], diagnostics: [] };
  let text = '';
  try { text = readFileSync(config.file, 'utf8'); } catch { /* a config built in code: no lines */ }
  const sink = new DiagnosticSink({ file: path.relative(process.cwd(), config.file) || config.file });
  const lineOf = (p: (string | number)[]) => (text ? lineOfPath(text, 1, p) : undefined);
  const error = (at: (string | number)[], message: string) => {
    const line = lineOf(at);
    sink.error({ code: 'config.plugin', message, ...(line ? { line } : {}) });
  };
  const plugins: LoadedPlugin[] = [];
  for (const [i, entry] of entries.entries()) {
    const where = resolveUse(entry.use, config.dir);
    if ('problem' in where) { error(['plugins', i, 'use'], `plugins[${i}]: ${where.problem}`); continue; }
    let def: PluginDefinition<unknown>;
    try {
      const mod = await import(where.url) as { default?: unknown };
      const problem = shapeProblem(mod.default);
      if (problem) { error(['plugins', i, 'use'], `plugins[${i}] (${entry.use}): ${problem}`); continue; }
      def = mod.default as PluginDefinition<unknown>;
    } catch (e) {
      error(['plugins', i, 'use'], `plugins[${i}] (${entry.use}) could not be loaded: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    if (plugins.some((p) => p.name === def.name)) { error(['plugins', i, 'use'], `plugins[${i}]: a plugin named "${def.name}" is already listed`); continue; }
    let options: unknown = entry.options ?? {};
    if (def.options) {
      const parsed = def.options.safeParse(entry.options ?? {});
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const at = ['plugins', i, 'options', ...issue.path.map((k) => (typeof k === 'number' ? k : String(k)))];
          error(at, `plugins[${i}].options${issue.path.length ? `.${issue.path.map(String).join('.')}` : ''} (${def.name}): ${issue.message}`);
        }
        continue;
      }
      options = parsed.data;
    }
    plugins.push({ name: def.name, use: entry.use, url: where.url, options, definition: def, timeoutMs: entry.timeout_ms ?? DEFAULT_TIMEOUT_MS, version: versionOf(where.url, options) });
  }
  // a plugin that did not load is already an error: its checks are not reported missing as well
  if (plugins.length === entries.length) checkPluginChecks(config, plugins, error);
  return { plugins, diagnostics: sink.items };
}

/** A scorecard rule naming `<plugin>.<check>` must name a plugin that is listed and a check it has. */
function checkPluginChecks(config: Config, plugins: readonly LoadedPlugin[], error: (at: (string | number)[], m: string) => void): void {
  config.scorecards.forEach((card, i) => card.rules.forEach((rule, j) => {
    const name = Object.keys(rule.check).find((k) => k.includes('.'));
    if (!name) return;
    const [pluginName, check] = [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)];
    const plugin = plugins.find((p) => p.name === pluginName);
    const at = ['scorecards', i, 'rules', j, 'check', name];
    const def = plugin?.definition.checks?.[check];
    if (!plugin) error(at, `scorecards[${i}].rules[${j}]: check "${name}" names plugin "${pluginName}", which is not in plugins:`);
    else if (!def) error(at, `scorecards[${i}].rules[${j}]: plugin "${pluginName}" has no check "${check}"${Object.keys(plugin.definition.checks ?? {}).length ? `; its checks are ${Object.keys(plugin.definition.checks!).join(', ')}` : ''}`);
    else if (typeof def === 'object') {
      const parsed = def.params.safeParse(Object.fromEntries(Object.entries(rule.check).filter(([k]) => k !== name)));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const key = issue.path.map(String);
          error(key.length ? ['scorecards', i, 'rules', j, 'check', ...key] : at, `scorecards[${i}].rules[${j}].check${key.length ? `.${key.join('.')}` : ''} (${name}): ${issue.message}`);
        }
      }
    }
  }));
}

/** Where a first-party plugin's code is (tests, the guide). */
export const firstPartyFile = (name: string): string => fileURLToPath(new URL(`${name}/index.ts`, FIRST_PARTY_DIR));
