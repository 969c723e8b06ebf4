/**
 * The same code block highlights the same way whichever page meets a language first: builds are
 * reproducible, and the light theme's colours are right on the first block too.
 */
import { describe, expect, it } from 'vitest';
import { render } from './helpers.js';

const TSX = '```tsx\nexport function PerformanceList({ slug }: { slug: string }) {\n  return <p>{slug}</p>;\n}\n```\n';

describe('code highlighting', () => {
  it('colours the first block of a language as it colours every later one', async () => {
    const first = (await render(TSX)).html;
    const second = (await render(TSX)).html;
    expect(first).toBe(second);
    // `slug` is a parameter: orange in github-light, not the colour of the function name before it
    expect(first).toMatch(/--shiki-light:#E36209;--shiki-dark:#FFAB70">slug</);
  });
});

describe('API definition highlighting', () => {
  it('colours the first definition of a language as every later one', async () => {
    const { highlight } = await import('../../../src/pipeline/site/assets.js');
    const yaml = 'openapi: 3.0.0\ninfo:\n  title: Tickets\n  version: "1"\npaths: {}\n';
    expect(await highlight(yaml, 'yaml')).toBe(await highlight(yaml, 'yaml'));
  });
});
