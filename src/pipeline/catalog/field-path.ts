/** How diagnostics name a field: `metadata.tags[1]`, `metadata.annotations["backstage.io/x"]`. */
import type { YamlPath } from '../yaml/locate.js';

export function formatPath(path: YamlPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out || '(document)';
}
