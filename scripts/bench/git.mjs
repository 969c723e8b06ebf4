/** Git with a fixed identity and dates, no hooks and no user config, so commits are reproducible. */
import { spawn } from 'node:child_process';

const IDENTITY = { name: 'Playbill Bench', email: 'bench@playbill.invalid' };

export function gitEnv(unixSeconds) {
  const date = `${unixSeconds} +0000`;
  return {
    ...process.env,
    GIT_AUTHOR_NAME: IDENTITY.name, GIT_AUTHOR_EMAIL: IDENTITY.email, GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: IDENTITY.name, GIT_COMMITTER_EMAIL: IDENTITY.email, GIT_COMMITTER_DATE: date,
    GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0',
  };
}

/** Run git in `cwd`; resolves with stdout, rejects with stderr on a non-zero exit. */
export function git(cwd, args, unixSeconds = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgSign=false', ...args], { cwd, env: gitEnv(unixSeconds) });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`git ${args.join(' ')} in ${cwd} failed (${code}): ${err.trim()}`))));
  });
}

/** Stage everything and commit it with a fixed date. */
export async function commitAll(cwd, message, unixSeconds) {
  await git(cwd, ['add', '-A'], unixSeconds);
  await git(cwd, ['commit', '-q', '--no-verify', '-m', message], unixSeconds);
}

/** Run `task(item)` over `items`, at most `limit` at once. */
export async function eachLimit(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
