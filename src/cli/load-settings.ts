/**
 * portal.yaml, its plugins and the command line's flags, as every command that reads a portal needs
 * them: a config or a plugin that cannot be used is diagnostics and no settings (exit 2).
 */
import { loadConfig } from '../pipeline/config/load.js';
import { applyFlags, type Flags, type Settings } from '../pipeline/settings.js';
import { loadPlugins } from '../pipeline/plugins/load.js';
import type { Diagnostic } from '../pipeline/diagnostics.js';

export async function loadSettings(configFile: string, flags: Flags): Promise<{ settings?: Settings; diagnostics: Diagnostic[] }> {
  const loaded = loadConfig(configFile);
  if (!loaded.config) return { diagnostics: loaded.diagnostics };
  const plugins = await loadPlugins(loaded.config);
  if (plugins.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: [...loaded.diagnostics, ...plugins.diagnostics] };
  return { settings: { ...applyFlags(loaded.config, flags), plugins: plugins.plugins }, diagnostics: [...loaded.diagnostics, ...plugins.diagnostics] };
}
