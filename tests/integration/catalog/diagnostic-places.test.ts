/**
 * Every diagnostic about a file names the file and the line of the field it is about. The fixture
 * has one of each problem the catalog and docs stages report for descriptors and mkdocs configs;
 * each line that should get a diagnostic says so in a `# expect: <code>` comment, so the expected
 * places are read from the fixture itself and cannot drift from it.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { validatePaths } from '../../../src/pipeline/validate-portal.js';
import { makeTree } from './tree.js';

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: component                                   # expect: catalog.kind-case
metadata:
  name: meta-problems
  labels:
    tier:                                         # expect: catalog.invalid-field
      a: 1
    count: 3                                      # expect: catalog.invalid-field
  annotations:
    "bad key!": x                                 # expect: catalog.invalid-field
    backstage.io/techdocs-ref: dir:./no-such-dir  # expect: docs.missing-dir
  tags:
    - ok
    - Not Valid                                   # expect: catalog.invalid-field
  links:
    - url: not-a-url                              # expect: catalog.invalid-field
    - 17                                          # expect: catalog.invalid-field
    - url: https://ok.example
      icon: bad icon                              # expect: catalog.invalid-field
spec:
  type: service
  lifecycle: production
  owner: team-a
  dependsOn:
    - component:docs-a
    - no-kind                                     # expect: catalog.invalid-ref
    - component:missing                           # expect: catalog.dangling-ref
status: {}                                        # expect: catalog.read-only-field
extra: 1                                          # expect: catalog.unknown-root-field
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: spec-types
spec:
  type: 12                                        # expect: catalog.invalid-field
  lifecycle: production
  owner:                                          # expect: catalog.invalid-field
    - team-a
  providesApis:
    - api:ok
    - 42                                          # expect: catalog.invalid-field
  consumesApis:
    - name: x
      kind: 3                                     # expect: catalog.invalid-field
---
apiVersion: example.com/v1
kind: Frobnicator                                 # expect: catalog.unknown-kind
metadata:
  name: frob
spec:
  owner: ":bad"                                   # expect: catalog.invalid-ref
---
apiVersion: backstage.io/v1alpha1                 # expect: catalog.invalid-field
kind: Component
metadata:
  name: no-spec
---
- a list                                          # expect: catalog.not-a-mapping
- is not an entity
---
just a string                                     # expect: catalog.not-a-mapping
---
app:                                              # expect: catalog.not-an-entity
  title: another tool's file
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: grp
spec:
  type: team
  children: 3                                     # expect: catalog.invalid-field
  members:
    - name: ""                                    # expect: catalog.invalid-field
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: bad-location
spec:
  targets:
    - 3                                           # expect: catalog.invalid-field
  presence: maybe                                 # expect: catalog.invalid-field
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: missing-targets
spec:
  targets:
    - ./nope.yaml                                 # expect: catalog.location-missing
    - ../../../outside.yaml                       # expect: catalog.location-outside
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: bad-definition
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition: 12                                  # expect: catalog.invalid-field
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: missing-definition
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $text: ./nope.yaml                            # expect: catalog.placeholder-missing
---
apiVersion: 3                                     # expect: catalog.invalid-field
kind: Component
metadata:
  name: Bad Name!                                 # expect: catalog.invalid-field
---
apiVersion: backstage.io/v1alpha1                 # expect: catalog.duplicate-entity
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
${['a', 'b', 'c', 'd', 'e'].map((x) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: docs-${x}
  annotations:
    backstage.io/techdocs-ref: dir:./docs-${x}
spec:
  type: service
  lifecycle: production
  owner: team-a
`).join('')}`;

const FILES: Record<string, string> = {
  'catalog-info.yaml': CATALOG,
  'docs-a/mkdocs.yml': 'site_name: A\ndocs_dir: ../..                                    # expect: docs.path-outside\n',
  'docs-b/mkdocs.yml': 'site_name: B\n\ndocs_dir: nothere                                  # expect: docs.missing-dir\n',
  'docs-c/mkdocs.yml': 'docs_dir: 3                                        # expect: docs.mkdocs-invalid\n',
  'docs-d/mkdocs.yml': 'site_name: D\ndocs_dir: empty                                    # expect: docs.no-pages\n',
  'docs-d/empty/notes.txt': 'no Markdown here\n',
  'docs-e/mkdocs.yml': [
    'site_name: !ENV [SITE_NAME, E docs]                # expect: docs.mkdocs-env',
    'repo_url: !ENV {a: 1}                              # expect: docs.mkdocs-env',
    'nav:',
    '  - Home: index.md',
    '  - Missing: missing.md                            # expect: docs.nav-missing',
    '  - foo:bar                                        # expect: docs.nav-invalid',
    '  - Outside: ../x.md                               # expect: docs.path-outside',
    '  - Home again: !ENV [HOME_PAGE, index.md]         # expect: docs.mkdocs-env',
    '',
  ].join('\n'),
  'docs-e/docs/index.md': '# E\n',
};

/** `[file, line, code]` for every `# expect:` comment in the fixture, sorted. */
function expectedPlaces(): string[] {
  const out: string[] = [];
  for (const [file, text] of Object.entries(FILES)) {
    text.split('\n').forEach((l, i) => {
      const m = /# expect: (\S+)/.exec(l);
      if (m) out.push(`${file}:${i + 1} ${m[1]}`);
    });
  }
  return out.sort();
}

describe('diagnostic places', () => {
  it('every diagnostic of a bad fixture has its file and the line of its field', async () => {
    const root = makeTree(FILES);
    const r = await validatePaths(['.'], { cwd: root, cacheDir: mkdtempSync(path.join(tmpdir(), 'playbill-places-')) });
    const unplaced = r.diagnostics.filter((d) => !d.file || !d.line);
    expect(unplaced).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`).sort()).toEqual(expectedPlaces());
  });
});
