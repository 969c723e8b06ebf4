/**
 * Git, locked down: no prompts, no hooks, no transports but the allowed ones, bounded waits,
 * and every error message scrubbed of credentials before anyone sees it.
 */
import type { ChildProcess } from 'node:child_process';
import { simpleGit, type SimpleGit } from 'simple-git';
import { protocolConfig } from '../config/git-location.js';
import type { Redact } from './redact.js';
import { interrupted, trackChild } from './interrupt.js';

export interface GitContext {
  /** Only `file` transport is allowed: no clone, fetch or lazy blob fetch can reach a network. */
  offline: boolean;
  /** The caller's environment: PATH, HOME, proxies and ssh agent are taken from it. */
  baseEnv: NodeJS.ProcessEnv;
  /** Auth header entries (`GIT_CONFIG_*`) for this source. */
  authEnv: Record<string, string>;
  redact: Redact;
  /** Kill git when it has printed nothing for this long. */
  idleTimeoutMs: number;
  /**
   * Git may not look for a repository above this folder: a damaged cache entry must never make
   * `checkout --force` or `clean` run in a repository that encloses the cache.
   */
  ceiling?: string;
  /** Told of every git process spawned (the repo lock records them for the next build). */
  onSpawn?: (child: ChildProcess) => void;
}

export class GitFailure extends Error {
  override name = 'GitFailure';
}

/** Variables a git child may inherit; anything else (PAGER, EDITOR, GIT_DIR, …) is left out. */
const PASS_THROUGH = [
  'PATH', 'HOME', 'USERPROFILE', 'SYSTEMROOT', 'TMPDIR', 'TEMP', 'TMP', 'XDG_CONFIG_HOME',
  'SSH_AUTH_SOCK', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY',
  'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
  'GIT_SSL_CAINFO', 'GIT_SSL_CAPATH', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
];

const SSH_OPTIONS = '-o BatchMode=yes -o ConnectTimeout=20 -o ServerAliveInterval=15 -o ServerAliveCountMax=4';

export function gitEnv(ctx: Pick<GitContext, 'baseEnv' | 'authEnv' | 'ceiling'>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of PASS_THROUGH) {
    const value = ctx.baseEnv[key];
    if (value !== undefined) env[key] = value;
  }
  const userSsh = ctx.baseEnv.GIT_SSH_COMMAND;
  return {
    ...env,
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    // Set but empty: git then skips core.askPass and SSH_ASKPASS and fails instead of asking.
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_SSH_COMMAND: `${userSsh ?? 'ssh'} ${SSH_OPTIONS}`,
    GIT_HTTP_LOW_SPEED_LIMIT: '1000',
    GIT_HTTP_LOW_SPEED_TIME: '60',
    GIT_LFS_SKIP_SMUDGE: '1',
    ...(ctx.ceiling ? { GIT_CEILING_DIRECTORIES: ctx.ceiling } : {}),
    ...ctx.authEnv,
  };
}

interface PluginStore { add(plugin: object | object[]): unknown }

/**
 * simple-git takes plugins only from its own options, none of which hands out the spawned process
 * or sets `detached`; its store is reached directly. The lockfile pins the version and
 * tests/integration/sources/interrupted-build.test.ts fails if this stops working.
 */
function addProcessPlugins(git: SimpleGit, ctx: GitContext): void {
  const store = (git as unknown as { _plugins?: PluginStore })._plugins;
  if (typeof store?.add !== 'function') throw new Error('simple-git no longer exposes its plugin store: see addProcessPlugins in src/pipeline/sources/git.ts');
  store.add([
    // Its own process group: the group can be killed with every helper git starts.
    { type: 'spawn.options', action: (options: object) => ({ ...options, detached: true }) },
    {
      type: 'spawn.before',
      action(_: unknown, context: { kill(reason: Error): void }) {
        const signal = interrupted();
        if (signal) context.kill(new Error(`not started: the build is stopping (${signal})`));
      },
    },
    {
      type: 'spawn.after',
      action(_: unknown, context: { spawned: ChildProcess }) {
        trackChild(context.spawned);
        ctx.onSpawn?.(context.spawned);
      },
    },
  ]);
}

/** A simple-git bound to `dir` with the safe config on every call. */
export function gitAt(dir: string, ctx: GitContext): SimpleGit {
  const git = simpleGit({
    baseDir: dir,
    binary: 'git',
    maxConcurrentProcesses: 2,
    trimmed: false,
    timeout: { block: ctx.idleTimeoutMs },
    config: [
      ...protocolConfig(ctx.offline),
      'core.hooksPath=/dev/null',
      'submodule.recurse=false',
      'advice.detachedHead=false',
    ],
    // We set these ourselves, to the locked-down values above.
    unsafe: {
      allowUnsafeProtocolOverride: true,
      allowUnsafeHooksPath: true,
      allowUnsafeConfigEnvCount: true,
      allowUnsafeAskPass: true,
      allowUnsafeSshCommand: true,
    },
  }).env(gitEnv(ctx));
  addProcessPlugins(git, ctx);
  return git;
}

/** Progress lines say nothing about why git failed; keep the rest, one line. */
function summarize(message: string): string {
  const lines = message
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(remote: )?(Cloning into|Receiving|Resolving|Counting|Compressing|Enumerating|Total|Updating files|Checking)\b/.test(l));
  return lines.join(' — ') || 'git failed';
}

/** Runs git; on failure throws a GitFailure whose message is redacted and short. */
export async function run(git: SimpleGit, ctx: GitContext, args: string[]): Promise<string> {
  try {
    return await git.raw(args);
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const timedOut = /block timeout reached/.test(raw);
    const command = args[args[0] === '-c' ? 2 : 0];
    const text = timedOut ? `git ${command} timed out (no progress for ${Math.round(ctx.idleTimeoutMs / 1000)} s)` : summarize(raw);
    throw new GitFailure(ctx.redact(text));
  }
}

/** Like `run`, but a failing command yields null (for probes such as `rev-parse --verify`). */
export async function probe(git: SimpleGit, ctx: GitContext, args: string[]): Promise<string | null> {
  try {
    return (await run(git, ctx, args)).trim();
  } catch {
    return null;
  }
}
