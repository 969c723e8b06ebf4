/**
 * The bench's page types (scripts/bench/measure.mjs) and its measures against the goals of issue 15
 * (scripts/bench/summary.mjs): which route is which page, and the xl-over-full scaling block.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pageType, playbillCodeHash } from '../../../scripts/bench/measure.mjs';
import { ratios, scaling, formatScaling, formatSummary } from '../../../scripts/bench/summary.mjs';

const MB = 2 ** 20;
const run = (name: string, wallMs: number, extra: Record<string, unknown> = {}) => ({ name, exitCode: 0, wallMs, peakRssMb: 100, outBytes: 10 * MB, largestHtml: { path: 'docs/index.html', bytes: 1000 }, pageTypes: {}, ...extra });

describe('pageType', () => {
  it('names each route of the output by its page type', () => {
    expect(pageType('index.html')).toBe('home');
    expect(pageType('404.html')).toBe('404');
    expect(pageType('catalog/index.html')).toBe('catalog index');
    expect(pageType('catalog/default/component/checkout/index.html')).toBe('entity: component');
    expect(pageType('catalog/payments/location/root/index.html')).toBe('entity: location');
    expect(pageType('catalog/default/api/orders/reference/index.html')).toBe('api reference');
    expect(pageType('catalog/default/api/orders/reference/schemas/index.html')).toBe('api reference');
    expect(pageType('catalog/default/component/checkout/adrs/0001-x/index.html')).toBe('entity plugin page');
    expect(pageType('docs/index.html')).toBe('docs index');
    expect(pageType('docs/default/component/checkout/index.html')).toBe('docs page');
    expect(pageType('docs/default/component/checkout/guides/setup/index.html')).toBe('docs page');
    for (const top of ['org', 'health', 'search', 'create']) expect(pageType(`${top}/index.html`)).toBe(top);
    expect(pageType('scorecards/production-readiness/index.html')).toBe('scorecards');
    expect(pageType('playbill/scaffold-frame.html')).toBe('other');
    expect(pageType('adrs/index.html')).toBe('other');
  });
});

describe('ratios', () => {
  it('holds xl to its own memory and output goals', () => {
    const xl = ratios([run('cold', 1000, { peakRssMb: 3000, outBytes: 1000 * MB })], null, { preset: 'xl', peerSkipped: 'no peer' });
    expect(xl.peakRss).toMatchObject({ goal: 4 * 2 ** 30, met: true });
    expect(xl.outputSize).toMatchObject({ goal: 1.25 * 2 ** 30, met: true });
    const full = ratios([run('cold', 1000, { peakRssMb: 3000, outBytes: 1000 * MB })], null, { preset: 'full' });
    expect(full.peakRss.met).toBe(false);
    expect(full.outputSize.met).toBe(false);
    expect(formatSummary(full, { preset: 'full' })).not.toContain('goals are those of');
  });

  it('leaves a ratio out when its run failed', () => {
    const r = ratios([run('cold', 1000), run('warm', 10, { exitCode: 1 })], { exitCode: 0, seconds: 2, pages: 3 });
    expect(r.warmOverCold).toMatchObject({ value: null, met: null });
    expect(r.warmOverCold.shown).toBe('– (warm failed)');
    expect(r.coldOverPeer).toMatchObject({ value: 0.5, met: true });
    const edited = ratios([run('cold', 1000), run('warm', 500, { codeChanged: true })], null);
    expect(edited.warmOverCold.shown).toBe("50.0 % (0.5 s / 1.0 s; Playbill's code changed before warm)");
  });
});

describe('scaling', () => {
  it('divides xl cold by full cold against 5.5×, and repeats xl’s memory and output against their goals', () => {
    const full = { preset: 'full', runs: [run('cold', 100_000)] };
    const xlRuns = [run('cold', 600_000, { peakRssMb: 5000, outBytes: 1000 * MB })];
    const xl = { preset: 'xl', runs: xlRuns, ratios: ratios(xlRuns, null, { preset: 'xl' }) };
    const measures = scaling([full, xl]);
    expect(measures.map((m) => [m.label, m.value, m.goal, m.met])).toEqual([
      ['xl cold ÷ full cold', 6, 5.5, false],
      ['xl peak RSS', 5000 * MB, 4 * 2 ** 30, false],
      ['xl output size', 1000 * MB, 1.25 * 2 ** 30, true],
    ]);
    const text = formatScaling(measures);
    expect(text).toMatch(/xl cold ÷ full cold\s+6\.00× \(600\.0 s \/ 100\.0 s\)\s+≤ 5\.50×\s+NOT MET/);
    expect(text).toMatch(/xl output size\s+1000\.0 MB \(cold\)\s+≤ 1\.25 GiB\s+met/);
  });

  it('gives other pairs of sizes their ratio without a goal', () => {
    const [m] = scaling([{ preset: 'small', runs: [run('cold', 10_000)] }, { preset: 'full', runs: [run('cold', 50_000)] }]);
    expect(m).toMatchObject({ label: 'full cold ÷ small cold', value: 5, goal: null, met: null });
  });
});

describe('playbillCodeHash', () => {
  it('changes when a file under src/ or public/ or the lock file changes, and not otherwise', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bench-code-'));
    try {
      mkdirSync(path.join(root, 'src/a'), { recursive: true });
      writeFileSync(path.join(root, 'src/a/x.ts'), 'one');
      writeFileSync(path.join(root, 'package-lock.json'), '{}');
      const first = playbillCodeHash(root);
      writeFileSync(path.join(root, 'README.md'), 'docs are not code');
      expect(playbillCodeHash(root)).toBe(first);
      writeFileSync(path.join(root, 'src/a/x.ts'), 'two');
      const second = playbillCodeHash(root);
      expect(second).not.toBe(first);
      mkdirSync(path.join(root, 'public'));
      writeFileSync(path.join(root, 'public/favicon.svg'), '<svg/>');
      expect(playbillCodeHash(root)).not.toBe(second);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
