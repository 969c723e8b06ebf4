/** Quoting untrusted values in messages: short, escaped, and still recognisable. */
import { describe, expect, it } from 'vitest';
import { escapeControl, quote, QUOTE_MAX } from '../../../src/pipeline/yaml/quote.js';
import { formatGithub, formatText } from '../../../src/pipeline/report/format.js';

describe('quote', () => {
  it('shows short values as JSON would', () => {
    expect(quote('team-a')).toBe('"team-a"');
    expect(quote('say "hi" \\o/')).toBe('"say \\"hi\\" \\\\o/"');
    expect(quote(12)).toBe('12');
    expect(quote(null)).toBe('null');
    expect(quote(false)).toBe('false');
    expect(quote(undefined)).toBe('nothing');
    expect(quote(['a', 1, { k: [] }])).toBe('["a", 1, {"k": []}]');
    expect(quote({})).toBe('{}');
  });

  it('cuts a long string after QUOTE_MAX characters and says how long it was', () => {
    const q = quote('a'.repeat(200_000));
    expect(q).toBe(`"${'a'.repeat(QUOTE_MAX)}…" (200,000 chars)`);
    // an emoji is one character, and is never cut in half
    const e = quote('😀'.repeat(100));
    expect(e).toMatch(/^"(😀)+…" \(100 chars\)$/);
    expect(e).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('never serialises a huge list or map whole, and survives a cycle', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => `item-${i}`);
    const q = quote(big);
    expect(q.length).toBeLessThan(QUOTE_MAX + 40);
    expect(q).toMatch(/^\["item-0", "item-1", .*… \(a list of 100000 items\)$/);
    expect(quote([{ x: 'y'.repeat(1000) }]).length).toBeLessThan(QUOTE_MAX + 40);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(quote(cyclic)).toBe('{"a": 1, "self": …}');
  });

  it('escapes control, line-separator and bidi characters instead of printing them', () => {
    const q = quote('red\u001b[31m\nfake line\r\u2028\u202eevil\u0085\u200b');
    expect(q).toBe('"red\\u001b[31m\\nfake line\\r\\u2028\\u202eevil\\u0085\\u200b"');
    expect(q).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e\u200b]/);
    expect(quote({ 'k\u001b': '\u0007' })).toBe('{"k\\u001b": "\\u0007"}');
    expect(escapeControl('tab\there é ü 日本')).toBe('tab\\there é ü 日本');
  });
});

describe('report formats never print raw control characters', () => {
  const d = { severity: 'warning' as const, code: 'x.y', message: 'name "\u001b[2Jgone"\nnext', file: 'a\u001b.yaml', line: 3 };

  it('text output', () => {
    const out = formatText([d]);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(out).toContain('name "\\u001b[2Jgone"\\nnext');
    expect(out).toContain('a\\u001b.yaml');
  });

  it('GitHub annotations keep multi-line messages but escape the rest', () => {
    expect(formatGithub([d])).toBe('::warning file=a\\u001b.yaml,line=3,title=x.y::name "\\u001b[2Jgone"%0Anext');
  });
});
