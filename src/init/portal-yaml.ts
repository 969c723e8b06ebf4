/** The generated `portal.yaml`: a discovery source or a list of repositories, with the keys one may add next, commented. */
import type { Answers } from './answers.js';
import { repoName, sourceName } from './answers.js';

// JSON strings are YAML double-quoted strings: any title or URL is written safely.
const q = (s: string) => JSON.stringify(s);

export function portalYaml({ title, sources }: Answers): string {
  const head = `# The portal's config: what it is called and which repositories it reads.
# Every key is described in Playbill's README (node_modules/playbill/README.md, "Configuration").
site:
  title: ${q(title)}
  # url: https://portal.example.com    # canonical links; the nightly summary links /health/ with it

sources:
`;
  return head + sourcesYaml(sources);
}

function sourcesYaml(sources: Answers['sources']): string {
  if (sources.kind === 'github') {
    return `  # Every repository of the organisation, listed through the GitHub API at each build (archived
  # repos and forks left out). The token in GITHUB_TOKEN must be able to read them.
  - name: ${sourceName(sources.org)}
    github: { org: ${q(sources.org)}, token_env: GITHUB_TOKEN }   # api_url: for GitHub Enterprise Server
    # include: ["*"]                                      # globs on the repo name; exclude: [...]
    # topics: [backstage]                                 # only repos with one of these topics
    # catalog: [catalog-info.yaml, "*/catalog-info.yaml"] # where descriptors are (the default)
`;
  }
  if (sources.kind === 'gitlab') {
    const api = sources.url ? `, api_url: ${q(sources.url)}` : '';
    return `  # Every project of the group and its subgroups, listed through the GitLab API at each build
  # (archived projects and forks left out). The token in GITLAB_TOKEN must be able to read them.
  - name: ${sourceName(sources.group)}
    gitlab: { group: ${q(sources.group)}${api}, token_env: GITLAB_TOKEN }
    # include: ["*"]                                      # globs on the project name; exclude: [...]
    # topics: [backstage]                                 # only projects with one of these topics
    # catalog: [catalog-info.yaml, "*/catalog-info.yaml"] # where descriptors are (the default)
`;
  }
  const seen = new Set<string>();
  const entries = sources.repos.map((repo) => {
    let name = repoName(repo);
    for (let i = 2; seen.has(name); i++) name = `${repoName(repo)}-${i}`;
    seen.add(name);
    return `  - name: ${name}\n    git: ${q(repo)}\n`;
  });
  return `  # One entry per repository. For a private one over https, add \`token_env: GITHUB_TOKEN\` (the
  # name of the environment variable holding a read token); \`ref:\` picks a branch or tag.
${entries.join('')}`;
}
