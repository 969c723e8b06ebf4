/**
 * The file Astro's builds read the portal model from (PLAYBILL_MODEL, src/lib/model.ts): JSON lines,
 * so that neither side ever holds the model as one string. On a 1,000-repo org the model is several
 * hundred megabytes: `JSON.stringify` of it ran the build out of heap, and V8 cannot hold a string
 * past 2^29 characters at all. Line 1 is the SiteData without its entities, with their count; each
 * further line is `[position, EntityView]`. JSON never writes a raw newline inside a value, so a line
 * is always one whole value.
 *
 * A share (one of several Astro builds at once, render-pages.ts) gets only the entities its routes
 * show: the others are holes of the array, which the pages' getStaticPaths skip (`flatMap` skips
 * holes), so every position — the key of an entity's assets — stays what it is in the whole model.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { EntityView, SiteData } from './types.js';

interface Header { entities: number; data: SiteData }

const NL = 0x0a;
/** Bytes gathered before a write: few system calls, a bounded buffer. */
const CHUNK = 1 << 20;

/** Writes `data` to `file`; with `keep`, only the entities at those positions. */
export function writeModelFile(file: string, data: SiteData, keep?: ReadonlySet<number>): void {
  const { entities, ...model } = data.model;
  const header: Header = { entities: entities.length, data: { ...data, model: { ...model, entities: [] } } };
  const fd = openSync(file, 'w');
  try {
    let parts: string[] = [JSON.stringify(header)];
    let size = parts[0]!.length;
    const flush = () => {
      writeSync(fd, parts.join('\n') + '\n');
      parts = [];
      size = 0;
    };
    entities.forEach((e, i) => {
      if (keep && !keep.has(i)) return;
      const line = JSON.stringify([i, e]);
      parts.push(line);
      size += line.length;
      if (size >= CHUNK) flush();
    });
    if (parts.length) flush();
  } finally {
    closeSync(fd);
  }
}

/** Reads a file `writeModelFile` wrote: the entities it has at their positions, holes for the rest. */
export function readModelFile(file: string): SiteData {
  const bytes = readFileSync(file);
  let start = 0;
  const next = (): string | undefined => {
    if (start >= bytes.length) return undefined;
    let end = bytes.indexOf(NL, start);
    if (end < 0) end = bytes.length;
    const line = bytes.toString('utf8', start, end);
    start = end + 1;
    return line;
  };
  const first = next();
  if (first === undefined) throw new Error(`${file}: an empty model file`);
  const header = JSON.parse(first) as Header;
  // holes on purpose: positions are the entities' keys
  const entities: EntityView[] = new Array<EntityView>(header.entities);
  for (let line = next(); line !== undefined; line = next()) {
    if (!line) continue;
    const [i, e] = JSON.parse(line) as [number, EntityView];
    entities[i] = e;
  }
  return { ...header.data, model: { ...header.data.model, entities } };
}
