import path from 'node:path';
import { existsSync } from 'node:fs';
import { readPreviousReport } from '../../pipeline/report/assemble.js';
import { normalizeBase } from '../../pipeline/settings.js';
import { serve } from '../static-server.js';
import { EXIT, parse, UsageError } from '../args.js';
import { log } from '../console.js';

export const help = `Usage: playbill serve [--out DIR] [--port N] [--host HOST] [--base PATH]

Serves a built portal from DIR (default dist/) for offline reading and search.
The base path defaults to the one the portal was built for.

Options:
  --out DIR      the built portal (default: dist)
  --port N       port (default: 4321)
  --host HOST    interface to listen on (default: 127.0.0.1)
  --base PATH    sub-path the portal was built for (default: read from the build)
  -h, --help     show this help`;

/** The base a portal was built for, as its build report says, so `serve` needs no flag for it. */
function builtBase(outDir: string): string {
  const report = readPreviousReport(path.join(outDir, 'build-report.json'));
  return normalizeBase(typeof report?.base === 'string' ? report.base : '/');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, { out: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, base: { type: 'string' } });
  if (values.help) { log(help); return EXIT.ok; }
  const outDir = path.resolve(values.out ?? 'dist');
  if (!existsSync(path.join(outDir, 'index.html'))) throw new UsageError(`${outDir} holds no built portal: run "playbill build" first`);
  const port = Number(values.port ?? 4321);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const base = values.base ? normalizeBase(values.base) : builtBase(outDir);
  const server = await serve({ outDir, port, host: values.host ?? '127.0.0.1', base });
  log(`Serving ${path.relative(process.cwd(), outDir) || outDir} at ${server.url}  (Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => { void server.close().then(resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}
