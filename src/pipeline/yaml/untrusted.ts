/**
 * Checks for values parsed from files Playbill does not control: descriptors, the files `$json` and
 * `$yaml` placeholders name, mkdocs.yml. Run once, right after parsing, before any other code
 * touches the value.
 *
 * Depth: every later step walks these values recursively (placeholder resolution, validation,
 * `JSON.stringify` for the fingerprint and catalog.json, the site's renderers), so a value nested a
 * few thousand levels deep overflows the stack far from the file that caused it and kills the build.
 * `JSON.parse` itself nests without limit; js-yaml stops at `maxDepth`. So the depth is measured
 * here, without recursion, and a value deeper than MAX_DEPTH is refused where it was read.
 *
 * `__proto__`: JSON.parse and js-yaml (4.x) keep a `__proto__` key as an own property, but the
 * first plain `copy[key] = value` made of it sets the copy's *prototype* instead: its fields are
 * then read by validation and relations yet never serialised, so catalog.json would not show where
 * a relation came from. Nothing legitimate is called `__proto__`, so the key is dropped on parse.
 */
import type { LoadOptions } from 'js-yaml';
import type { YamlPath } from './positions.js';

/**
 * Deepest nesting of lists and maps accepted (the root map is level 1). Measured: a Backstage entity
 * is 4–6 levels, the demo's OpenAPI and AsyncAPI definitions 9–11 (2 more where `spec.definition`
 * places them), the deepest of ~700 JSON files in node_modules 13; specs nest schemas by `$ref`
 * rather than inline, and mkdocs navs are a handful deep. 64 leaves ample room and keeps every
 * recursive walk over the value far from the stack limit, worker threads' smaller stacks included.
 */
export const MAX_DEPTH = 64;

export const tooDeepMessage = (limit = MAX_DEPTH): string =>
  `nested more than ${limit} levels deep (lists and maps inside each other); refused, as no descriptor, API definition or mkdocs config needs that many`;

/**
 * js-yaml's own bound on its recursion, passed explicitly so a later version's default cannot take
 * it away. Generous on purpose: js-yaml counts scalars, and flow entries once more, as levels of
 * their own, so the exact limit on lists and maps is left to `findTooDeep` after parsing.
 */
export function yamlLoadOptions(options: LoadOptions): LoadOptions {
  return { ...options, maxDepth: 2 * MAX_DEPTH } as LoadOptions;
}

/** A parser's error that means "too deeply nested": js-yaml's maxDepth, or a stack overflow in any parser. */
export function isTooDeepError(e: unknown): boolean {
  if (e instanceof RangeError) return /call stack/i.test(e.message);
  const reason = (e as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && reason.startsWith('nesting exceeded maxDepth');
}

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object';

/** Calls `fn` for each list item or map value of `node` that is itself a list or map. */
function eachContainerChild(node: object, fn: (key: string | number, child: object) => void): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (isContainer(node[i])) fn(i, node[i] as object);
    return;
  }
  for (const k of Object.keys(node)) {
    const child = (node as Record<string, unknown>)[k];
    if (isContainer(child)) fn(k, child);
  }
}

/**
 * The path of the first list or map nested deeper than `limit` levels in `value`, or undefined when
 * it is shallow enough. No recursion. YAML aliases make shared nodes (and, with an anchor inside
 * itself, cycles): a node is walked again only when met deeper than before, so the work stays within
 * `limit` visits per node and a cycle ends as "too deep".
 */
export function findTooDeep(value: unknown, limit = MAX_DEPTH): YamlPath | undefined {
  if (!isContainer(value)) return undefined;
  if (limit < 1) return [];
  const deepestSeen = new Map<object, number>();
  const stack: Array<{ node: object; depth: number; path: YamlPath }> = [{ node: value, depth: 1, path: [] }];
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if ((deepestSeen.get(node) ?? 0) >= depth) continue;
    deepestSeen.set(node, depth);
    let deeper: YamlPath | undefined;
    eachContainerChild(node, (key, child) => {
      if (deeper) return;
      if (depth + 1 > limit) deeper = [...path, key];
      else stack.push({ node: child, depth: depth + 1, path: [...path, key] });
    });
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * Deletes every own `__proto__` key in `value` (in place; the value was just parsed) and returns
 * where each one was. Call after `findTooDeep` accepted the value. No recursion.
 */
export function dropProtoKeys(value: unknown): YamlPath[] {
  const dropped: YamlPath[] = [];
  if (!isContainer(value)) return dropped;
  const seen = new Set<object>();
  const stack: Array<{ node: object; path: YamlPath }> = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, '__proto__')) {
      delete (node as Record<string, unknown>)['__proto__'];
      dropped.push([...path, '__proto__']);
    }
    eachContainerChild(node, (key, child) => { stack.push({ node: child, path: [...path, key] }); });
  }
  return dropped;
}

export const PROTO_KEY_REASON = 'a key named "__proto__" is not allowed (JavaScript would read it as the object\'s prototype, not as data); dropped';

export const protoKeyMessage = (where: string): string => `${where}: ${PROTO_KEY_REASON}`;
