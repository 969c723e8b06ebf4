/** `playbill <command>`: dispatch, usage errors (exit 2) and unexpected failures. */
import { EXIT, UsageError } from './args.js';
import { err, log } from './console.js';

const commands: Record<string, () => Promise<{ run(argv: string[]): Promise<number>; help: string }>> = {
  build: () => import('./commands/build.js'),
  validate: () => import('./commands/validate.js'),
  serve: () => import('./commands/serve.js'),
  dev: () => import('./commands/dev.js'),
  diff: () => import('./commands/diff.js'),
  summary: () => import('./commands/summary.js'),
};

const usage = `Usage: playbill <command> [options]

Commands:
  build      build the portal into --out (default dist/)
  validate   check descriptors and docs without building
  serve      serve a built portal locally
  dev        live preview while editing
  diff       what changed between two build reports
  summary    a build report as a Markdown job summary

Run "playbill <command> --help" for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { log(usage); return name ? EXIT.ok : EXIT.usage; }
  const load = commands[name];
  if (!load) { err(`Unknown command "${name}".\n\n${usage}`); return EXIT.usage; }
  try {
    const command = await load();
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) { err(`${e.message}\n\nRun "playbill ${name} --help" for usage.`); return EXIT.usage; }
    throw e;
  }
}
