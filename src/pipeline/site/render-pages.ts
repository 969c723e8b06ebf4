/**
 * Astro generates pages one at a time on one core. A large site is therefore rendered by several
 * Astro builds at once, each in its own process (Astro's build changes the working folder and reads the
 * model path from the environment, so builds cannot share a process or run in threads), each over a
 * disjoint share of the reusable routes (`SiteData.render`, filtered by every getStaticPaths through
 * src/lib/model.ts), with only the entities those routes show (model-file.ts): a child holds its share
 * of the model, not all of it. The shares are merged into one output: the same code gives the same `_astro/`
 * names, and the few pages that are not reusable routes (home, catalog index, health…) come out the same
 * from every build, so which one lands last does not matter.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import { astroConfig, ASTRO_WORK_ROOT, withModelEnv } from './astro.js';
import { moveTree } from '../output.js';
import { writeModelFile } from './model-file.js';
import { apiPartRoute, apiRoute, entityRoute } from './routes.js';
import type { SiteData } from './types.js';

/** Below this many routes to render, a second build's start (Vite bundling the pages again) costs more than it saves. */
const MIN_ROUTES_PER_PROCESS = 1500;

export interface RenderJob {
  /** The render (or one share of it): what `build()` of the child needs. */
  modelFile: string;
  /** Where the generated files are moved to. */
  dest: string;
  base: string;
  site?: string;
  /** Astro's (Vite's) cache folder: one per build at once. */
  cacheDir: string;
}

/**
 * How many Astro builds render `routes` routes. `PLAYBILL_ASTRO_PROCESSES` overrides (tests force 2 on a
 * small site; 1 turns it off).
 */
export function renderProcesses(routes: number): number {
  const forced = Number(process.env.PLAYBILL_ASTRO_PROCESSES);
  if (Number.isInteger(forced) && forced > 0) return forced;
  return Math.max(1, Math.min(availableParallelism(), Math.floor(routes / MIN_ROUTES_PER_PROCESS)));
}

/** One Astro build of `job`, in this process. */
export async function renderInProcess(job: RenderJob): Promise<void> {
  await withModelEnv(job.modelFile, async (workDir) => {
    // Astro renames its prerendered assets into outDir, which fails (EXDEV) when outDir is on another
    // file system than Playbill: so it renders into its work folder, and the pages are moved from there
    // (renamed, or copied when --out is on another disk). Moving also replaces a reused page's hard
    // link instead of writing through it into the previous output.
    const rendered = join(workDir, 'out');
    await build(astroConfig({ outDir: rendered, base: job.base, ...(job.site ? { site: job.site } : {}), cacheDir: job.cacheDir }), { teardownCompiler: false });
    moveTree(rendered, job.dest);
  });
}

/**
 * Renders `data`'s routes (`routes`: those to generate) into `outDir`, split over `processes` builds.
 * `dir` is a scratch folder for the shares' model files and caches.
 */
export async function renderPages(opts: { data: SiteData; routes: readonly string[]; dir: string; outDir: string; base: string; site?: string; processes: number }): Promise<void> {
  const { data, routes, dir, outDir, base, site } = opts;
  const k = Math.max(1, Math.min(opts.processes, routes.length));
  const common = { base, ...(site ? { site } : {}) };
  if (k === 1) {
    const modelFile = join(dir, 'model.jsonl');
    writeModelFile(modelFile, data);
    await renderInProcess({ modelFile, dest: outDir, cacheDir: join(dir, 'astro-cache'), ...common });
    return;
  }
  // The shares are moved next to Astro's work folders (one file system) and merged one after another.
  mkdirSync(ASTRO_WORK_ROOT, { recursive: true });
  const staging = mkdtempSync(join(ASTRO_WORK_ROOT, `astro-${process.pid}-shares-`));
  try {
    const owners = routeEntities(data);
    const jobs = Array.from({ length: k }, (_, i): RenderJob => {
      const modelFile = join(dir, `model-${i}.jsonl`);
      // every k-th route: each share gets entity, API and docs pages alike
      const render = routes.filter((_, j) => j % k === i);
      const keep = new Set(render.flatMap((r) => owners.get(r) ?? []));
      writeModelFile(modelFile, { ...data, render }, keep);
      return { modelFile, dest: join(staging, String(i)), cacheDir: join(dir, `astro-cache-${i}`), ...common };
    });
    // every build is waited for, so none is left running when one fails
    const results = await Promise.allSettled(jobs.map(renderInChild));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const job of jobs) moveTree(job.dest, outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The entity (by position) each entity, API download and reference route shows: a share's model file
 * carries those entities and no other (model-file.ts). Docs and plugin pages need none.
 */
function routeEntities(data: SiteData): Map<string, number> {
  const owner = new Map<string, number>();
  data.model.entities.forEach((e, i) => {
    owner.set(entityRoute(e), i);
    const api = data.assets.api[i];
    const download = apiRoute(e, api);
    if (download) owner.set(download, i);
    for (const p of api?.reference?.parts ?? []) owner.set(apiPartRoute(e, p.slug), i);
  });
  return owner;
}

const CHILD = fileURLToPath(new URL('./render-child.ts', import.meta.url));

function renderInChild(job: RenderJob): Promise<void> {
  return new Promise((resolve, reject) => {
    const tsx = import.meta.resolve('tsx');
    // `node --cpu-prof` on the build profiles its Astro builds too (the flag is refused in NODE_OPTIONS)
    const profile = process.execArgv.filter((a) => a.startsWith('--cpu-prof'));
    const child = spawn(process.execPath, [...profile, '--import', tsx, CHILD, JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-8000);
      process.stderr.write(b);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`an Astro build of ${job.modelFile} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}
