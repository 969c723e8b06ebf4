/** Folders of repository files for plugin tests, made in the OS temp dir and removed by `cleanup`. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempRepos(prefix: string): ((files: Record<string, string | Buffer>) => string) & { cleanup: () => void; roots: readonly string[] } {
  const dirs: string[] = [];
  const make = (files: Record<string, string | Buffer>): string => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(root);
    for (const [p, data] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), data);
    }
    return root;
  };
  return Object.assign(make, { roots: dirs, cleanup: () => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); } });
}
