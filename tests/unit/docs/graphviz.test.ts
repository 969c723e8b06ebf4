import { describe, it, expect } from 'vitest';
import { drawDot } from '../../../src/pipeline/docs/render/diagrams/graphviz.js';

/** `n` nodes, each pointing at every node: a few KB that Graphviz needs seconds to minutes for. */
const dense = (n: number) => {
  const names = Array.from({ length: n }, (_, i) => `n${i}`);
  return `digraph G {\n${names.map((a) => `${a} -> {${names.join(' ')}}`).join('\n')}\n}`;
};

describe('Graphviz in its own thread', () => {
  it('stops a diagram that takes too long, and draws the next one on a fresh thread', async () => {
    const started = Date.now();
    const slow = await drawDot(dense(40), 'dot', 300);
    expect(slow).toEqual({ ok: false, reason: 'Graphviz did not finish drawing it within 0.3 s: simplify the graph' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const next = await drawDot('digraph { After -> Timeout }');
    expect(next.ok && next.svg).toContain('After');
  });

  it('draws diagrams one after the other, each with its own answer', async () => {
    const drawn = await Promise.all(['A', 'B', 'C'].map((n) => drawDot(`digraph { ${n}1 -> ${n}2 }`, 'neato')));
    expect(drawn.map((d) => d.ok && /<text[^>]*>(\w+)<\/text>/.exec(d.svg)?.[1])).toEqual(['A1', 'B1', 'C1']);
  });

  it('refuses sources too long to draw at build time without starting Graphviz', async () => {
    expect(await drawDot(`digraph { ${'a -> b; '.repeat(3000)} }`)).toEqual({ ok: false, reason: 'it is longer than 20,000 characters, too large to draw at build time' });
  });
});
