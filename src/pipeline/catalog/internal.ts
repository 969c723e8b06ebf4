/**
 * The message of an `<stage>.internal` diagnostic: Playbill itself tripped over one file, document
 * or entity (a bug, not bad input — bad input has its own codes). The catalog and docs stages catch
 * such an exception around each unit of work, report it here and go on with the rest, so one
 * unforeseen file cannot take the whole portal down.
 */
export function internalMessage(what: string, e: unknown, consequence = 'skipped'): string {
  const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `Playbill failed on ${what} (${why}); ${consequence}. This is a bug in Playbill, not necessarily in the file: please report it`;
}
