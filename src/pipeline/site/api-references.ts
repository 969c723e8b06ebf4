/**
 * API references as page files (part of the asset step): each read definition rendered once
 * (apis/render), kept by content across builds, written as the HTML the API's page and its
 * `reference/<slug>/` parts read by name, with the search records of its operations and types.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextCache } from '../cache/text-cache.js';
import { codeVersion } from '../cache/code-version.js';
import type { ApiReadout } from '../apis/index.js';
import { renderReference, type ApiSearchRecord, type RenderedReference } from '../apis/render/index.js';
import type { ApiReferenceFiles } from './types.js';

/** Rendered references by the reference's content; an entry is whole when its JSON closes. */
export class ReferenceCache extends TextCache {
  constructor(cacheDir: string) {
    super(join(cacheDir, 'api-reference'), codeVersion(new URL('../apis/render/', import.meta.url)), { ext: 'json', ending: '}' });
  }
}

export function writeReference(readout: ApiReadout, dir: string, name: string, cache: ReferenceCache | undefined): { files: ApiReferenceFiles; records: ApiSearchRecord[] } | undefined {
  const reference = readout.reference;
  if (!reference) return undefined;
  const key = cache?.key(JSON.stringify(reference));
  let rendered: RenderedReference | undefined;
  const hit = key ? cache!.get(key) : undefined;
  if (hit) {
    try { rendered = JSON.parse(hit) as RenderedReference; } catch { rendered = undefined; }
  }
  if (!rendered) {
    rendered = renderReference(reference);
    if (key) cache!.put(key, JSON.stringify(rendered));
  }
  const htmlFile = join(dir, `api/${name}.ref.html`);
  writeFileSync(htmlFile, rendered.html);
  const parts = rendered.parts.map((p, k) => {
    const file = join(dir, `api/${name}.ref-${k}.html`);
    writeFileSync(file, p.html);
    return { slug: p.slug, title: p.title, htmlFile: file };
  });
  return {
    files: { htmlFile, parts, format: readout.format, operations: rendered.operations, types: rendered.types },
    records: rendered.records,
  };
}
