/**
 * Answers → the files of a new portal repository. Pure: `playbill init` decides what to ask, what
 * may be written and where. The CI files are plain copies of templates/ (linted as they are written).
 */
import { readFileSync } from 'node:fs';
import type { Answers } from './answers.js';
import { portalYaml } from './portal-yaml.js';
import { packageJson } from './package-json.js';
import { readme } from './readme.js';

export interface PortalFile { path: string; content: string }

const template = (name: string) => readFileSync(new URL(`./templates/${name}`, import.meta.url), 'utf8');

export function portalFiles(answers: Answers, pkg: { name: string; version: string }): PortalFile[] {
  return [
    { path: 'portal.yaml', content: portalYaml(answers) },
    { path: 'package.json', content: packageJson(pkg.name, pkg.version) },
    // npm leaves any file named .gitignore out of a package: the template is kept without the dot.
    { path: '.gitignore', content: template('gitignore') },
    { path: 'README.md', content: readme(answers) },
    { path: '.github/workflows/nightly.yml', content: template('nightly.yml') },
    { path: '.github/workflows/pr-preview.yml', content: template('pr-preview.yml') },
    { path: '.github/workflows/check.yml', content: template('check.yml') },
    { path: '.gitlab-ci.yml', content: template('gitlab-ci.yml') },
    // What the organisation's own repositories use to check themselves against this portal.
    { path: '.github/actions/playbill-check/action.yml', content: template('playbill-check-action.yml') },
    { path: 'ci/playbill-check.yml', content: template('playbill-check.gitlab-ci.yml') },
  ];
}
