/** The README of a new portal repository, for the team that owns the portal. */
import type { Answers } from './answers.js';

function whereFrom(sources: Answers['sources']): string {
  if (sources.kind === 'github') {
    return `every repository of the GitHub organisation **${sources.org}** that has a
\`catalog-info.yaml\` — listed through the GitHub API at each build, so a repository created
tomorrow is in tomorrow night's portal. Archived repositories and forks are left out;
\`include\`, \`exclude\` and \`topics\` in \`portal.yaml\` narrow the list.`;
  }
  if (sources.kind === 'gitlab') {
    return `every project of the GitLab group **${sources.group}** and its subgroups that has a
\`catalog-info.yaml\` — listed through the GitLab API at each build, so a project created
tomorrow is in tomorrow night's portal. Archived projects and forks are left out;
\`include\`, \`exclude\` and \`topics\` in \`portal.yaml\` narrow the list.`;
  }
  return `the repositories listed under \`sources:\` in \`portal.yaml\`.`;
}

function addRepo(sources: Answers['sources']): string {
  if (sources.kind === 'repos') {
    return `Add an entry under \`sources:\` in \`portal.yaml\` (a unique \`name\` and the \`git:\` URL; for a
private repository over https also \`token_env:\`, the name of the environment variable holding a
read token), and open a pull request: the check and the preview show what it adds.`;
  }
  return `Nothing to do here: give the repository a \`catalog-info.yaml\` (a Backstage descriptor) at its
root and it appears after the next build. To list a repository of another organisation or host,
add a \`git:\` source to \`portal.yaml\`.`;
}

export function readme({ title, sources }: Answers): string {
  const token = sources.kind === 'gitlab' ? 'GITLAB_TOKEN' : 'GITHUB_TOKEN';
  return `# ${title}

Our developer portal: a searchable catalog of the services, APIs, teams and docs of ${whereFrom(sources)}

It is built by Playbill from the Backstage descriptors
(\`catalog-info.yaml\`) and TechDocs (\`mkdocs.yml\` + \`docs/\`) the teams keep in their own
repositories, into a folder of static pages. This repository holds only its config
(\`portal.yaml\`) and the CI that builds and publishes it.

## Adding a repository

${addRepo(sources)}

## Running it locally

Node.js 20.19 or later and git are needed.

\`\`\`sh
npm install
export ${token}=…    # a token that can read the repositories (never committed)
npm run validate         # what the descriptors look like to Playbill, with file:line for each problem
npm run build            # the portal into dist/ (clones are cached in .playbill/cache)
npm run serve            # open http://localhost:4321/
\`\`\`

\`npm run dev\` is a live preview while you edit; \`npx playbill <command> --help\` lists every option.

## What the CI does

On GitHub (\`.github/workflows/\`):

- **nightly.yml** rebuilds the portal every night, on every push to \`main\` and on demand, and
  deploys it to GitHub Pages (Settings → Pages → Source: GitHub Actions). Its job summary says what
  changed since the previous night and lists the problems found. It reads repositories with the
  workflow's own token; for private ones add a read-only token as the \`PORTAL_READ_TOKEN\` secret
  (and \`GITLAB_TOKEN\` for GitLab sources).
- **pr-preview.yml** builds a pull request's portal, uploads it as an artifact
  (\`npx playbill serve --out <folder>\` to browse it) and summarises what the change does.
- **check.yml** validates every source on a pull request; problems show inline on the diff.

On GitLab (\`.gitlab-ci.yml\`): the default branch is published to GitLab Pages (add a pipeline
schedule for the nightly rebuild), each merge request gets a preview at \`<pages URL>/mr-<iid>/\`
(Pages parallel deployments, kept a week) and its problems in the Code Quality widget. Set
\`${token}\` as a masked CI/CD variable. Delete the CI of the host you do not use.

## Checking a repository before it lands

A source repository can check its own descriptors and docs on each pull request with this
portal's Playbill, the problems shown on the changed lines:

- **GitHub:** in the source repository's workflow, after \`actions/checkout\`, add
  \`uses: <this repository>/.github/actions/playbill-check@main\` (with \`source-name:\` set to its
  source name, the run also uploads a preview of the whole portal with the branch swapped in).
- **GitLab:** in the source project's \`.gitlab-ci.yml\`, \`include: [{ project: <this project>, file:
  ci/playbill-check.yml }]\` and set \`PLAYBILL_PORTAL_PROJECT\` to this project's path; the problems
  appear in the merge request's Code Quality widget.

## Reading more

Playbill's README (\`node_modules/playbill/README.md\` after \`npm install\`) describes every key of
\`portal.yaml\` — the look of the site, scorecards, plugins — and the descriptor and docs formats.
`;
}
