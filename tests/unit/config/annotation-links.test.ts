import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/pipeline/config/load.js';

function load(tail: string) {
  const dir = mkdtempSync(join(tmpdir(), 'playbill-al-'));
  try {
    const file = join(dir, 'portal.yaml');
    writeFileSync(file, `sources:\n  - name: x\n    path: .\n${tail}`);
    return loadConfig(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('annotation_links in portal.yaml', () => {
  it('takes the issue\'s example as written, and a titled form', () => {
    const { config, diagnostics } = load('annotation_links: { pagerduty.com/service-id: "https://acme.pagerduty.com/service-directory/{value}" }\n');
    expect(diagnostics).toEqual([]);
    expect(config!.annotation_links).toEqual({ 'pagerduty.com/service-id': 'https://acme.pagerduty.com/service-directory/{value}' });
    const titled = load('annotation_links:\n  jira/project-key: { url: "https://acme.atlassian.net/browse/{value}", title: Jira }\n');
    expect(titled.config!.annotation_links['jira/project-key']).toEqual({ url: 'https://acme.atlassian.net/browse/{value}', title: 'Jira' });
    expect(load('').config!.annotation_links).toEqual({});
  });

  it('reports a template that would let a value pick the host, at its line', () => {
    const { config, diagnostics } = load('annotation_links:\n  ok.io/a: "https://acme.example/{value}"\n  bad.io/b: "https://{value}.example/"\n  bad.io/c: "https://acme.example/none"\n  "Not A Key!": "https://acme.example/{value}"\n');
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['config.invalid', 6], ['config.invalid', 7], ['config.invalid', 8]]);
    expect(diagnostics[0]!.message).toMatch(/annotation_links\.bad\.io\/b: .*after the host/);
  });
});
