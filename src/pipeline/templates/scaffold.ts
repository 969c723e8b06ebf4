/**
 * Using a template: the reader's values checked against its parameters, its steps run in order —
 * the fetch steps (and `catalog:write`) rendered into files, every other step turned into what to do
 * by hand, with the values filled in. The renderers are passed in, so the CLI runs them in its
 * isolated child and the browser in its opaque frame; nothing here evaluates a template itself.
 */
import yaml from 'js-yaml';
import type { TemplateStep } from './index.js';
import { parseRepoUrl } from './render/filters.js';
import { checkValues as check, withDefaults as defaults } from './values.js';
import type { FetchTemplateOptions, RenderedFile, RenderProblem, SkeletonFile } from './render/index.js';

/** A skeleton file as a step names it: the build has it on disk (`abs`), the browser by its hash. */
export interface SkeletonRef { path: string; hash: string; executable?: boolean }

/** What scaffolding reads of a template: the build's TemplateModel, or the page's copy of it (no paths of the build machine). */
export interface ScaffoldTemplate<F extends SkeletonRef = SkeletonRef> {
  parameters: Array<Record<string, unknown>>;
  steps: Array<Omit<TemplateStep, 'skeleton'> & { skeleton?: { files: F[] } }>;
}

export interface Renderers<F extends SkeletonRef = SkeletonRef> {
  skeleton(files: readonly SkeletonFile[], opts: FetchTemplateOptions): Promise<{ files: RenderedFile[]; problems: RenderProblem[] }>;
  input(value: unknown, context: Record<string, unknown>): Promise<{ value: unknown; problems: RenderProblem[] }>;
  /** A skeleton file's bytes. */
  read(file: F): Promise<Uint8Array>;
}

export interface ManualStep { id: string; name?: string; action: string; commands: string[]; note?: string; input: unknown }

export interface ScaffoldResult {
  files: RenderedFile[];
  manual: ManualStep[];
  /** Steps whose `if` was false. */
  skipped: string[];
  problems: RenderProblem[];
}

/** Every property's `default` (branches' too), under the values given. */
export const withDefaults = (template: ScaffoldTemplate<SkeletonRef>, values: Record<string, unknown>): Record<string, unknown> => defaults(template.parameters, values);

/** The values against each parameters page, one message per field (values.ts). */
export const checkValues = (template: ScaffoldTemplate<SkeletonRef>, values: Record<string, unknown>): string[] => check(template.parameters, values);

const isFetch = (s: ScaffoldTemplate['steps'][number]) => s.action.startsWith('fetch:') && s.skeleton !== undefined;

export async function scaffold<F extends SkeletonRef>(template: ScaffoldTemplate<F>, values: Record<string, unknown>, render: Renderers<F>): Promise<ScaffoldResult> {
  const files = new Map<string, RenderedFile>();
  const manual: ManualStep[] = [];
  const skipped: string[] = [];
  const problems: RenderProblem[] = [];
  const steps: Record<string, { output: Record<string, unknown> }> = {};
  const context = () => ({ parameters: values, steps, user: { ref: '', entity: {} } });

  for (const step of template.steps) {
    if (step.if !== undefined) {
      const cond = typeof step.if === 'string' ? await render.input(step.if, context()) : { value: step.if, problems: [] };
      problems.push(...cond.problems);
      if (!cond.value || cond.value === 'false') { skipped.push(step.id); continue; }
    }
    const { value, problems: inputProblems } = await render.input(step.input, context());
    problems.push(...inputProblems.map((p) => ({ ...p, message: `step "${step.id}": ${p.message}` })));
    const input = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    if (isFetch(step)) {
      const skeleton: SkeletonFile[] = await Promise.all(step.skeleton!.files.map(async (f) => ({ path: f.path, content: await render.read(f), ...(f.executable ? { executable: true } : {}) })));
      const single = step.action.endsWith(':file');
      const target = typeof input.targetPath === 'string' ? input.targetPath : '';
      const r = await render.skeleton(
        // a single file is written at targetPath itself
        single ? skeleton.map((f) => ({ ...f, path: target.split('/').pop() || f.path })) : skeleton,
        {
          values: (input.values ?? {}) as Record<string, unknown>,
          targetPath: single ? target.split('/').slice(0, -1).join('/') : target,
          ...(Array.isArray(input.copyWithoutTemplating ?? input.copyWithoutRender) ? { copyWithoutTemplating: (input.copyWithoutTemplating ?? input.copyWithoutRender) as string[] } : {}),
          ...(input.templateFileExtension !== undefined ? { templateFileExtension: input.templateFileExtension as boolean | string } : {}),
          ...(input.cookiecutterCompat === true ? { cookiecutterCompat: true } : {}),
          ...(step.action.startsWith('fetch:plain') ? { plain: true } : {}),
        },
      );
      problems.push(...r.problems.map((p) => ({ ...p, message: `step "${step.id}": ${p.message}` })));
      for (const f of r.files) files.set(f.path, f);
      steps[step.id] = { output: {} };
    } else if (step.action === 'catalog:write') {
      const path = typeof input.filePath === 'string' ? input.filePath : 'catalog-info.yaml';
      files.set(path, { path, content: new TextEncoder().encode(yaml.dump(input.entity ?? {}, { lineWidth: -1 })), rendered: true });
      steps[step.id] = { output: {} };
    } else {
      const m = manualStep(step, input);
      manual.push(m.step);
      steps[step.id] = { output: m.output };
    }
  }
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)), manual, skipped, problems };
}

const sh = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** What a step that needs a server does, as commands and words, and the output later steps read. */
function manualStep(step: ScaffoldTemplate['steps'][number], input: Record<string, unknown>): { step: ManualStep; output: Record<string, unknown> } {
  const base = { id: step.id, ...(step.name ? { name: step.name } : {}), action: step.action, input };
  const repo = (() => { try { return typeof input.repoUrl === 'string' ? parseRepoUrl(input.repoUrl) : undefined; } catch { return undefined; } })();
  const branch = typeof input.defaultBranch === 'string' ? input.defaultBranch : 'main';
  if ((step.action === 'publish:github' || step.action === 'publish:gitlab') && repo) {
    const owner = repo.owner ?? repo.organization ?? '';
    const web = `https://${repo.host}/${owner}/${repo.repo}`;
    const init = ['git init -b ' + sh(branch), 'git add -A', `git commit -m ${sh(typeof input.gitCommitMessage === 'string' ? input.gitCommitMessage : 'Initial commit')}`];
    const visibility = input.repoVisibility === 'public' ? '--public' : input.repoVisibility === 'internal' ? '--internal' : '--private';
    const commands = step.action === 'publish:github'
      ? [...init, `gh repo create ${sh(`${owner}/${repo.repo}`)} ${visibility}${typeof input.description === 'string' ? ` --description ${sh(input.description)}` : ''} --source . --push${repo.host !== 'github.com' ? ` # GH_HOST=${repo.host}` : ''}`]
      // GitLab creates a project on its first push to a namespace one may create projects in
      : [...init, `git push --set-upstream ${sh(`${web}.git`)} ${sh(branch)}`];
    return { step: { ...base, commands }, output: { remoteUrl: web, repoContentsUrl: `${web}/blob/${branch}` } };
  }
  if (step.action === 'publish:github:pull-request' && repo) {
    const owner = repo.owner ?? repo.organization ?? '';
    const branchName = typeof input.branchName === 'string' ? input.branchName : 'playbill-scaffold';
    const title = typeof input.title === 'string' ? input.title : 'Changes from a template';
    const target = typeof input.targetPath === 'string' && input.targetPath && input.targetPath !== '.' ? ` under ${input.targetPath}` : '';
    return {
      step: {
        ...base,
        commands: [
          `git clone https://${repo.host}/${owner}/${repo.repo}.git && cd ${sh(repo.repo!)}`,
          `git checkout -b ${sh(branchName)}`,
          `# copy the generated files into the clone${target}, then:`,
          'git add -A',
          `git commit -m ${sh(title)}`,
          `git push -u origin ${sh(branchName)}`,
          `gh pr create --title ${sh(title)}${typeof input.description === 'string' ? ` --body ${sh(input.description)}` : ' --fill'}`,
        ],
      },
      output: { remoteUrl: `https://${repo.host}/${owner}/${repo.repo}/pulls` },
    };
  }
  if (step.action === 'catalog:register') {
    const path = typeof input.catalogInfoPath === 'string' ? input.catalogInfoPath : '/catalog-info.yaml';
    const where = typeof input.repoContentsUrl === 'string' ? input.repoContentsUrl : typeof input.catalogInfoUrl === 'string' ? input.catalogInfoUrl : 'the new repository';
    return {
      step: { ...base, commands: [], note: `Keep ${path} in ${where}: the portal's next build lists it when a discovery source covers the repository; otherwise add the repository under sources: in portal.yaml.` },
      output: { entityRef: '' },
    };
  }
  if (step.action === 'debug:log') return { step: { ...base, commands: [], note: String(input.message ?? '') }, output: {} };
  return { step: { ...base, commands: [], note: `${step.action} runs on a Backstage backend; its input is below.` }, output: {} };
}
