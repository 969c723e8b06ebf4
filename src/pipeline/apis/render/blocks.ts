/**
 * The reference as hast, one block at a time (an operation, a type, a group's head, the overview), so
 * the page splitter (index.ts) can measure and place blocks before links between them are final.
 * Every string from the definition is a text node or went through the sanitizer (markdown.ts); the
 * only attributes made from it are anchors the readers built from `anchorOf` (`[a-z0-9-]`) and
 * links from `safeHref`.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { ApiReference, Example, Fact, Field, Operation, OperationGroup, OperationSection, Shape, TypeDef, TypeExpr } from '../types.js';
import { descriptionNodes, inlineDescription } from './markdown.js';

export type DescriptionsAs = ApiReference['descriptions'];

/** Nested field tables stop here; deeper shapes are a note (readers bound depth too). */
const MAX_NESTING = 8;
/** An example longer than this is cut: a reference is read, not downloaded (the source is). */
const MAX_EXAMPLE_CHARS = 16 * 1024;

/** Only links a reader can follow without running anything: http(s) and mailto. */
export function safeHref(href: string): string | undefined {
  const t = href.trim();
  return /^(https?:\/\/|mailto:)[^\s<>"]+$/i.test(t) ? t : undefined;
}

const ANCHOR = /^[a-z0-9-]+$/;
const anchorHref = (anchor: string): string => `#${ANCHOR.test(anchor) ? anchor : 'invalid-anchor'}`;

export function typeNodes(t: TypeExpr): ElementContent[] {
  if (!t.length) return [h('span', { className: ['muted'] }, 'any')];
  return t.map((part) => (typeof part === 'string'
    ? { type: 'text', value: part }
    : h('a', { href: anchorHref(part.anchor), className: ['api-type-link'] }, h('code', part.name))));
}

function factNodes(facts: readonly Fact[] | undefined): ElementContent[] {
  if (!facts?.length) return [];
  return [h('span', { className: ['api-facts'] }, facts.map((f) => h('span', { className: ['api-fact'] }, [
    h('span', { className: ['api-fact-label'] }, f.label), ' ', h('code', f.value),
  ])))];
}

const deprecatedBadge = (d: boolean | string | undefined): ElementContent[] => (d
  ? [h('span', { className: ['badge', 'api-deprecated'], title: typeof d === 'string' ? d : undefined }, 'deprecated')]
  : []);

function examplesNodes(examples: readonly Example[] | undefined): ElementContent[] {
  return (examples ?? []).map((ex) => {
    const code = ex.code.length > MAX_EXAMPLE_CHARS ? `${ex.code.slice(0, MAX_EXAMPLE_CHARS)}\n…` : ex.code;
    return h('details', { className: ['api-example'] }, [
      h('summary', ex.title ? `Example: ${ex.title}` : 'Example'),
      h('pre', h('code', { className: [`language-${ex.language}`] }, code)),
    ]);
  });
}

/** What a shape is made of, below its type line: facts, description, fields, variants, values, examples. */
function shapeBody(s: Shape, as: DescriptionsAs, depth: number, withDescription: boolean): ElementContent[] {
  const out: ElementContent[] = [];
  if (withDescription && s.description) out.push(h('div', { className: ['api-description'] }, descriptionNodes(s.description, as)));
  if (depth >= MAX_NESTING) {
    if (s.fields?.length || s.variants) out.push(h('p', { className: ['muted'] }, 'Nested deeper than this reference shows; see the source.'));
    return out;
  }
  if (s.fields?.length) out.push(fieldsTable(s.fields, as, depth + 1));
  if (s.variants?.options.length) {
    const word = { oneOf: 'One of', anyOf: 'Any of', allOf: 'All of', union: 'One of' }[s.variants.kind];
    out.push(h('div', { className: ['api-variants'] }, [
      h('p', { className: ['api-variants-head'] }, `${word}:`),
      h('ol', s.variants.options.map((o) => h('li', shapeBlock(o, as, depth + 1)))),
    ]));
  }
  if (s.additional) out.push(h('div', { className: ['api-additional'] }, [h('p', 'Other keys: values of type '), ...shapeBlock(s.additional, as, depth + 1)]));
  if (s.truncated === 'cycle') out.push(h('p', { className: ['muted'] }, 'Refers back to a type shown above (a cycle).'));
  out.push(...examplesNodes(s.examples));
  return out;
}

/** A shape standing alone (a body, an option): its type line, then its body. */
export function shapeBlock(s: Shape, as: DescriptionsAs, depth = 0): ElementContent[] {
  return [h('p', { className: ['api-shape-type'] }, [...typeNodes(s.type), ' ', ...factNodes(s.facts)]), ...shapeBody(s, as, depth, true)];
}

function fieldsTable(fields: readonly Field[], as: DescriptionsAs, depth: number): Element {
  const rows = fields.map((f) => {
    const nested = shapeBody({ ...f, examples: [] }, as, depth, false);
    const deeper = f.fields?.length ?? 0;
    const detail: ElementContent[] = nested.length
      ? [h('details', { className: ['api-nested'] }, [h('summary', deeper ? `${deeper} field${deeper === 1 ? '' : 's'}` : 'Details'), ...nested])]
      : [];
    return h('tr', [
      h('td', { className: ['api-field-name'] }, [h('code', f.name), ...(f.required ? [' ', h('span', { className: ['api-required'] }, 'required')] : []), ...deprecatedBadge(f.deprecated)]),
      h('td', { className: ['api-field-type'] }, [...typeNodes(f.type), ...factNodes(f.facts)]),
      h('td', { className: ['api-field-description'] }, [...(f.description ? inlineDescription(f.description, as) : []), ...detail, ...examplesNodes(f.examples)]),
    ]);
  });
  return h('table', { className: ['api-fields'] }, [
    h('thead', h('tr', [h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Description')])),
    h('tbody', rows),
  ]);
}

function sectionNodes(s: OperationSection, as: DescriptionsAs, level: number): ElementContent[] {
  return [
    h(`h${level}`, { className: ['api-section-title'] }, s.title),
    ...(s.description ? [h('div', { className: ['api-description'] }, descriptionNodes(s.description, as))] : []),
    ...factNodes(s.facts),
    ...(s.fields?.length ? [fieldsTable(s.fields, as, 1)] : []),
    ...(s.shape ? shapeBlock(s.shape, as, 1) : []),
    ...examplesNodes(s.examples),
  ];
}

const verbClass = (verb: string): string => `api-verb-${verb.toLowerCase().replace(/[^a-z]+/g, '') || 'other'}`;

export function verbBadge(verb: string): Element {
  return h('span', { className: ['api-verb', verbClass(verb)] }, verb);
}

export function operationBlock(op: Operation, as: DescriptionsAs, level = 4): Element {
  const head = h(`h${level}`, { className: ['api-op-title'] }, [
    verbBadge(op.verb), ' ', h('code', { className: ['api-op-name'] }, op.name), ...deprecatedBadge(op.deprecated),
    ' ', h('a', { className: ['api-permalink'], href: anchorHref(op.anchor), 'aria-label': `Link to ${op.verb} ${op.name}` }, '#'),
  ]);
  return h('article', { className: ['api-op'], id: op.anchor }, [
    head,
    ...(op.summary ? [h('p', { className: ['api-summary'] }, op.summary)] : []),
    ...(op.id && op.id !== op.name ? [h('p', { className: ['api-id'] }, [h('span', { className: ['muted'] }, 'id '), h('code', op.id)])] : []),
    ...(op.badges?.length ? [h('p', op.badges.map((b) => h('span', { className: ['badge', 'api-mark'] }, b)))] : []),
    ...(op.description ? [h('div', { className: ['api-description'] }, descriptionNodes(op.description, as))] : []),
    ...factNodes(op.facts),
    ...op.sections.flatMap((s) => sectionNodes(s, as, level + 1)),
    ...(op.callbacks?.length ? [h(`h${level + 1}`, 'Callbacks'), ...op.callbacks.flatMap((cb) => [
      h('p', { className: ['api-callback-name'] }, h('code', cb.name)),
      ...cb.operations.map((c) => operationBlock(c, as, Math.min(level + 2, 6))),
    ])] : []),
  ]);
}

export function typeBlock(t: TypeDef, as: DescriptionsAs): Element {
  return h('article', { className: ['api-type'], id: t.anchor }, [
    h('h4', { className: ['api-type-title'] }, [
      h('code', t.name), ' ', h('span', { className: ['badge', 'api-type-label'] }, t.label), ...deprecatedBadge(t.deprecated),
      ' ', h('a', { className: ['api-permalink'], href: anchorHref(t.anchor), 'aria-label': `Link to ${t.label} ${t.name}` }, '#'),
    ]),
    ...(t.description ? [h('div', { className: ['api-description'] }, descriptionNodes(t.description, as))] : []),
    ...(t.type.length ? [h('p', { className: ['api-shape-type'] }, [...typeNodes(t.type), ' ', ...factNodes(t.facts)])] : factNodes(t.facts)),
    ...shapeBody(t, as, 0, false),
  ]);
}

export function groupHead(g: OperationGroup, as: DescriptionsAs): Element {
  return h('header', { className: ['api-group-head'], id: g.anchor }, [
    h('h3', [g.title, ...(g.label ? [' ', h('span', { className: ['badge', 'api-group-label'] }, g.label)] : [])]),
    ...(g.description ? [h('div', { className: ['api-description'] }, descriptionNodes(g.description, as))] : []),
    ...factNodes(g.facts),
  ]);
}

/** Title, version, description, links, servers, security and notes: what the reference is about. */
export function overviewBlock(ref: ApiReference): Element {
  const as = ref.descriptions;
  const links = ref.links.flatMap((l) => {
    const href = safeHref(l.href);
    return href ? [h('li', h('a', { href, rel: 'nofollow noopener' }, l.label))] : [h('li', `${l.label}: `, h('code', l.href))];
  });
  return h('div', { className: ['api-overview'] }, [
    h('p', { className: ['api-meta'] }, [
      h('span', { className: ['badge'] }, `${ref.format}${ref.specVersion ? ` ${ref.specVersion}` : ''}`),
      ...(ref.title ? [' ', h('strong', ref.title)] : []),
      ...(ref.version ? [' ', h('span', { className: ['muted'] }, `version ${ref.version}`)] : []),
    ]),
    ...(ref.description ? [h('div', { className: ['api-description'] }, descriptionNodes(ref.description, as))] : []),
    ...(links.length ? [h('ul', { className: ['api-links'] }, links)] : []),
    ...(ref.servers.length ? [h('h3', 'Servers'), h('ul', { className: ['api-servers'] }, ref.servers.map((s) => h('li', [
      h('code', s.url), ...(s.description ? [' — ', ...inlineDescription(s.description, as)] : []), ' ', ...factNodes(s.facts),
    ])))] : []),
    ...(ref.security.length ? [h('h3', 'Security'), h('dl', { className: ['api-security'] }, ref.security.flatMap((s) => [
      h('dt', [h('code', s.name), ' ', h('span', { className: ['muted'] }, s.type)]),
      h('dd', [...(s.description ? inlineDescription(s.description, as) : []), ' ', ...factNodes(s.facts)]),
    ]))] : []),
    ...(ref.notes.length ? [h('ul', { className: ['api-notes'] }, ref.notes.map((n) => h('li', n)))] : []),
  ]);
}
