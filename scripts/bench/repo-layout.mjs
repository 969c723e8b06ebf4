/**
 * Turns the org model into repositories: files per commit and the catalog globs each source needs.
 * Layouts vary on purpose (default globs, a `services/*` layout, multi-document files, `$text`
 * definitions beside descriptors, a file with a YAML syntax error).
 */
import { toYaml, toYamlStream } from './yaml-emit.mjs';
import { planDocSites, siteFiles } from './docs-site.mjs';

export const BASE_DATE = Date.UTC(2024, 0, 1) / 1000;
const DAY = 86400;
const chunk = (items, size) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Repos as `{name, catalogGlobs?, commits: [{date, message, files: Map<path, text>}]}`, plus the
 * docs sites and the entity/page `--touch-one` edits.
 */
export function layoutRepos(rng, model, { docsPages }) {
  const { serviceRepoNames, componentDocs, components, apiDocs, docsByRepo, invalidDocs } = model;
  const nService = serviceRepoNames.length;

  const orgFiles = new Map([['README.md', '# org\n\nGroups, users and domains of Acme.\n']]);
  chunk(model.org.groupDocs, 40).forEach((docs, i) => orgFiles.set(`groups/groups-${i + 1}.yaml`, toYamlStream(docs, { leadingMarker: i % 2 === 0 })));
  chunk(model.org.userDocs, 100).forEach((docs, i) => orgFiles.set(`users/users-${i + 1}.yaml`, toYamlStream(docs)));
  orgFiles.set('domains.yaml', toYamlStream(model.org.domainDocs, { comments: ['Product areas; each system names one.'] }));
  const repos = [{ name: 'org', catalogGlobs: ['groups/*.yaml', 'users/*.yaml', 'domains.yaml'], commits: [{ date: BASE_DATE, message: 'Org chart', files: orgFiles }] }];

  const eligible = components.map((_, i) => i);
  const sites = planDocSites(rng, eligible, docsPages);
  const siteOf = new Map(sites.map((s) => [s.component, s]));

  const componentDir = (r, name) => (r % 5 === 0 ? `services/${name}` : name);
  const byRepo = Array.from({ length: nService + 1 }, () => new Map());
  const apisByProvider = new Map();
  const rootApis = new Map();
  for (const a of apiDocs) {
    if (a.api.provider === null) rootApis.set(a.api.repo, [...(rootApis.get(a.api.repo) ?? []), a]);
    else apisByProvider.set(a.api.provider, [...(apisByProvider.get(a.api.provider) ?? []), a]);
  }

  let touch = null;
  components.forEach((c, i) => {
    const dir = componentDir(c.repo, c.name);
    const files = byRepo[c.repo];
    const doc = componentDocs[i];
    const site = siteOf.get(i);
    if (site) {
      doc.metadata.annotations['backstage.io/techdocs-ref'] = 'dir:.';
      const { files: siteFileList, pages } = siteFiles(rng, { entityName: c.name, pageCount: site.pageCount, withNav: !rng.chance(0.1) });
      for (const [p, text] of siteFileList) files.set(`${dir}/${p}`, text);
      if (!touch && pages.length > 1 && model.nsOfRepo(c.repo) === 'default') {
        touch = { repo: repoName(c.repo), descriptor: `${dir}/catalog-info.yaml`, entity: `component:default/${c.name}`, description: doc.metadata.description, page: `${dir}/docs/${pages[1].path}` };
      }
    }
    const provided = apisByProvider.get(i) ?? [];
    for (const a of provided) if (a.definitionFile) files.set(`${dir}/${a.definitionFile.name}`, a.definitionFile.text);
    files.set(`${dir}/catalog-info.yaml`, toYamlStream([doc, ...provided.map((a) => a.doc)]));
  });

  invalidDocs.forEach((inv, k) => {
    const r = 1 + Math.floor(((k + 0.5) * nService) / invalidDocs.length);
    docsByRepo.set(r, [...(docsByRepo.get(r) ?? []), { doc: inv.doc, comment: `Intentionally invalid: ${inv.why}` }]);
  });

  for (let r = 1; r <= nService; r++) {
    const files = byRepo[r];
    const rootDocs = [...(docsByRepo.get(r) ?? []), ...(rootApis.get(r) ?? []).map((a) => ({ doc: a.doc, file: a.definitionFile }))];
    for (const item of rootDocs) if (item.file) files.set(item.file.name, item.file.text);
    if (rootDocs.length) {
      files.set('catalog-info.yaml', toYamlStream(rootDocs.map((d) => d.doc), { comments: rootDocs.map((d) => d.comment) }));
    }
    if (r === Math.min(2, nService)) {
      // Broken YAML: the catalog must report it and still load the rest of the repo.
      files.set('broken/catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: broken-yaml\n   description: bad indentation\nspec:\n  type: service\n');
    }
    files.set('README.md', `# ${repoName(r)}\n\nServices of the ${repoName(r)} repository.\n`);
    const repo = { name: repoName(r), catalogGlobs: r % 5 === 0 ? ['catalog-info.yaml', 'services/*/catalog-info.yaml'] : undefined, commits: [] };
    const date = BASE_DATE + r * 60;
    if (r % 10 === 1 && r !== 1) {
      // A second commit: the first one had a draft descriptor and no changelog, so file histories differ.
      const [path, text] = [...files].find(([p]) => p.endsWith('catalog-info.yaml'));
      const first = new Map(files);
      first.set(path, text.replace(/description: (.*)/, 'description: Draft $1'));
      repo.commits.push({ date, message: 'Initial import', files: first });
      repo.commits.push({ date: date + 30 * DAY, message: 'Polish descriptions, add changelog', files: new Map([[path, text], ['CHANGELOG.md', '# Changelog\n\n- Polished descriptions.\n']]) });
    } else repo.commits.push({ date, message: 'Initial import', files });
    repos.push(repo);
  }
  return { repos, sites, touch };

  function repoName(r) {
    return serviceRepoNames[r - 1];
  }
}
