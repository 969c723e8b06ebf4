/**
 * ISO 8601 durations as people say them: `PT6H` → "about 6 hours", `P1DT2H` → "about 1 day",
 * `PT90M` → "about 2 hours". Backstage annotations use them (`backstage.io/time-saved`); a reader
 * should not have to decode them. The largest unit with a whole amount leads, rounded.
 */
const ISO = /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?=\d)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const UNITS: [string, number][] = [['year', 365 * 86400], ['month', 30 * 86400], ['week', 7 * 86400], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

export function durationSeconds(value: string): number | undefined {
  const m = value.trim().toUpperCase().match(ISO);
  if (!m) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i]!.replace(',', '.')) : 0);
  return n(1) * UNITS[0]![1] + n(2) * UNITS[1]![1] + n(3) * UNITS[2]![1] + n(4) * UNITS[3]![1] + n(5) * 3600 + n(6) * 60 + n(7);
}

export function humanDuration(value: string): string | undefined {
  const s = durationSeconds(value);
  if (s === undefined) return undefined;
  if (s === 0) return 'no time';
  for (const [unit, size] of UNITS) {
    if (s < size && unit !== 'second') continue;
    const amount = Math.round(s / size);
    // annotated durations are estimates (time saved, a rotation): "about" says so even when whole
    return `about ${amount} ${unit}${amount === 1 ? '' : 's'}`;
  }
  return undefined;
}
