/**
 * Heading ids as MkDocs' `toc` extension makes them (Python-Markdown `slugify` + `unique`), so
 * anchors authors wrote against MkDocs (`page.md#some-heading`) keep working.
 */
export function mkdocsSlug(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  return ascii
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** Hands out page-unique ids: `x`, then `x_1`, `x_2`, … like Python-Markdown's `unique`. */
export class SlugRegistry {
  private readonly used = new Set<string>();
  take(wanted: string): string {
    let id = wanted || '_';
    let n = 0;
    while (this.used.has(id)) id = `${wanted || '_'}_${++n}`;
    this.used.add(id);
    return id;
  }
  reserve(id: string): void { this.used.add(id); }
}
