/** TechDocs sites for components: which components get docs, how many pages, and their files. */
import { toYaml } from './yaml-emit.mjs';
import { pageMarkdown } from './docs-text.mjs';

const TOPICS = [
  'getting-started', 'architecture', 'runbook', 'api-usage', 'faq', 'deployment', 'monitoring',
  'security', 'testing', 'release-process', 'troubleshooting', 'data-model', 'glossary', 'onboarding',
  'configuration', 'migrations', 'alerts', 'dashboards', 'dependencies', 'roadmap',
];
const SECTIONS = ['guides', 'reference', 'operations'];
/** Average pages per site; sizes vary (skewed) so a few sites are large, as in real orgs. */
const MEAN_PAGES = 9;

/** Split `pages` over sites on `eligible` components: [{component, pageCount}] with sum = pages. */
export function planDocSites(rng, eligible, pages) {
  if (pages <= 0 || eligible.length === 0) return [];
  const nSites = Math.min(eligible.length, Math.max(1, Math.ceil(pages / MEAN_PAGES)));
  const chosen = rng.sample(eligible, nSites);
  const sizes = chosen.map(() => 1);
  // Skewed extra pages: site k gets a share falling off with k.
  for (let extra = pages - nSites; extra > 0; extra--) sizes[Math.floor(Math.pow(rng.next(), 1.5) * nSites)]++;
  return chosen.map((component, k) => ({ component, pageCount: sizes[k] }));
}

const titleOf = (slug) => slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');

/** The pages of one site: index.md first, then topics, in sections when the site is big. */
export function sitePages(pageCount) {
  const pages = [{ path: 'index.md', title: 'Overview' }];
  for (let i = 1; i < pageCount; i++) {
    const topic = TOPICS[(i - 1) % TOPICS.length];
    const round = Math.floor((i - 1) / TOPICS.length);
    const slug = round === 0 ? topic : `${topic}-${round + 1}`;
    const title = titleOf(topic) + (round === 0 ? '' : ` ${round + 1}`);
    pages.push({ path: pageCount > 5 ? `${SECTIONS[i % SECTIONS.length]}/${slug}.md` : `${slug}.md`, title });
  }
  return pages;
}

function nav(pages) {
  const items = [{ Home: 'index.md' }];
  const sections = new Map();
  for (const p of pages.slice(1)) {
    const slash = p.path.indexOf('/');
    if (slash < 0) items.push({ [p.title]: p.path });
    else {
      const name = titleOf(p.path.slice(0, slash));
      if (!sections.has(name)) {
        sections.set(name, []);
        items.push({ [name]: sections.get(name) });
      }
      sections.get(name).push({ [p.title]: p.path });
    }
  }
  return items;
}

/** Files of one site, relative to the folder holding mkdocs.yml: [[path, text]]. */
export function siteFiles(rng, { entityName, pageCount, withNav }) {
  const pages = sitePages(pageCount);
  const mkdocs = {
    site_name: titleOf(entityName),
    site_description: `Documentation for ${entityName}`,
    nav: withNav ? nav(pages) : undefined,
    plugins: ['techdocs-core'],
  };
  const files = [['mkdocs.yml', toYaml(mkdocs)]];
  for (const page of pages) {
    const siblings = pages.filter((p) => p !== page);
    files.push([`docs/${page.path}`, pageMarkdown(rng, { entityName, page, siblings })]);
  }
  return { files, pages };
}
