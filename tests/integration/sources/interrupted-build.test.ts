/**
 * A build stopped while git clones: SIGKILL (nothing runs in-process) and SIGTERM. A local server on
 * 127.0.0.1 accepts git's connection and never answers, so `git clone https://127.0.0.1:PORT/…`
 * (and the git-remote-https helper it starts) hangs for as long as we like.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fetchSources } from '../../../src/pipeline/sources/index.js';
import { cleanupTmp, configFor, tmpDir } from './helpers.js';

afterAll(cleanupTmp);

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');

interface HangingServer {
  url: string;
  /** From now on, connections are closed at once: git fails fast instead of hanging. */
  refuse(): void;
  close(): Promise<void>;
}

async function hangingServer(): Promise<HangingServer> {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    if (refusing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/x.git`,
    refuse: () => { refusing = true; },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Live processes whose command line names `url`: git, and the git-remote-https it started. */
function processesFor(url: string): { pid: number; argv: string[] }[] {
  const found: { pid: number; argv: string[] }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (argv.some((a) => a.includes(url))) found.push({ pid: Number(name), argv });
    } catch { /* gone */ }
  }
  return found;
}

async function until(what: string, ok: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!ok()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Build {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

function startBuild(dir: string): Build {
  const child = spawn(process.execPath, [cli, 'build', '--config', 'portal.yaml', '--cache', 'cache', '--out', 'out'], {
    cwd: dir, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { output += b.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, exited, output: () => output };
}

function setup(url: string) {
  const dir = tmpDir('playbill-interrupt-');
  writeFileSync(path.join(dir, 'portal.yaml'), `site:\n  title: Test\nsources:\n  - name: hung\n    git: ${url}\n`);
  const gitCache = path.join(dir, 'cache', 'git');
  const leftInCache = () => (existsSync(gitCache) ? readdirSync(gitCache) : []);
  return { dir, leftInCache };
}

/** Both git and its https helper are up: the clone is under way and hangs. */
const cloneHangs = (url: string) => processesFor(url).some((p) => p.argv.some((a) => /remote-https/.test(a)));

describe('a git command that times out', () => {
  it('is killed with the helpers it started (git-remote-https outlives a killed git otherwise)', async () => {
    const server = await hangingServer();
    try {
      const dir = tmpDir('playbill-interrupt-');
      let seen = false;
      const watch = setInterval(() => { if (cloneHangs(server.url)) seen = true; }, 50);
      const { snapshots, diagnostics } = await fetchSources(configFor(dir, [{ name: 'hung', git: server.url }]), {
        cacheDir: path.join(dir, 'cache'), offline: false, overrides: {}, concurrency: 1, env: { PATH: process.env.PATH, HOME: dir }, idleTimeoutMs: 1500,
      });
      clearInterval(watch);
      expect(seen).toBe(true);
      expect(snapshots).toEqual([]);
      expect(diagnostics).toEqual([expect.objectContaining({ code: 'sources.fetch-failed', message: expect.stringMatching(/timed out/) })]);
      await until('the helpers to go', () => processesFor(server.url).length === 0, 2000);
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe('a build stopped in the middle of a clone', () => {
  it('after SIGKILL, the next build takes the dead build\'s lock over at once and kills the git it left', async () => {
    const server = await hangingServer();
    try {
      const { dir, leftInCache } = setup(server.url);
      const first = startBuild(dir);
      await until('the first build\'s git clone', () => cloneHangs(server.url), 60_000);
      first.child.kill('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
      // Killed with the build's node process, git would otherwise go on hanging.
      expect(processesFor(server.url)).not.toEqual([]);
      expect(leftInCache().some((n) => n.endsWith('.lock'))).toBe(true);

      server.refuse();
      const second = startBuild(dir);
      const { code } = await second.exited;
      expect(code, second.output()).toBe(0);
      const report = JSON.parse(readFileSync(path.join(dir, 'out', 'build-report.json'), 'utf8')) as {
        timings: { sources: number }; diagnostics: { code: string; severity: string }[];
      };
      // Waiting for the lock to go stale would take ten minutes.
      expect(report.timings.sources).toBeLessThan(30_000);
      expect(report.diagnostics.map((d) => [d.severity, d.code])).toEqual([
        ['info', 'sources.lock-recovered'],
        ['error', 'sources.fetch-failed'],
      ]);
      expect(processesFor(server.url)).toEqual([]);
      expect(leftInCache()).toEqual([]);
    } finally {
      await server.close();
    }
  }, 180_000);

  it.each([['SIGTERM', 143], ['SIGINT', 130]] as const)('on %s, the build kills its git children, releases its lock and exits %i', async (signal, exitCode) => {
    const server = await hangingServer();
    try {
      const { dir, leftInCache } = setup(server.url);
      const build = startBuild(dir);
      await until('the build\'s git clone', () => cloneHangs(server.url), 60_000);
      expect(leftInCache().some((n) => n.endsWith('.lock'))).toBe(true);
      build.child.kill(signal);
      expect(await build.exited, build.output()).toEqual({ code: exitCode, signal: null });
      expect(processesFor(server.url)).toEqual([]);
      expect(leftInCache()).toEqual([]);
    } finally {
      await server.close();
    }
  }, 120_000);
});
