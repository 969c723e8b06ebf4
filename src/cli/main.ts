/** `playbill <command>`: dispatch, usage errors (exit 2) and unexpected failures (exit 3). */
import { EXIT, UsageError } from './args.js';
import { err, log } from './console.js';

/**
 * Exit code of a failure that is neither the user's config nor their catalog: the disk, permissions,
 * or a bug. Distinct from 1, which CI jobs read as "the catalog has errors".
 */
export const EXIT_FAILURE = 3;

const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number>; help: string }>> = {
  build: () => import('./commands/build.js'),
  validate: () => import('./commands/validate.js'),
  serve: () => import('./commands/serve.js'),
  dev: () => import('./commands/dev.js'),
  diff: () => import('./commands/diff.js'),
  summary: () => import('./commands/summary.js'),
  init: () => import('./commands/init.js'),
  scaffold: () => import('./commands/scaffold.js'),
};

const usage = `Usage: playbill <command> [options]

Commands:
  build      build the portal into --out (default dist/)
  validate   check descriptors and docs without building
  serve      serve a built portal locally
  dev        live preview while editing
  diff       what changed between two build reports
  summary    a build report as a Markdown job summary
  init       start a new portal repository (portal.yaml, package.json, CI)
  scaffold   render a software template into a new project

Every command also takes --debug: print the stack of an unexpected failure.
Run "playbill <command> --help" for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  // --debug is global: taken out before the command parses its own options (up to a `--`).
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const debug = argv.slice(0, end).includes('--debug');
  const [name, ...rest] = debug ? [...argv.slice(0, end).filter((a) => a !== '--debug'), ...argv.slice(end)] : argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { log(usage); return name ? EXIT.ok : EXIT.usage; }
  const load = commands[name];
  if (!load) { err(`Unknown command "${name}".\n\n${usage}`); return EXIT.usage; }
  // Failures outside the awaited chain (a stray rejection, an error thrown from a callback) end the same way.
  const crash = (e: unknown) => { reportFailure(name, e, debug); process.exit(EXIT_FAILURE); };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  try {
    const command = await load();
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) { err(`${e.message}\n\nRun "playbill ${name} --help" for usage.`); return EXIT.usage; }
    reportFailure(name, e, debug);
    return EXIT_FAILURE;
  }
}

/** One line saying what failed; the stack only with --debug (it helps a bug report, not a user). */
function reportFailure(command: string, e: unknown, debug: boolean): void {
  const hint = debug || systemError(e) ? '' : ' (run with --debug for the stack)';
  err(`playbill ${command}: ${describeFailure(e)}${hint}`);
  if (debug) err(e instanceof Error && e.stack ? e.stack : String(e));
}

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system',
  ENOSPC: 'no space left on device', EDQUOT: 'disk quota exceeded', EXDEV: 'cannot move across file systems',
  ENOENT: 'no such file or folder', ENOTDIR: 'a part of the path is not a folder', EISDIR: 'is a folder',
  EEXIST: 'already exists', ENOTEMPTY: 'folder not empty', EMFILE: 'too many open files',
  ENFILE: 'too many open files on this system', EBUSY: 'in use', EIO: 'input/output error', ENOMEM: 'out of memory',
};

const WRITES = new Set(['mkdir', 'write', 'rename', 'copyfile', 'link', 'symlink', 'unlink', 'rmdir', 'rm', 'cp', 'chmod', 'utime', 'futime', 'ftruncate', 'fsync', 'mkdtemp']);
const READS = new Set(['read', 'scandir', 'opendir', 'stat', 'lstat', 'fstat', 'readlink', 'realpath', 'access']);

type SystemError = Error & { code: string; syscall?: string; path?: string; dest?: string };

function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as SystemError).code === 'string' && /^E[A-Z0-9]+$/.test((e as SystemError).code);
}

/** The system error behind `e` (libraries wrap them in their own, with the original as `cause`). */
function systemError(e: unknown): SystemError | undefined {
  for (let c = e, depth = 0; c && depth < 5; c = (c as { cause?: unknown }).cause, depth++) if (isSystemError(c)) return c;
  return undefined;
}

/** `could not write /x/y: permission denied (EACCES)`; for anything else its message's first line. */
export function describeFailure(e: unknown): string {
  const sys = systemError(e);
  if (!sys) return `internal error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  // mkdir -p meets a file where a folder of the path should be: EEXIST, but "already exists" would puzzle.
  const words = sys.code === 'EEXIST' && sys.syscall === 'mkdir' ? 'a file is in the way'
    : ERRNO_WORDS[sys.code] ?? sys.message.replace(/^E[A-Z0-9]+:\s*/, '').split(',')[0];
  const syscall = sys.syscall ?? '';
  const verb = syscall === 'mkdir' ? 'could not create' : syscall === 'rename' && sys.dest ? 'could not move'
    : WRITES.has(syscall) ? 'could not write' : READS.has(syscall) ? 'could not read'
    : syscall.startsWith('spawn') ? 'could not run' : syscall === 'open' ? 'could not open' : 'failed';
  const what = sys.path ? `${sys.path}${sys.dest && verb === 'could not move' ? ` to ${sys.dest}` : ''}` : (syscall || 'a system call');
  return `${verb} ${what}: ${words} (${sys.code})`;
}
