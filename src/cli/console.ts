/** Console output: progress on a terminal only (quiet in CI logs), summaries always. */
export const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
export const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

let lastLine = '';
export function progress(stage: string, done: number, total: number): void {
  if (!interactive) return;
  const line = `${stage}: ${done}/${total}`;
  if (line === lastLine) return;
  lastLine = line;
  process.stderr.write(`\r\x1b[2K${line}`);
  if (done >= total) process.stderr.write('\r\x1b[2K');
}

export const log = (s = '') => process.stdout.write(`${s}\n`);
export const err = (s = '') => process.stderr.write(`${s}\n`);
