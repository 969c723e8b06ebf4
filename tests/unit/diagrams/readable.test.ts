/** Architecture diagrams stay readable: too wide left to right, they are laid out top to bottom. */
import { describe, expect, it } from 'vitest';
import { createGraphIndex, systemArchitectureSvg } from '../../../src/pipeline/diagrams/index.js';
import { READABLE_WIDTH } from '../../../src/pipeline/diagrams/layout.js';
import { readableWidth } from '../../../src/pipeline/diagrams/svg.js';
import { Catalog } from './fixtures.js';
import { parseXml } from './xml.js';

const hrefFor = (ref: string) => `/catalog/${ref.replace(':', '/')}/`;
const widthOf = (svg: string) => Number(parseXml(svg).attrs.width);
const heightOf = (svg: string) => Number(parseXml(svg).attrs.height);

/** A system whose components call each other in a chain of `n`: one layer each, left to right. */
function chain(n: number): Catalog {
  const c = new Catalog().add('system:pipeline', { title: 'Pipeline' });
  for (let i = 0; i < n; i++) {
    c.add(`component:step-${i}`, { title: `Processing step ${i}`, type: 'service' }).relate('system:pipeline', 'hasPart', `component:step-${i}`);
    if (i > 0) c.relate(`component:step-${i - 1}`, 'dependsOn', `component:step-${i}`);
  }
  return c;
}

describe('readable architecture diagrams', () => {
  it('keeps a narrow system left to right', async () => {
    const svg = await systemArchitectureSvg(createGraphIndex(chain(3).entities), 'system:default/pipeline', { hrefFor });
    expect(widthOf(svg)).toBeLessThanOrEqual(READABLE_WIDTH);
    expect(widthOf(svg)).toBeGreaterThan(heightOf(svg));
  });

  it('lays a long chain out top to bottom instead of shrinking it past reading', async () => {
    const svg = await systemArchitectureSvg(createGraphIndex(chain(12).entities), 'system:default/pipeline', { hrefFor });
    // left to right this is ~2,300 px: on a 1,190 px box its 13 px labels would render at 6 px
    expect(widthOf(svg)).toBeLessThanOrEqual(READABLE_WIDTH);
    expect(heightOf(svg)).toBeGreaterThan(widthOf(svg));
  });

  it('says how narrow a diagram may be shown with labels of 11 px or more', () => {
    expect(readableWidth('<svg xmlns="http://www.w3.org/2000/svg" class="pb-diagram" viewBox="0 0 1300 400" width="1300" height="400">')).toBe(1100);
    expect(readableWidth('<svg viewBox="0 0 10 10">')).toBeUndefined();
    expect(readableWidth('<div width="1300">')).toBeUndefined();
  });
});
