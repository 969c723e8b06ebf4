/**
 * TechDocs page text: ~800 words with the features real docs use (headings, a table, code fences,
 * an admonition, links to sibling pages with anchors), so render cost per page is realistic.
 */
import { posix } from 'node:path';
import { PROSE, NOUNS } from './words.mjs';

function sentence(rng, min = 8, max = 16) {
  const n = rng.int(min, max);
  const words = [];
  for (let i = 0; i < n; i++) words.push(PROSE[Math.floor(rng.next() * PROSE.length)]);
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

function paragraph(rng, sentences) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(rng));
  return out.join(' ');
}

const wordCount = (text) => text.split(/\s+/).filter(Boolean).length;

/** Relative link from one docs file to another, as authors write it (to the .md source). */
export function relLink(fromPath, toPath) {
  const rel = posix.relative(posix.dirname(fromPath), toPath);
  return rel === '' ? posix.basename(toPath) : rel;
}

function table(rng, name) {
  const rows = ['| Setting | Type | Default | Description |', '| --- | --- | --- | --- |'];
  for (let i = 0; i < 5; i++) {
    const noun = rng.pick(NOUNS);
    rows.push(`| \`${name}.${noun}_${i}\` | ${rng.pick(['string', 'int', 'bool', 'duration'])} | \`${rng.pick(['""', '0', 'true', '30s'])}\` | ${sentence(rng, 5, 9)} |`);
  }
  return rows.join('\n');
}

function code(rng, name) {
  if (rng.chance(0.5)) {
    return ['```yaml', `${name}:`, '  replicas: 3', `  image: registry.acme.example/${name}:1.${rng.int(0, 40)}.0`, '  resources:', '    cpu: 500m', '    memory: 512Mi', '```'].join('\n');
  }
  return [
    '```ts',
    `import { createClient } from '@acme/${name}-client';`,
    '',
    `const client = createClient({ baseUrl: process.env.${name.toUpperCase().replace(/-/g, '_')}_URL });`,
    `const result = await client.get('/v1/items?limit=${rng.int(10, 100)}');`,
    'console.log(result.items.length);',
    '```',
  ].join('\n');
}

/**
 * Markdown for one page. `page` = {path, title}; `siblings` = other pages of the same site, some of
 * which are linked (with and without `#anchor`). `targetWords` pads the text with prose to size.
 */
export function pageMarkdown(rng, { entityName, page, siblings, targetWords = 800 }) {
  const links = rng.sample(siblings, Math.min(3, siblings.length));
  const linkText = links
    .map((s, i) => (i === 1 ? `[${s.title} overview](${relLink(page.path, s.path)}#overview)` : `[${s.title}](${relLink(page.path, s.path)})`))
    .join(', ');
  const parts = [
    `# ${page.title}`,
    paragraph(rng, 4),
    '## Overview',
    paragraph(rng, 5),
    `!!! note "About ${entityName}"\n    ${paragraph(rng, 3)}`,
    '## Configuration',
    paragraph(rng, 2),
    table(rng, entityName),
    '## Usage',
    paragraph(rng, 3) + (linkText ? ` See also ${linkText}.` : ''),
    code(rng, entityName),
    '## Troubleshooting',
    [1, 2, 3, 4].map(() => `- ${sentence(rng)}`).join('\n'),
    '### Known issues',
  ];
  let words = wordCount(parts.join('\n'));
  const tail = [];
  while (words < targetWords) {
    const p = paragraph(rng, 4);
    words += wordCount(p);
    tail.push(p);
  }
  return [...parts, ...tail, `Read more in the [operations handbook](https://handbook.acme.example/${entityName}).`].join('\n\n') + '\n';
}
