/**
 * The worker pool's recovery policy, with a worker made to fail (fixture/worker.ts): a worker that
 * exits mid-task or throws costs that task one retry on a fresh worker and, failing again, its
 * failure result; it never hangs the pool, and every other task's result is right and in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPool, type PoolOptions } from '../../../src/pipeline/workers/pool.js';
import type { FixtureInit, FixtureResult, FixtureTask } from './fixture/worker.js';

const WORKER = new URL('./fixture/worker.ts', import.meta.url).href;
type Result = FixtureResult | { failed: string };
const temps: string[] = [];
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

const tasks = (n: number, special: Record<number, Partial<FixtureTask>> = {}): FixtureTask[] =>
  Array.from({ length: n }, (_, i) => ({ n: i, ...special[i] }));

function pool(over: Partial<PoolOptions<FixtureTask, Result>> & { init?: FixtureInit } = {}): PoolOptions<FixtureTask, Result> {
  return {
    worker: WORKER,
    workers: 2,
    runHere: async (t) => ({ doubled: t.n * 2, thread: 0 }),
    failed: (_t, reason) => ({ failed: reason }),
    ...over,
  };
}

const doubled = (r: Result | undefined) => (r && 'doubled' in r ? r.doubled : r);

describe('worker pool', () => {
  it('a task that ends its worker on every try fails alone; the pool does not hang and the rest are right', async () => {
    const seen: number[] = [];
    const run = await runPool(tasks(30, { 7: { exit: 'always' } }), pool({ onResult: (i) => seen.push(i) }));
    expect(run.results[7]).toEqual({ failed: expect.stringMatching(/stopped while on it \(exit code 3\), on both tries/) });
    expect(run.results.map(doubled).filter((_, i) => i !== 7)).toEqual(tasks(30).map((t) => t.n * 2).filter((_, i) => i !== 7));
    expect(run.results.filter((r, i) => i !== 7 && 'thread' in r && r.thread > 0)).toHaveLength(29);
    expect(run).toMatchObject({ inWorkers: 29, failures: 1 });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
  }, 30_000);

  it('a task whose worker exited once is retried on a fresh worker and succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-pool-'));
    temps.push(dir);
    const run = await runPool(tasks(12, { 0: { exit: 'once', marker: join(dir, 'm') } }), pool());
    expect(run.results.map(doubled)).toEqual(tasks(12).map((t) => t.n * 2));
    expect(run).toMatchObject({ inWorkers: 12, failures: 0 });
  }, 30_000);

  it('a task that throws in its worker is retried once, then gets its failure result with the message', async () => {
    const run = await runPool(tasks(10, { 4: { throws: true } }), pool());
    expect(run.results[4]).toEqual({ failed: 'task 4 throws on purpose, on both tries' });
    expect(run.results.map(doubled).filter((_, i) => i !== 4)).toEqual([0, 2, 4, 6, 10, 12, 14, 16, 18]);
    expect(run).toMatchObject({ inWorkers: 9, failures: 1 });
  }, 30_000);

  it('workers that cannot get ready leave all the work to this thread', async () => {
    const run = await runPool(tasks(10), pool({ init: { failSetup: true } }));
    expect(run.results).toEqual(tasks(10).map((t) => ({ doubled: t.n * 2, thread: 0 })));
    expect(run.inWorkers).toBe(0);
  }, 30_000);

  it('below the threshold or with one worker nothing starts; a throw here is retried once too', async () => {
    let tries = 0;
    const runHere = async (t: FixtureTask): Promise<Result> => {
      if (t.n === 1 && tries++ === 0) throw new Error('first try fails');
      if (t.n === 2) throw new Error('always fails');
      return { doubled: t.n * 2, thread: 0 };
    };
    for (const over of [{ threshold: 100 }, { workers: 1 }]) {
      tries = 0;
      const run = await runPool(tasks(5), pool({ ...over, runHere }));
      expect(run.results).toEqual([
        { doubled: 0, thread: 0 }, { doubled: 2, thread: 0 }, { failed: 'always fails, on both tries' }, { doubled: 6, thread: 0 }, { doubled: 8, thread: 0 },
      ]);
      expect(run).toMatchObject({ inWorkers: 0, failures: 1 });
    }
  });
});
