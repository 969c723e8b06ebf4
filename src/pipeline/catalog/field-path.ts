/** How diagnostics name a field: `metadata.tags[1]`, `metadata.annotations["backstage.io/x"]`. */
import type { YamlPath } from '../yaml/positions.js';
import { quote, QUOTE_MAX } from '../yaml/quote.js';

export function formatPath(path: YamlPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    // keys are written by the repo: a long or odd key is shown quoted, cut short and escaped
    else if (p.length <= QUOTE_MAX && /^[A-Za-z_$][\w$-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${quote(p)}]`;
  }
  return out || '(document)';
}
